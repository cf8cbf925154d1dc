"""Reading numbers people and forms send. `str.isdigit()` accepts "²" and "٣", which `int()`
refuses or reads as other digits; only ASCII digits count here."""

import re


def whole_number(text, *, max_digits: int = 9) -> int | None:
    """The whole number in `text` (ASCII digits, spaces around allowed), else None."""
    text = (text or "").strip()
    if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return int(text)
    return None


def database_text(text) -> str | None:
    """`text` as a string PostgreSQL can compare and store, or None when it holds a NUL
    character (U+0000), which PostgreSQL refuses in text: a query or a write with one fails
    (a 500) instead of finding nothing. Pass a string from the URL, the query string or a raw
    POST through this before it reaches a query; on None answer as for nothing found (404) or
    say that the input could not be read (forms: Django's CharField refuses NUL itself)."""
    text = "" if text is None else str(text)
    return None if "\x00" in text else text

"""Reading numbers people and forms send. `str.isdigit()` accepts "²" and "٣", which `int()`
refuses or reads as other digits; only ASCII digits count here."""

import re


def whole_number(text, *, max_digits: int = 9) -> int | None:
    """The whole number in `text` (ASCII digits, spaces around allowed), else None."""
    text = (text or "").strip()
    if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return int(text)
    return None

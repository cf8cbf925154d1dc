"""Reading numbers and names people and forms send. `str.isdigit()` accepts "²" and "٣", which
`int()` refuses or reads as other digits; only ASCII digits count here."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def whole_number(text, *, max_digits: int = 9) -> int | None:
    """The whole number in `text` (ASCII digits, spaces around allowed), else None."""
    text = (text or "").strip()
    if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return int(text)
    return None


# Invisible or steering characters have no place in a name: bidirectional overrides and
# isolates (a name that reads backwards in lists and e-mails), zero-width characters (two
# names that look the same), line breaks and other control characters (a name that splits a
# line of an export or an e-mail header). Unicode categories Cc (control) and Cf (format).
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})
_SPACES = re.compile(r"\s+")


def plain_name(text: str) -> str:
    """`text` as one line of visible characters: line breaks and other white space become
    one space, invisible and control characters go, the ends are trimmed."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text or ""))
    kept = "".join(c for c in text if unicodedata.category(c) not in INVISIBLE_CATEGORIES)
    return _SPACES.sub(" ", kept).strip()


def validate_name(value: str) -> None:
    """Model-level guard (admin forms, services): a name must already be plain."""
    if value and plain_name(value) != value:
        raise ValidationError(
            _("The name contains line breaks or invisible characters. Type it again."),
            code="invisible_characters",
        )


def database_text(text) -> str | None:
    """`text` as a string PostgreSQL can compare and store, or None when it holds a NUL
    character (U+0000), which PostgreSQL refuses in text: a query or a write with one fails
    (a 500) instead of finding nothing. Pass a string from the URL, the query string or a raw
    POST through this before it reaches a query; on None answer as for nothing found (404) or
    say that the input could not be read (forms: Django's CharField refuses NUL itself)."""
    text = "" if text is None else str(text)
    return None if "\x00" in text else text

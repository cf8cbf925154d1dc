"""E-mail addresses, one way everywhere (issue 14, finding 3).

**The normal form** (`normalise`) is what we store (`User.email`, allauth's
`EmailAddress.email`), look up by equality, send to and count rate limits on:

- the local part: Unicode NFKC, then casefold ("Kari" and "ＫＡＲＩ" are "kari");
- the domain: IDNA 2008 with the UTS #46 mapping (the `idna` package), as its ASCII
  form ("Blåbær.no" is "xn--blbr-roah.no"), lower case, no trailing dot.

PostgreSQL's `iexact` (`UPPER(a) = UPPER(b)`) folds the dotless "ı" to "I", so
`koordinator.lfb@medvırk.localhost` matched `koordinator.lfb@medvirk.localhost`. In the
normal form the two are different strings (`…@xn--medvrk-…`), so equality keeps them apart.

**Look-alikes** (`refuse_look_alike`): a new address whose domain is internationalised is
accepted only if it could not be taken for another address. We refuse a domain label that
- mixes Latin with Cyrillic or Greek letters (a real name in one script does not need that), or
- consists of ASCII letters and letters that look like ASCII ones (the dotless ı, Cyrillic
  а е о р с х у, Greek ο …: `LOOK_ALIKES`) — its whole point would be to look like an
  ASCII name, or
- looks like the domain of an address we already hold (same skeleton, different domain).

The first two rules do not depend on what is stored, so refusing tells nobody whether an
account exists. Genuine names such as "blåbær.no" or "пример.рф" have letters that look like
no ASCII letter and pass. Django's validator already refuses non-ASCII local parts.
"""

import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Letters that look like ASCII letters in common fonts (a small part of Unicode's
# confusables.txt: the Latin, Cyrillic and Greek ones that fit a domain name).
LOOK_ALIKES = {
    # Latin letters outside ASCII
    "ı": "i",
    "ɩ": "i",
    "ĸ": "k",
    "ɑ": "a",
    "ɡ": "g",
    "ǀ": "l",
    "ɪ": "i",
    # Cyrillic
    "а": "a",
    "е": "e",
    "һ": "h",
    "і": "i",
    "ј": "j",
    "ӏ": "l",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "г": "r",
    "ѕ": "s",
    "с": "c",
    "у": "y",
    "х": "x",
    "ԝ": "w",
    "ԁ": "d",
    "ү": "y",
    # Greek
    "α": "a",
    "ε": "e",
    "ι": "i",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "υ": "u",
    "χ": "x",
}
SCRIPTS_NOT_MIXED = ("LATIN", "CYRILLIC", "GREEK")

MESSAGES = {
    "invalid": _("Enter a valid e-mail address."),
    "look_alike": _(
        "This address has letters that look like other letters (such as a dotless ı or a "
        "Cyrillic а). Type the address with ordinary letters, or use another address."
    ),
}


def normalise(address: str) -> str:
    """The normal form of `address`; ValueError if it has no such form (no @, a domain IDNA
    refuses)."""
    text = unicodedata.normalize("NFKC", (address or "").strip())
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("not an e-mail address")
    local = unicodedata.normalize("NFKC", local.casefold()).strip()
    if not local:
        raise ValueError("no local part")
    try:
        ascii_domain = idna.encode(domain.rstrip("."), uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as error:
        raise ValueError("domain refused by IDNA") from error
    return f"{local}@{ascii_domain.lower()}"


def normalise_or_none(address: str) -> str | None:
    try:
        return normalise(address)
    except ValueError:
        return None


def normalise_loosely(address: str) -> str:
    """The normal form if there is one, else the text trimmed and casefolded: for keys (rate
    limits) and lookups that must not fail on nonsense."""
    return (
        normalise_or_none(address)
        or unicodedata.normalize("NFKC", (address or "").strip()).casefold()
    )


def look_alike_key(address: str) -> str:
    """One key for an address and all its look-alikes (the normal form with look-alike letters
    replaced): rate limits count on it, so trying `…@medvırk.no` uses up the allowance of
    `…@medvirk.no` too."""
    normal = normalise_loosely(address)
    local, at, domain = normal.rpartition("@")
    if not at:
        return skeleton(normal)
    return f"{skeleton(local)}@{_domain_skeleton(domain)}"


def _unicode_labels(ascii_domain: str) -> list[str]:
    labels = []
    for label in ascii_domain.split("."):
        try:
            labels.append(idna.decode(label) if label.startswith("xn--") else label)
        except (idna.IDNAError, UnicodeError):
            labels.append(label)
    return labels


def skeleton(text: str) -> str:
    """What `text` looks like: look-alike letters replaced by the ASCII letter they imitate."""
    return "".join(LOOK_ALIKES.get(character, character) for character in text)


def _scripts(label: str) -> set[str]:
    found = set()
    for character in label:
        if unicodedata.category(character).startswith("L"):
            found.add(unicodedata.name(character, "?").split(" ")[0])
    return found


def _label_looks_ascii(label: str) -> bool:
    if label.isascii():
        return False
    mixed = len(_scripts(label) & set(SCRIPTS_NOT_MIXED)) > 1
    imitates = skeleton(label).isascii()
    # A combining mark on an imitating letter ("ı" + dot above) draws an ordinary letter.
    marked = any(
        unicodedata.category(character) == "Mn" and skeleton(previous).isascii()
        for previous, character in zip(label, label[1:], strict=False)
    )
    return mixed or imitates or marked


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


def _domain_skeleton(ascii_domain: str) -> str:
    return ".".join(skeleton(label) for label in _unicode_labels(ascii_domain))


def look_alike(address: str) -> bool:
    """Whether the normal-form `address` is refused as a look-alike (module docstring)."""
    domain = _domain(address)
    if not any(label.startswith("xn--") for label in domain.split(".")):
        return False
    if any(_label_looks_ascii(label) for label in _unicode_labels(domain)):
        return True
    return _domain_is_taken_by_a_look_alike(domain)


def _domain_is_taken_by_a_look_alike(domain: str) -> bool:
    """Another internationalised domain we hold with the same skeleton (Cyrillic against
    Greek, say). Only internationalised domains are compared: an ASCII one cannot share a
    skeleton with a domain the rules above let through."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    wanted = _domain_skeleton(domain)
    internationalised = Q(email__contains="@xn--") | Q(email__contains=".xn--")
    held = set()
    for model in (get_user_model(), EmailAddress):
        rows = model.objects.filter(internationalised).exclude(email__endswith=f"@{domain}")
        held.update(_domain(email) for email in rows.values_list("email", flat=True))
    return any(_domain_skeleton(other) == wanted for other in held)


def clean_new_address(address: str) -> str:
    """The normal form of an address someone wants to use (sign-up, adding an address), or a
    ValidationError saying why not."""
    normal = normalise_or_none(address)
    if normal is None:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if look_alike(normal):
        raise ValidationError(MESSAGES["look_alike"], code="look_alike")
    return normal

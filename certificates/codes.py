"""Certificate codes: 10 characters of Crockford base32 (50 bits), shown as K7QM-2XPA-9D.

Crockford's alphabet leaves out I, L, O and U, so a code read aloud or typed from paper is
unambiguous; when matching, case, spaces and dashes are ignored and I/L read as 1, O as 0.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What someone typed → the stored form (or something that matches nothing)."""
    return "".join(ch for ch in text.upper() if ch not in " -\t").translate(_READ_AS)


def is_well_formed(code: str) -> bool:
    """A normalised code of the right length and alphabet (checked before any look-up)."""
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def display(code: str) -> str:
    return "-".join([code[:4], code[4:8], code[8:]])

"""The secret in an evaluation link, and the two different hashes that are stored instead of it
(the scheme is in `evaluation/models/gatherings.py`). Pure functions: no database, no clock."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

# Namespaces the HMAC, so an evaluation token is never equal to another use of SECRET_KEY.
TOKEN_KEY_SALT = "evaluation.invite-token"  # noqa: S105 - a namespace, not a password


def new_salt() -> str:
    """A fresh random salt for an invite (32 hex characters, the column's length)."""
    return secrets.token_hex(16)


def invite_token(salt: str) -> str:
    """The token in the link: an HMAC of the invite's salt with the site's secret. Without the
    salt (emptied when the evaluation closes) there is no token."""
    if not salt:
        raise ValueError("an invite without a salt has no token")
    return salted_hmac(TOKEN_KEY_SALT, salt, algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    """What the invite stores to find itself from a link."""
    return hashlib.sha256(token.encode()).hexdigest()


def edit_key(token: str) -> str:
    """What the response stores to be found again (and edited) from the same link; a different
    hash of the token, so the invite's hash and the response's key never match each other."""
    return hashlib.sha256(f"edit:{token}".encode()).hexdigest()

"""Links that carry one signed id and expire: a guardian's confirmation of an application or of
joining the network, a guardian's request for erasure. One salt per use, so a link made for one
use is refused by every other (`TimestampSigner`: the id, when it was signed, an HMAC)."""

from datetime import timedelta

from django.core import signing


def signed_id(salt: str, pk) -> str:
    """The token for the link: `pk` and the time, signed with the site's key and `salt`."""
    return signing.TimestampSigner(salt=salt).sign(str(pk))


def signed_id_read(salt: str, token: str, *, days: int) -> str | None:
    """The id in `token`, or None if it was not signed with `salt` or is older than `days`."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=timedelta(days=days))
    except signing.BadSignature:
        return None

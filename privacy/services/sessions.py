"""Which sessions belong to whom. Sessions live in the database (Django's default engine), but a
session row names its person only inside its encoded data; decoding every session to find one
person's is slow. So the session key is recorded when the person logs in, and again when a
password change gives the session a new key; erasure ends every recorded session at once.

A session not recorded here (one from before this record, or a key changed without a signal)
still stops working: erasure makes the password unusable, which changes the hash every session
is checked against, so Django flushes it on its next request; and the retention task deletes
expired sessions (`expired_sessions_delete`)."""

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction

from ..models import LoginSession


def login_session_record(*, user, session_key: str | None) -> None:
    """Idempotent; a key already recorded for someone else moves to this person (a key names
    one session, and the session now belongs to whoever logged in last)."""
    if not session_key or not getattr(user, "pk", None):
        return
    try:
        with transaction.atomic():
            LoginSession.objects.update_or_create(
                session_key=session_key, defaults={"user_id": user.pk}
            )
    except IntegrityError:  # the same key recorded at once by a parallel request
        pass


def sessions_end(*, user) -> int:
    """Delete every recorded session of the person (other devices are logged out and what the
    sessions held goes with them). In the caller's transaction. Returns how many ended."""
    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    LoginSession.objects.filter(user=user).delete()
    return deleted


def expired_sessions_delete(*, now) -> int:
    """Sessions past their expiry (Django's `clearsessions`, for the database engine), and the
    record of which person held them."""
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    live = Session.objects.filter(expire_date__gte=now).values("session_key")
    LoginSession.objects.exclude(session_key__in=live).delete()
    return deleted

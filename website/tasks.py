"""django-q2 task entry points for the site as a whole. Thin, idempotent, safe to run twice."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def clear_expired_sessions() -> int:
    """Delete expired login sessions (they hold who was logged in); returns how many went."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted

"""django-q2 task entry points for the site as a whole. Thin, idempotent, safe to run twice."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from .outbox import outbox_send_due
from .ratelimit import counters_clear_ended


def clear_expired_sessions() -> int:
    """Delete expired login sessions (they hold who was logged in); returns how many went."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def send_outbox() -> int:
    """Send what is due in the outbox (queued after each commit that wrote a message, and
    every minute by the schedule); returns how many e-mails went."""
    return outbox_send_due()


def clear_rate_limit_counters() -> int:
    """Delete rate-limit counters whose window has ended (hourly); returns how many went."""
    return counters_clear_ended()


def sweep_jobs() -> int:
    """Every five minutes: queue again the background jobs whose task was lost, and delete
    job files and jobs past their time (website/jobs.py); returns how many were queued."""
    from .jobs import jobs_sweep

    return jobs_sweep()

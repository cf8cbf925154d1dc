"""django-q2 entry points for evaluations. Thin wrappers around services, safe to run twice;
e-mails go through the outbox (website/outbox.py)."""

from .services.responses import evaluations_run


def run_evaluations():
    """Scheduled: invites for open evaluations, reminders due, evaluations that closed."""
    return evaluations_run()

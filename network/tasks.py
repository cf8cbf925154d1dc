"""django-q2 entry points for the network. Thin wrappers around services, safe to run twice;
e-mails go through the outbox (website/outbox.py)."""

from .services.assignments import assignments_complete


def complete_assignments():
    """Scheduled: matched requests whose last day has passed become completed, and both sides
    are asked for feedback."""
    return assignments_complete()

"""django-q2 entry points for gatherings. Thin wrappers around services, safe to run twice.
E-mails are not sent here: they go through the outbox (website/outbox.py). Tasks import
services; services queue tasks by their dotted path and never import this module."""

from .services import gathering_mail_send, invite_run_execute, invite_runs_resume, offers_expire


def expire_offers() -> int:
    return offers_expire()


def run_invites(run_id: int):
    run = invite_run_execute(run_id=run_id)
    return None if run is None else run.processed


def resume_invite_runs() -> int:
    """Scheduled: queue again the invite runs nobody is working on (their task was lost)."""
    return invite_runs_resume()


def send_reminders():
    """Scheduled: reminders due before gatherings and thank-yous after them."""
    return gathering_mail_send()

"""django-q2 entry points for gatherings. Thin wrappers around services, safe to run twice.
E-mails are not sent here: they go through the outbox (website/outbox.py)."""

from django_q.tasks import async_task


def expire_offers() -> int:
    from .services import offers_expire

    return offers_expire()


def queue_invite_run(run_id: int) -> None:
    async_task("cohorts.tasks.run_invites", run_id)


def run_invites(run_id: int):
    from .services import invite_run_execute

    run = invite_run_execute(run_id=run_id)
    return None if run is None else run.processed


def resume_invite_runs() -> int:
    """Scheduled: queue again the invite runs nobody is working on (their task was lost)."""
    from .services import invite_runs_resume

    return invite_runs_resume()

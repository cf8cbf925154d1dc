"""Calendar invites: which version each person should have, sending it once, and feed tokens.

One mechanism decides every invite (`_invite_due`): a confirmed participant of a gathering
that is not cancelled should hold a REQUEST with the gathering's current time and place;
anyone else who holds a REQUEST should get a CANCEL. Versions are numbered per gathering and
person (the invite's UID): each new one is the previous SEQUENCE plus one.

- A seat confirmed or cancelled: the enrolment's own transaction records the invite, and
  the e-mail goes by task after commit (`invite_follow`).
- A gathering's time, sessions or venue changed: the coordinator sees how many invites are
  out of date and sends the updates as a run (`invite_run_start`). Cancelling a gathering
  starts such a run by itself.
- Each invite's e-mail is written to the outbox (`website/outbox.py`) beside the invite, in
  one thread per person and gathering so they go in order; when it goes, `cohorts/messages.py`
  skips a version that a newer one has replaced (or a CANCEL for someone who never got an
  invite). The outbox sends each once (design rule 7).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django_q.tasks import async_task

from website import policy
from website.jobs import job_finish, job_start
from website.models import Job
from website.outbox import message_retry
from website.rules import RuleError

from ..messages import invite_enqueue
from ..models import CalendarFeed, CalendarInvite, Enrolment, Gathering, InviteRun
from ..selectors import (
    invite_content,
    invite_due,
    newest_enrolments,
)

Method = CalendarInvite.Method
RESEND_PAUSE = timedelta(minutes=1)
RUN_HEARTBEAT = timedelta(minutes=2)
INVITES_JOB = "cohorts.invites"

ERRORS = {
    "not_coordinator": gettext_lazy("Only the gathering's coordinators can send its invites."),
    "over": gettext_lazy("The gathering is over; invites are no longer sent."),
    "nothing_to_resend": gettext_lazy("This person has no invite to resend."),
    "just_sent": gettext_lazy("An invite was sent to this person less than a minute ago."),
}


class InviteError(RuleError):
    messages = ERRORS


def uid_domain() -> str:
    """The domain part of every UID. A setting, not the site's address, so that UIDs stay the
    same if the site moves (a changed UID would duplicate events in people's calendars)."""
    return settings.CALENDAR_UID_DOMAIN


def _latest(gathering_id, participant_id) -> CalendarInvite | None:
    return (
        CalendarInvite.objects.select_related("message")
        .filter(gathering_id=gathering_id, participant_id=participant_id)
        .order_by("-sequence", "-pk")
        .first()
    )


def _create(enrolment, **fields) -> CalendarInvite:
    """The invite and its e-mail in the outbox, in the caller's transaction."""
    invite = CalendarInvite.objects.create(
        gathering_id=enrolment.gathering_id,
        participant_id=enrolment.participant_id,
        enrolment=enrolment,
        **fields,
    )
    invite_enqueue(invite, participant=enrolment.participant)
    return invite


def _record(*, enrolment, current, run=None, actor=None, first=False) -> CalendarInvite | None:
    """Record the invite this enrolment's person is due, if any (caller holds a transaction).
    `first`: the caller knows the person holds no invite to the gathering (see `invite_follow`)."""
    latest = None if first else _latest(enrolment.gathering_id, enrolment.participant_id)
    method = invite_due(enrolment=enrolment, latest=latest, content=current)
    if method is None:
        return None
    return _create(
        enrolment,
        method=method,
        sequence=0 if latest is None else latest.sequence + 1,
        fingerprint=current.fingerprint,
        run=run,
        requested_by=actor,
    )


def invite_follow(
    *, enrolment: Enrolment, gathering: Gathering, now=None, organizer=None, first=False
) -> None:
    """After a seat is confirmed or given up: record the invite or cancellation this calls for,
    with its e-mail, in the same transaction (under the gathering's lock).

    What the application path read before taking the lock saves two reads under it:
    `organizer` (ORGANIZER; a coordinator changed in between makes the invite "out of date",
    as a change just after would), and `first` — the person held no invite to the gathering.
    That cannot have changed by the time the lock is held: every writer of invites holds the
    same lock, and for a person with no live enrolment and no invite none of them writes one
    (a cancellation needs a REQUEST to cancel, a resend one to repeat) except their own
    application, which the unique constraint on live enrolments lets through once."""
    if gathering.ends_at <= (now or timezone.now()):
        return
    _record(
        enrolment=enrolment, current=invite_content(gathering, organizer=organizer), first=first
    )


def _require_gathering_coordinator(actor, gathering) -> None:
    if not policy.permits(actor, policy.RUN, gathering):
        raise InviteError("not_coordinator")


def invite_run_start(*, gathering: Gathering, kind: str, actor, now=None) -> InviteRun:
    """A coordinator sends the whole gathering's invites by task: what is missing or out of
    date ("update"), or the current version again to everyone ("resend")."""
    _require_gathering_coordinator(actor, gathering)
    return _start_run(gathering=gathering, kind=kind, actor=actor, now=now)


def gathering_invites_follow(*, gathering: Gathering, actor=None, now=None) -> InviteRun | None:
    """After a gathering is cancelled or reinstated (`gathering_save` calls this on commit),
    everyone who holds an invite is told at once, without waiting for a coordinator."""
    if gathering.ends_at <= (now or timezone.now()):
        return None
    return _start_run(gathering=gathering, kind=InviteRun.Kind.UPDATE, actor=actor, now=now)


def _is_stale(run: InviteRun, now) -> bool:
    """Nobody is working on it: never claimed, or its worker stopped renewing the claim."""
    return (run.heartbeat_at or run.created_at) < now - RUN_HEARTBEAT


def _queue_run(run_id: int) -> None:
    """The run's task (`cohorts.tasks.run_invites`), named by its path: tasks call services,
    services never import tasks."""
    async_task("cohorts.tasks.run_invites", run_id)


def _start_run(*, gathering, kind, actor, now=None) -> InviteRun:
    """One run at a time per gathering: asking while one is going returns it (and queues it
    again if its worker has gone quiet, so a lost task cannot block the gathering)."""
    now = now or timezone.now()
    if gathering.ends_at <= now:
        raise InviteError("over")
    if kind not in InviteRun.Kind.values:
        raise ValueError(kind)
    with transaction.atomic():
        Gathering.objects.select_for_update().get(pk=gathering.pk)
        run = InviteRun.objects.filter(gathering=gathering, finished_at__isnull=True).first()
        if run is None:
            run = InviteRun.objects.create(gathering=gathering, kind=kind, requested_by=actor)
        elif not _is_stale(run, now):
            _follow_run(run, actor)
            return run
        _follow_run(run, actor)
        transaction.on_commit(lambda: _queue_run(run.pk))
        return run


def _run_jobs(run: InviteRun):
    """The progress bars that follow this run (website/jobs.py), one per person who asked.
    The run keeps its own row, claim and resume (the invites point at it); its task reports
    progress to these jobs and finishes them."""
    return Job.objects.filter(kind=INVITES_JOB, params__run=run.pk, finished_at__isnull=True)


def _follow_run(run: InviteRun, actor) -> None:
    """A progress bar for the person who asked, unless they already follow this run."""
    if getattr(actor, "pk", None) is None or _run_jobs(run).filter(requested_by=actor).exists():
        return
    job_start(
        kind=INVITES_JOB,
        actor=actor,
        subject=f"gathering:{run.gathering_id}",
        label=gettext("Sending calendar invites"),
        params={"run": run.pk},
    )


def _finish_run_jobs(run: InviteRun) -> None:
    """Each follower's summary, in their language, with the way back to the list."""
    sent = run.invites.count()
    url = reverse("cohorts_admin_invites", args=[run.gathering_id])
    for job in _run_jobs(run):
        with translation.override(job.language):
            job_finish(
                job,
                summary=gettext(
                    "Finished: %(sent)s invites on their way, %(total)s people checked."
                )
                % {"sent": sent, "total": run.total},
                links=[{"text": gettext("Show who has which version"), "url": url}],
            )


def _claim(run_id, now) -> bool:
    """Take the run unless another worker is at it (fresh heartbeat) or it is finished."""
    stale = now - RUN_HEARTBEAT
    return bool(
        InviteRun.objects.filter(pk=run_id, finished_at__isnull=True)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale))
        .update(heartbeat_at=now, processed=0)
    )


def invite_run_execute(*, run_id: int) -> InviteRun | None:
    """The task behind a run: one short transaction per person under the gathering's lock,
    reading the gathering, the person's newest enrolment and what is due afresh each time,
    then the e-mail; progress is saved as it goes. A last pass catches what changed while the
    run went (a cancelled gathering, an edited session, someone who just joined). Safe to run
    twice or to resume after a crash."""
    if not _claim(run_id, timezone.now()):
        return None
    run = InviteRun.objects.get(pk=run_id)
    people = [e.participant_id for e in newest_enrolments(run.gathering)]
    InviteRun.objects.filter(pk=run.pk).update(total=len(people))
    _run_jobs(run).update(total=len(people), done=0, heartbeat_at=timezone.now())
    resend = run.kind == InviteRun.Kind.RESEND
    for processed, participant_id in enumerate(people, start=1):
        _run_one(run, participant_id, resend=resend)
        now = timezone.now()
        InviteRun.objects.filter(pk=run.pk).update(processed=processed, heartbeat_at=now)
        _run_jobs(run).update(done=processed, heartbeat_at=now)
    for enrolment in newest_enrolments(run.gathering):
        _run_one(run, enrolment.participant_id, resend=False)
    run.refresh_from_db()
    _finish_run_jobs(run)  # before the run: a crash in between resumes the run, not the bars
    InviteRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _run_one(run: InviteRun, participant_id: int, *, resend: bool) -> None:
    """Record what one person is due, with its e-mail; the outbox sends it after commit."""
    try:
        with transaction.atomic():
            gathering = Gathering.objects.select_for_update().get(pk=run.gathering_id)
            enrolment = newest_enrolments(gathering, participant_id=participant_id)[0]
            content = invite_content(gathering)
            if resend:
                _resend_record(enrolment=enrolment, current=content, run=run)
            else:
                _record(enrolment=enrolment, current=content, run=run)
    except IntegrityError:
        pass  # recorded by another copy of this task in the meantime


def invite_runs_resume(*, now=None) -> int:
    """Queue again the runs nobody is working on (their task was lost or timed out); the
    run resumes where it stopped. Part of the scheduled sweep."""
    now = now or timezone.now()
    stale = [
        run for run in InviteRun.objects.filter(finished_at__isnull=True) if _is_stale(run, now)
    ]
    for run in stale:
        _queue_run(run.pk)
    return len(stale)


def _resend_record(*, enrolment, current, run=None, actor=None) -> CalendarInvite | None:
    """What this person should have now, sent again: a new version if theirs is out of date,
    otherwise a copy of their current one (same SEQUENCE, new DTSTAMP). Nothing while their
    newest version has not gone yet, nor twice in one run."""
    if run is not None and run.invites.filter(participant_id=enrolment.participant_id).exists():
        return None
    invite = _record(enrolment=enrolment, current=current, run=run, actor=actor)
    if invite is not None:
        return invite
    latest = _latest(enrolment.gathering_id, enrolment.participant_id)
    if latest is None or latest.method != Method.REQUEST or latest.unsent:
        return None
    return _create(
        enrolment,
        method=latest.method,
        sequence=latest.sequence,
        fingerprint=latest.fingerprint,
        resend=True,
        run=run,
        requested_by=actor,
    )


def invite_resend(*, enrolment: Enrolment, actor, now=None) -> CalendarInvite:
    """A coordinator sends one person their invite again (say, they deleted it). If their
    newest version has not gone yet (it failed, or waits in the queue), that one is tried
    again rather than a copy made."""
    now = now or timezone.now()
    gathering = enrolment.gathering
    _require_gathering_coordinator(actor, gathering)
    if gathering.ends_at <= now:
        raise InviteError("over")
    with transaction.atomic():
        Gathering.objects.select_for_update().get(pk=gathering.pk)
        enrolment = newest_enrolments(gathering, participant_id=enrolment.participant_id)[0]
        recent = CalendarInvite.objects.filter(
            gathering=gathering,
            participant_id=enrolment.participant_id,
            created_at__gt=now - RESEND_PAUSE,
        )
        if recent.exists():
            raise InviteError("just_sent")
        latest = _latest(gathering.pk, enrolment.participant_id)
        if latest is not None and latest.unsent and latest.message is not None:
            message_retry(message=latest.message)
            return latest
        invite = _resend_record(enrolment=enrolment, current=invite_content(gathering), actor=actor)
        if invite is None:
            raise InviteError("nothing_to_resend")
        return invite


def calendar_feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_replace(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save(update_fields=["token"])
    return feed

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
- The sender (`invite_send`) locks the person's invites for the gathering, skips a version
  that a newer one has replaced (or a CANCEL for someone who never got an invite), and marks
  the row sent: a retry or a task running twice sends nothing twice (design rule 7).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from website.rules import RuleError

from .. import ics
from ..models import CalendarFeed, CalendarInvite, Enrolment, Gathering, InviteRun
from ..selectors import (
    gatherings_for_checkin,
    invite_content,
    invite_due,
    newest_enrolments,
    organizer_for,
)

Method = CalendarInvite.Method
RESEND_PAUSE = timedelta(minutes=1)
RUN_HEARTBEAT = timedelta(minutes=2)
SWEEP_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 5

logger = logging.getLogger(__name__)

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
        CalendarInvite.objects.filter(gathering_id=gathering_id, participant_id=participant_id)
        .order_by("-sequence", "-pk")
        .first()
    )


def _record(*, enrolment, current, run=None, actor=None) -> CalendarInvite | None:
    """Record the invite this enrolment's person is due, if any (caller holds a transaction)."""
    latest = _latest(enrolment.gathering_id, enrolment.participant_id)
    method = invite_due(enrolment=enrolment, latest=latest, content=current)
    if method is None:
        return None
    return CalendarInvite.objects.create(
        gathering_id=enrolment.gathering_id,
        participant_id=enrolment.participant_id,
        enrolment=enrolment,
        method=method,
        sequence=0 if latest is None else latest.sequence + 1,
        fingerprint=current.fingerprint,
        run=run,
        requested_by=actor,
    )


def _queue_send(invite: CalendarInvite) -> None:
    from ..tasks import queue_invite

    transaction.on_commit(lambda: queue_invite(invite.pk))


def invite_follow(*, enrolment: Enrolment, gathering: Gathering, now=None) -> None:
    """After a seat is confirmed or given up: record the invite or cancellation this calls for
    in the same transaction, and send it once that has committed."""
    if gathering.ends_at <= (now or timezone.now()):
        return
    invite = _record(enrolment=enrolment, current=invite_content(gathering))
    if invite is not None:
        _queue_send(invite)


def _require_gathering_coordinator(actor, gathering) -> None:
    if not gatherings_for_checkin(actor).filter(pk=gathering.pk).exists():
        raise InviteError("not_coordinator")


def invite_run_start(*, gathering: Gathering, kind: str, actor, now=None) -> InviteRun:
    """A coordinator sends the whole gathering's invites by task: what is missing or out of
    date ("update"), or the current version again to everyone ("resend")."""
    _require_gathering_coordinator(actor, gathering)
    return _start_run(gathering=gathering, kind=kind, actor=actor, now=now)


def gathering_invites_follow(*, gathering: Gathering, actor=None, now=None) -> InviteRun | None:
    """After a gathering is cancelled (or reinstated) in the admin, everyone who holds an
    invite is told at once, without waiting for a coordinator."""
    if gathering.ends_at <= (now or timezone.now()):
        return None
    return _start_run(gathering=gathering, kind=InviteRun.Kind.UPDATE, actor=actor, now=now)


def _is_stale(run: InviteRun, now) -> bool:
    """Nobody is working on it: never claimed, or its worker stopped renewing the claim."""
    return (run.heartbeat_at or run.created_at) < now - RUN_HEARTBEAT


def _start_run(*, gathering, kind, actor, now=None) -> InviteRun:
    """One run at a time per gathering: asking while one is going returns it (and queues it
    again if its worker has gone quiet, so a lost task cannot block the gathering)."""
    from ..tasks import queue_invite_run

    now = now or timezone.now()
    if gathering.ends_at <= now:
        raise InviteError("over")
    if kind not in InviteRun.Kind.values:
        raise ValueError(kind)
    with transaction.atomic():
        Gathering.objects.select_for_update().get(pk=gathering.pk)
        run = InviteRun.objects.filter(gathering=gathering, finished_at__isnull=True).first()
        if run is not None and not _is_stale(run, now):
            return run
        if run is None:
            run = InviteRun.objects.create(gathering=gathering, kind=kind, requested_by=actor)
        transaction.on_commit(lambda: queue_invite_run(run.pk))
        return run


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
    resend = run.kind == InviteRun.Kind.RESEND
    for processed, participant_id in enumerate(people, start=1):
        _run_one(run, participant_id, resend=resend)
        InviteRun.objects.filter(pk=run.pk).update(processed=processed, heartbeat_at=timezone.now())
    for enrolment in newest_enrolments(run.gathering):
        _run_one(run, enrolment.participant_id, resend=False)
    InviteRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _run_one(run: InviteRun, participant_id: int, *, resend: bool) -> None:
    try:
        with transaction.atomic():
            gathering = Gathering.objects.select_for_update().get(pk=run.gathering_id)
            enrolment = newest_enrolments(gathering, participant_id=participant_id)[0]
            content = invite_content(gathering)
            if resend:
                invite = _resend_record(enrolment=enrolment, current=content, run=run)
            else:
                invite = _record(enrolment=enrolment, current=content, run=run)
    except IntegrityError:
        return  # recorded by another copy of this task in the meantime
    if invite is not None:
        invite_send(invite_id=invite.pk)


def invite_runs_resume(*, now=None) -> int:
    """Queue again the runs nobody is working on (their task was lost or timed out); the
    run resumes where it stopped. Part of the scheduled sweep."""
    from ..tasks import queue_invite_run

    now = now or timezone.now()
    stale = [
        run for run in InviteRun.objects.filter(finished_at__isnull=True) if _is_stale(run, now)
    ]
    for run in stale:
        queue_invite_run(run.pk)
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
    if latest is None or latest.method != Method.REQUEST or _unsent(latest):
        return None
    return CalendarInvite.objects.create(
        gathering_id=latest.gathering_id,
        participant_id=latest.participant_id,
        enrolment=enrolment,
        method=latest.method,
        sequence=latest.sequence,
        fingerprint=latest.fingerprint,
        resend=True,
        run=run,
        requested_by=actor,
    )


def _unsent(invite: CalendarInvite) -> bool:
    return invite.sent_at is None and not invite.skipped


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
        if latest is not None and _unsent(latest):
            CalendarInvite.objects.filter(pk=latest.pk).update(attempts=0)
            _queue_send(latest)
            return latest
        invite = _resend_record(enrolment=enrolment, current=invite_content(gathering), actor=actor)
        if invite is None:
            raise InviteError("nothing_to_resend")
        _queue_send(invite)
        return invite


def _is_replaced(invite: CalendarInvite, others) -> bool:
    """Not worth sending: a newer version exists, or it cancels an invite never sent."""
    if any(other.sequence > invite.sequence for other in others):
        return True
    if invite.method == Method.CANCEL:
        return not any(
            o.method == Method.REQUEST and o.sent_at and o.sequence < invite.sequence
            for o in others
        )
    return False


def invite_send(*, invite_id: int) -> bool:
    """Send one recorded invite unless it is sent or replaced; returns whether it sent now.
    Locking all of the person's invites for the gathering makes their e-mails go one at a
    time and in order, so a CANCEL never overtakes the REQUEST it cancels."""
    with transaction.atomic():
        invite = CalendarInvite.objects.filter(pk=invite_id).first()
        if invite is None:
            return False
        others = list(
            CalendarInvite.objects.select_for_update()
            .filter(gathering_id=invite.gathering_id, participant_id=invite.participant_id)
            .order_by("pk")
        )
        invite = next(o for o in others if o.pk == invite_id)
        if invite.sent_at is not None or invite.skipped:
            return False
        if _is_replaced(invite, [o for o in others if o.pk != invite.pk]):
            invite.skipped = True
            invite.save(update_fields=["skipped"])
            return False
        invite = CalendarInvite.objects.select_related(
            "gathering", "participant__user", "enrolment"
        ).get(pk=invite.pk)
        try:
            invite_message(invite).send()
        except Exception:
            # SMTP refused or is down: keep the row unsent; the sweep tries again later
            # (MAX_ATTEMPTS in all), the coordinator sees "could not be sent".
            logger.exception("Calendar invite %s could not be sent", invite.pk)
            invite.attempts += 1
            invite.save(update_fields=["attempts"])
            return False
        invite.sent_at = timezone.now()
        invite.save(update_fields=["sent_at"])
        return True


def invites_send_pending(*, now=None) -> int:
    """Send invites recorded but never sent (a worker died, or the queue lost a task).
    Scheduled; sends each at most once like any other copy of the task."""
    now = now or timezone.now()
    pending = CalendarInvite.objects.filter(
        sent_at__isnull=True,
        skipped=False,
        attempts__lt=MAX_ATTEMPTS,
        created_at__lte=now - SWEEP_AFTER,
    ).values_list("pk", flat=True)
    return sum(invite_send(invite_id=pk) for pk in list(pending))


def invite_calendar(invite: CalendarInvite, *, sessions=None, organizer=None) -> bytes:
    """The .ics of a recorded invite, as it was decided (method, SEQUENCE, DTSTAMP)."""
    gathering = invite.gathering
    participant = invite.participant
    if sessions is None:
        sessions = list(gathering.sessions.order_by("starts_at", "pk"))
    return ics.invite(
        gathering=gathering,
        sessions=sessions,
        attendee=ics.Person(participant.full_name, participant.user.email),
        organizer=organizer or organizer_for(gathering),
        method=invite.method,
        sequence=invite.sequence,
        uid=ics.invite_uid(
            gathering_id=gathering.pk, participant_id=participant.pk, domain=uid_domain()
        ),
        stamp=invite.created_at,
        url=f"{settings.WAGTAILADMIN_BASE_URL}{gathering.get_absolute_url()}",
    )


def _replaces_a_sent_request(invite: CalendarInvite) -> bool:
    """An update, as opposed to a first invitation (or one after a cancellation)."""
    previous = (
        CalendarInvite.objects.filter(
            gathering_id=invite.gathering_id,
            participant_id=invite.participant_id,
            sequence__lt=invite.sequence,
            sent_at__isnull=False,
        )
        .order_by("-sequence", "-pk")
        .first()
    )
    return previous is not None and previous.method == Method.REQUEST


def _invite_texts(invite: CalendarInvite) -> tuple[str, list[str]]:
    gathering = invite.gathering
    values = {"gathering": gathering.title}
    if invite.method == Method.CANCEL:
        if gathering.status == Gathering.Status.CANCELLED:
            return _("Cancelled: %(gathering)s") % values, [
                _("%(gathering)s has been cancelled.") % values,
                _("The attached cancellation removes it from your calendar."),
            ]
        return _("Removed from your calendar: %(gathering)s") % values, [
            _("You no longer have a seat at %(gathering)s.") % values,
            _("The attached cancellation removes it from your calendar."),
        ]
    if not invite.resend and _replaces_a_sent_request(invite):
        return _("Updated: %(gathering)s") % values, [
            _("The time, place or programme of %(gathering)s has changed.") % values,
            _("Open the attached invitation to update the event in your calendar."),
        ]
    return _("Calendar invitation: %(gathering)s") % values, [
        _("Your seat at %(gathering)s is confirmed.") % values,
        _("Open the attached invitation to add the gathering to your calendar."),
    ]


def invite_message(invite: CalendarInvite) -> EmailMultiAlternatives:
    """The e-mail: readable text and HTML, the invite as a `text/calendar; method=…` part (as
    calendar clients expect) and as the attachment `invite.ics`. Both carry the same bytes, so
    the part's `method=` always equals the file's METHOD."""
    participant = invite.participant
    organizer = organizer_for(invite.gathering)
    sessions = list(invite.gathering.sessions.order_by("starts_at", "pk"))
    with translation.override(participant.language):
        calendar = invite_calendar(invite, sessions=sessions, organizer=organizer)
        subject, paragraphs = _invite_texts(invite)
        if invite.method == Method.REQUEST:
            paragraphs.append(
                ics.programme_text(
                    gathering=invite.gathering,
                    sessions=sessions,
                    url=f"{settings.WAGTAILADMIN_BASE_URL}{invite.gathering.get_absolute_url()}",
                )
            )
        paragraphs.append(
            _("Questions? Reply to this e-mail to reach %(name)s.") % {"name": organizer.name}
        )
        context = {"name": participant.display_name, "paragraphs": paragraphs, "subject": subject}
        text = render_to_string("email/message.txt", context)
        html = render_to_string("email/message.html", context)
    message = EmailMultiAlternatives(
        subject, text, to=[participant.user.email], reply_to=[organizer.email]
    )
    message.attach_alternative(html, "text/html")
    message.attach_alternative(calendar.decode(), f"text/calendar; method={invite.method}")
    message.attach("invite.ics", calendar, "application/ics")
    return message


def calendar_feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_replace(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.save(update_fields=["token"])
    return feed

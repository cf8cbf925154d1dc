"""Reminders before a gathering and a thank-you after it, sent by the scheduler.

Each e-mail is keyed in the outbox by the enrolment and the reminder (`reminder:<id>:<days>`,
`thanks:<id>`), so a run repeated, or two runs at once, write it once. A run looks at what is
due *now*: a reminder whose moment passed while the worker was down goes on the next run —
only the latest one due, not every one missed — and never once the gathering has started.
Whether it is still wanted is asked again when the outbox sends it (`cohorts.messages`): a
gathering cancelled or an application withdrawn in between is skipped.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from website.models import OutboxMessage

from ..messages import reminder_enqueue, reminder_key, thanks_enqueue, thanks_key
from ..models import Attendance, Enrolment, Gathering
from ..models.gatherings import REMINDER_MAX_DAYS

# A thank-you goes within this long after the end (a worker that was down for longer, or a
# gathering's attendance entered much later, does not send thanks weeks after).
THANKS_WITHIN = timedelta(days=14)


def reminder_due(gathering: Gathering, now) -> tuple[int, object] | None:
    """The reminder due now (days before, and its moment): the latest one whose moment has
    passed, while the gathering has not started; None when none is."""
    if gathering.status != Gathering.Status.PUBLISHED or now >= gathering.starts_at:
        return None
    passed = [
        days
        for days in gathering.reminder_day_list
        if gathering.starts_at - timedelta(days=days) <= now
    ]
    if not passed:
        return None
    days = min(passed)
    return days, gathering.starts_at - timedelta(days=days)


def _new(keys: list[str]) -> set[str]:
    return set(keys) - set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))


def reminders_send(*, now=None) -> int:
    """Write the reminders due now for every published gathering about to start; returns how
    many were written now. A person confirmed after a reminder's moment does not get that
    one (they just had the confirmation); they get the next."""
    now = now or timezone.now()
    written = 0
    gatherings = Gathering.objects.filter(
        status=Gathering.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=REMINDER_MAX_DAYS),
    ).order_by("starts_at", "pk")
    for gathering in gatherings:
        due = reminder_due(gathering, now)
        if due is None:
            continue
        days, moment = due
        with transaction.atomic():
            enrolments = list(
                Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED)
                .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=moment))
                .select_related("participant__user")
                .order_by("pk")
            )
            fresh = _new([reminder_key(enrolment, days) for enrolment in enrolments])
            for enrolment in enrolments:
                if reminder_key(enrolment, days) in fresh:
                    reminder_enqueue(enrolment, days)
                    written += 1
    return written


def thanks_send(*, now=None) -> int:
    """Write the thank-you to everyone who attended a gathering that ended (within
    `THANKS_WITHIN`), once each; returns how many were written now."""
    now = now or timezone.now()
    written = 0
    gatherings = Gathering.objects.filter(
        status__in=[Gathering.Status.PUBLISHED, Gathering.Status.COMPLETED],
        ends_at__lte=now,
        ends_at__gt=now - THANKS_WITHIN,
    ).order_by("ends_at", "pk")
    attended = Attendance.objects.filter(
        enrolment=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES
    )
    for gathering in gatherings:
        with transaction.atomic():
            enrolments = list(
                Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED)
                .filter(Exists(attended))
                .select_related("participant__user")
                .order_by("pk")
            )
            fresh = _new([thanks_key(enrolment) for enrolment in enrolments])
            for enrolment in enrolments:
                if thanks_key(enrolment) in fresh:
                    thanks_enqueue(enrolment)
                    written += 1
    return written


def gathering_mail_send(*, now=None) -> tuple[int, int]:
    """The scheduler's run: reminders due, then thank-yous due."""
    now = now or timezone.now()
    return reminders_send(now=now), thanks_send(now=now)

"""Gatherings: saving one with its quotas and timetable, and what a change of status sets off.

The administrator's form (cohorts/viewsets.py) checks the quotas with `gathering_quotas_check`
to show the message beside the capacity, and saves through `gathering_save`, which checks
again — so the rule holds for any other caller too.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.rules import RuleError

from ..models import Gathering, Quota, Session
from .calendar import gathering_invites_follow


class GatheringError(RuleError):
    messages = {
        "quotas_over_capacity": _("The quotas reserve %(reserved)s seats, more than the capacity."),
        "slug_taken": _("Another gathering already has this web address."),
    }


def gathering_quotas_check(*, capacity: int, quotas) -> None:
    """Quotas reserve seats out of the capacity (the rest is the shared pool), so together they
    may not reserve more than it holds. `quotas`: the seats of each quota."""
    reserved = sum(quotas)
    if reserved > capacity:
        raise GatheringError("quotas_over_capacity", reserved=reserved)


def gathering_save(*, gathering: Gathering, actor=None) -> Gathering:
    """Save a gathering with the quotas and sessions it holds (the admin's form keeps them in
    memory until now). When it is cancelled, or a cancellation is taken back, everyone holding
    a calendar invite is told at once: an invite run starts when the change has committed.
    The gathering's row is locked first, so no application slips past a cancellation."""
    gathering_quotas_check(
        capacity=gathering.capacity, quotas=[quota.seats for quota in gathering.quotas.all()]
    )
    with transaction.atomic():
        before = None
        if gathering.pk is not None:
            before = (
                Gathering.objects.select_for_update()
                .filter(pk=gathering.pk)
                .values_list("status", flat=True)
                .first()
            )
        gathering.save()
        cancelled = Gathering.Status.CANCELLED
        if before not in (None, gathering.status) and cancelled in (before, gathering.status):
            transaction.on_commit(
                lambda: gathering_invites_follow(gathering=gathering, actor=actor)
            )
    return gathering


# Not copied to a duplicate: its own identity, status and calendar counter; times are shifted.
_NOT_COPIED = {"id", "slug", "status", "revision", "year"}
_SHIFTED = ("starts_at", "ends_at", "enrolment_opens_at", "enrolment_closes_at")


def _next_year_text(text: str, old_year: int, new_year: int) -> str:
    return text.replace(str(old_year), str(new_year)) if old_year != new_year else text


def _shifted(moment: datetime, days: int) -> datetime:
    """The same time of day on the wall clock `days` later (09:00 stays 09:00 across a change
    to or from summer time)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=days), local.time()))


def gathering_duplicate(*, gathering: Gathering, starts_on: date, slug: str) -> Gathering:
    """A copy of `gathering` for another season: its settings, quotas, timetable (sessions) and
    coordinators, every date moved by as many days as it takes to start on `starts_on` (times of
    day kept); the year follows the new start (and a year in the title with it). The copy is a
    draft with no applications, so nobody sees it until an administrator publishes it."""
    slug = slug.strip()
    if Gathering.objects.filter(slug=slug).exists():
        raise GatheringError("slug_taken")
    days = (starts_on - timezone.localtime(gathering.starts_at).date()).days
    new_year = starts_on.year
    fields = {
        field.attname: getattr(gathering, field.attname)
        for field in Gathering._meta.concrete_fields
        if field.attname not in _NOT_COPIED
    }
    for name in _SHIFTED:
        fields[name] = _shifted(fields[name], days)
    for name in ("title", "title_en"):
        fields[name] = _next_year_text(fields[name], gathering.year, new_year)
    with transaction.atomic():
        copy = Gathering.objects.create(
            **fields, slug=slug, year=new_year, status=Gathering.Status.DRAFT
        )
        Quota.objects.bulk_create(
            Quota(gathering=copy, organisation_id=quota.organisation_id, seats=quota.seats)
            for quota in gathering.quotas.all()
        )
        Session.objects.bulk_create(
            Session(
                gathering=copy,
                title=session.title,
                title_en=session.title_en,
                starts_at=_shifted(session.starts_at, days),
                ends_at=_shifted(session.ends_at, days),
                room=session.room,
                module_id=session.module_id,
            )
            for session in gathering.sessions.all()
        )
        copy.coordinators.set(gathering.coordinators.all())
    return copy


def gathering_duplicate_slug(gathering: Gathering, new_year: int) -> str:
    """A free web address for a copy: the year swapped in the old one, else "-kopi", "-kopi-2"…"""
    base = _next_year_text(gathering.slug, gathering.year, new_year)
    if base == gathering.slug:
        base = f"{gathering.slug}-kopi"
    slug, number = base[:80], 2
    while Gathering.objects.filter(slug=slug).exists():
        slug = f"{base[:74]}-{number}"
        number += 1
    return slug

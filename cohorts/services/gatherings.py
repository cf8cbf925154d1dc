"""Gatherings: saving one with its quotas and timetable, and what a change of status sets off.

The administrator's form (cohorts/viewsets.py) checks the quotas with `gathering_quotas_check`
to show the message beside the capacity, and saves through `gathering_save`, which checks
again — so the rule holds for any other caller too.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from website.rules import RuleError

from ..models import Gathering
from .calendar import gathering_invites_follow


class GatheringError(RuleError):
    messages = {
        "quotas_over_capacity": _("The quotas reserve %(reserved)s seats, more than the capacity."),
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

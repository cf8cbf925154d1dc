"""Moving an application to another gathering (issue 16): the target's rules are checked again.

The old application ends (cancelled, "moved to …") and a new one starts in the target
("moved from …"), both with the actor and the reason, in one transaction that locks both
gatherings in id order (so two moves the opposite way cannot deadlock) before it counts seats.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from website import policy
from website.rules import reason_problem

from ..messages import enrolment_notify as _notify
from ..models import Enrolment, Gathering
from ..selectors import seat_counts
from .calendar import invite_follow
from .enrolment import (
    EnrolmentError,
    State,
    _check_applicant,
    _check_not_duplicate,
    _enter,
    _lock_gathering,
    _log,
    _offer_free_seats,
    _require_coordinator,
    _seat_notification,
    _seat_state,
    _transition,
)

MOVE_ERRORS = {
    "same_gathering": _("The application is already for this gathering."),
    "target_closed": _(
        "Applications can only be moved to a published gathering that has not started."
    ),
    "target_not_yours": _("You cannot move applications to that gathering."),
}

# Recorded in both histories, in the site's language (like the reasons staff type).
MOVED_TO = pgettext_lazy("enrolment history", "Moved to %(gathering)s: %(reason)s")
MOVED_FROM = pgettext_lazy("enrolment history", "Moved from %(gathering)s: %(reason)s")


class MoveError(EnrolmentError):
    messages = {**EnrolmentError.messages, **MOVE_ERRORS}


def move_targets(*, user, enrolment: Enrolment, now=None):
    """The gatherings `user` may move `enrolment` to: published, not started, visible to them
    (their organisations' or their own gatherings; every one for an administrator)."""
    now = now or timezone.now()
    gatherings = Gathering.objects.filter(
        status=Gathering.Status.PUBLISHED, starts_at__gt=now
    ).exclude(pk=enrolment.gathering_id)
    return policy.visible(user, gatherings, policy.VIEW).order_by("starts_at", "pk")


def _new_state(enrolment, old_state, target, counts, now):
    """The state the application takes in the target: a seat needs a free seat there (quota or
    pool); a waiting-list place needs a waiting list; an application awaiting review waits."""
    if old_state in Enrolment.SEAT_STATES:
        if not counts.has_seat_for(enrolment.organisation_id):
            raise MoveError("no_seat")
        if old_state == State.OFFERED:
            enrolment.offered_at = now
            enrolment.offer_expires_at = now + timedelta(hours=target.offer_deadline_hours)
            return State.OFFERED, "offered"
        # A guardian confirms one gathering: an under-18 confirms again for the new one.
        state, enrolment.offer_expires_at = _seat_state(enrolment, now)
        return state, _seat_notification(state)
    if old_state == State.WAITLISTED:
        if not target.has_waiting_list:
            raise MoveError("full")
        return State.WAITLISTED, "waitlisted"
    return State.APPLIED, "received"


def enrolment_transfer(
    *, enrolment: Enrolment, gathering: Gathering, actor, reason: str, now=None
) -> Enrolment:
    """A coordinator moves a live application to another gathering. Returns the new one.
    Refused (MoveError, nothing changed): not theirs, the same or a closed target, the target's
    rules (membership, level, guardian, one live application per person, a seat or a waiting
    list). A seat freed in the old gathering is offered to its waiting list at once."""
    if problem := reason_problem(reason):
        raise MoveError(**problem)
    reason = reason.strip()
    if not reason:
        raise MoveError("reason_required")
    if gathering.pk == enrolment.gathering_id:
        raise MoveError("same_gathering")
    try:
        with transaction.atomic():
            locked = {
                pk: _lock_gathering(pk) for pk in sorted({enrolment.gathering_id, gathering.pk})
            }
            old_gathering, target = locked[enrolment.gathering_id], locked[gathering.pk]
            now = now or timezone.now()
            old = Enrolment.objects.select_related("participant", "organisation").get(
                pk=enrolment.pk
            )
            _require_coordinator(actor, old)
            if not move_targets(user=actor, enrolment=old, now=now).filter(pk=target.pk).exists():
                if policy.permits(actor, policy.VIEW, target):
                    raise MoveError("target_closed")
                raise MoveError("target_not_yours")
            if old.state not in Enrolment.LIVE_STATES:
                raise MoveError("wrong_state")
            _check_applicant(
                participant=old.participant,
                gathering=target,
                organisation=old.organisation,
                now=now,
            )
            _check_not_duplicate(participant=old.participant, gathering=target)
            new = Enrolment(
                participant=old.participant,
                gathering=target,
                organisation=old.organisation,
                motivation=old.motivation,
                needs=old.needs,
            )
            state, kind = _new_state(new, old.state, target, seat_counts(target), now)
            with translation.override(settings.LANGUAGE_CODE):
                moved_to = str(MOVED_TO % {"gathering": target.title, "reason": reason})
                moved_from = str(MOVED_FROM % {"gathering": old_gathering.title, "reason": reason})
            held_seat = old.state in Enrolment.SEAT_STATES
            _transition(old, State.CANCELLED, actor=actor, reason=moved_to, now=now)
            _enter(new, state, now)
            new.save()
            _log(new, to_state=state, actor=actor, reason=moved_from)
            _notify(new, kind)
            if state == State.CONFIRMED:
                invite_follow(enrolment=new, gathering=target, now=now)
            if held_seat:
                _offer_free_seats(old_gathering, seat_counts(old_gathering), now)
            return new
    except IntegrityError:
        # The person applied to the target at the same moment: the constraint kept one.
        raise MoveError("duplicate") from None

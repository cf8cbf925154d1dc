"""After the assignment (issue 18, item 5): a matched request becomes completed once its last
day has passed, and both sides are asked for short feedback through the outbox; the member's
answer carries the hours spent, which the erfaringslogg adds up.

- `assignments_complete` is the scheduled run (network.tasks.complete_assignments). Each
  request is locked and re-read before it changes, and every e-mail is keyed
  (`network_feedback_member:<invitation>`, `network_feedback_service:<request>`), so a second
  run, or two at once, changes and sends nothing more.
- `member_feedback_submit` and `service_feedback_submit`: one answer per side and assignment
  (a unique constraint); sending the form again changes the answer (the form says so).
  The service answers once for the request; with several members on it, the same answer is
  kept beside each member's invitation, so a coordinator reads it where they read the
  member's.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.outbox import message_enqueue
from website.rules import RuleError

from ..models import (
    AssignmentFeedback,
    Membership,
    RequestEvent,
    RequestInvitation,
    ServiceRequest,
)
from .history import request_step

MEMBER_FEEDBACK_KIND = "network_feedback_member"
SERVICE_FEEDBACK_KIND = "network_feedback_service"
HOURS_MAX = Decimal("999")

ERRORS = {
    "rating": _("Choose how it went, from 1 (badly) to 5 (very well)."),
    "hours": _("Write the hours you spent as a number from 0 to 999, for example 2,5."),
    "not_finished": _("The assignment is not finished yet, so it cannot get feedback."),
}


class FeedbackError(RuleError):
    messages = ERRORS


def last_day(request: ServiceRequest) -> date:
    """The assignment's last day: its end date, else its start date."""
    return request.ends_on or request.starts_on


def finished_requests():
    """Requests whose assignment took place: completed, or closed after being completed."""
    completed = RequestEvent.objects.filter(request=OuterRef("pk"), kind="completed")
    return ServiceRequest.objects.filter(
        Q(state=ServiceRequest.State.COMPLETED)
        | Q(state=ServiceRequest.State.CLOSED) & Exists(completed)
    )


def member_feedback_key(invitation) -> str:
    return f"{MEMBER_FEEDBACK_KIND}:{invitation.pk}"


def service_feedback_key(request) -> str:
    return f"{SERVICE_FEEDBACK_KIND}:{request.pk}"


def assignments_complete(*, now=None) -> int:
    """Mark every matched request whose last day is before today completed, and ask its
    confirmed members and the service for feedback. Returns how many were completed now."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = ServiceRequest.objects.filter(state=ServiceRequest.State.MATCHED).filter(
        Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today)
    )
    completed = 0
    for pk in candidates.order_by("pk").values_list("pk", flat=True):
        completed += assignment_complete(request_id=pk, now=now)
    return completed


def assignment_complete(*, request_id: int, now=None) -> bool:
    """One request: completed and both sides asked, in one transaction; False when another
    run got there first or the request changed in the meantime."""
    now = now or timezone.now()
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().filter(pk=request_id).first()
        if (
            request is None
            or request.state != ServiceRequest.State.MATCHED
            or last_day(request) >= timezone.localdate(now)
        ):
            return False
        request.state = ServiceRequest.State.COMPLETED
        request.save(update_fields=["state"])
        request_step(request=request, step="completed", now=now)
        invitations = list(
            request.invitations.filter(
                state=RequestInvitation.State.CONFIRMED, membership__isnull=False
            )
            .select_related("membership__participant__user")
            .order_by("pk")
        )
        for invitation in invitations:
            participant = invitation.membership.participant
            message_enqueue(
                kind=MEMBER_FEEDBACK_KIND,
                key=member_feedback_key(invitation),
                to=participant.user.email,
                name=participant.display_name,
                language=participant.language,
                context={"invitation_id": invitation.pk},
                about=participant.user,
            )
        if invitations and request.contact_email and request.anonymised_at is None:
            message_enqueue(
                kind=SERVICE_FEEDBACK_KIND,
                key=service_feedback_key(request),
                to=request.contact_email,
                name=request.contact_name,
                language=request.language,
                context={"request_id": request.pk},
            )
    return True


def _clean_rating(rating) -> int:
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        raise FeedbackError("rating") from None
    if not 1 <= rating <= 5:
        raise FeedbackError("rating")
    return rating


def _clean_hours(hours) -> Decimal:
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (ArithmeticError, TypeError, ValueError):
        raise FeedbackError("hours") from None
    if not hours.is_finite() or not 0 <= hours <= HOURS_MAX:
        raise FeedbackError("hours")
    return hours


def _save_feedback(invitation, side, rating, comment, now) -> bool:
    """Write (or change) one side's answer; True when it is the first."""
    _feedback, created = AssignmentFeedback.objects.update_or_create(
        invitation=invitation,
        side=side,
        defaults={"rating": rating, "comment": comment, "submitted_at": now},
    )
    return created


def member_feedback_submit(
    *, invitation: RequestInvitation, actor, rating, comment: str, hours, now=None
) -> AssignmentFeedback:
    """The member's answer about a finished assignment, with the hours for the erfaringslogg.
    The caller has checked that the invitation is the actor's own (policy OWN)."""
    now = now or timezone.now()
    rating, hours = _clean_rating(rating), _clean_hours(hours)
    with transaction.atomic():
        invitation = (
            RequestInvitation.objects.select_for_update(of=("self",))
            .select_related("request")
            .get(pk=invitation.pk)
        )
        finished = finished_requests().filter(pk=invitation.request_id).exists()
        if invitation.state != RequestInvitation.State.CONFIRMED or not finished:
            raise FeedbackError("not_finished")
        first = _save_feedback(
            invitation, AssignmentFeedback.Side.MEMBER, rating, comment.strip(), now
        )
        invitation.hours = hours
        invitation.save(update_fields=["hours"])
        # Answering counts as being active in the network (retention's inactivity rule).
        Membership.objects.filter(pk=invitation.membership_id).update(last_active_at=now)
        request_step(
            request=invitation.request,
            step="feedback",
            actor=actor,
            invitation=invitation,
            detail="member" if first else "member, changed",
            now=now,
        )
        return invitation.feedback.get(side=AssignmentFeedback.Side.MEMBER)


def service_feedback_submit(*, request: ServiceRequest, rating, comment: str, now=None) -> int:
    """The service's answer about a finished assignment (through its request link), kept
    beside each confirmed member's invitation. Returns how many invitations it was kept on."""
    now = now or timezone.now()
    rating = _clean_rating(rating)
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        if not finished_requests().filter(pk=request.pk).exists():
            raise FeedbackError("not_finished")
        invitations = list(
            request.invitations.filter(state=RequestInvitation.State.CONFIRMED).order_by("pk")
        )
        if not invitations:
            raise FeedbackError("not_finished")
        first = False
        for invitation in invitations:
            first |= _save_feedback(
                invitation, AssignmentFeedback.Side.SERVICE, rating, comment.strip(), now
            )
        request_step(
            request=request,
            step="feedback",
            detail="service" if first else "service, changed",
            now=now,
        )
        return len(invitations)


def service_feedback_for(request: ServiceRequest) -> AssignmentFeedback | None:
    """The service's answer, if it gave one (the same on each confirmed invitation)."""
    return (
        AssignmentFeedback.objects.filter(
            invitation__request=request, side=AssignmentFeedback.Side.SERVICE
        )
        .order_by("pk")
        .first()
    )

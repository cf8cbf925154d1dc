"""The e-mails after an assignment: both sides asked for short feedback. The outbox rows hold
ids only; the links are built when the e-mail goes, and an e-mail no longer needed (answered
already, the member left, the request's contact removed) is skipped."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts.messages import organisation_contact
from website.outbox import Email
from website.views import public_url

from ..models import AssignmentFeedback, RequestInvitation, ServiceRequest
from ..services.assignments import MEMBER_FEEDBACK_KIND, SERVICE_FEEDBACK_KIND


def render_member_feedback(message) -> Email | None:
    invitation = (
        RequestInvitation.objects.select_related("request", "organisation", "membership")
        .filter(pk=message.context["invitation_id"], state=RequestInvitation.State.CONFIRMED)
        .exclude(membership=None)
        .first()
    )
    if invitation is None or invitation.feedback.filter(side="member").exists():
        return None
    reply_to, signature = organisation_contact(invitation.organisation)
    return Email(
        template=MEMBER_FEEDBACK_KIND,
        context={
            "service_request": invitation.request,
            "feedback_url": public_url(
                reverse("network:assignment_feedback", args=[invitation.pk])
            ),
            "log_url": public_url(reverse("network:erfaringslogg")),
        },
        reply_to=reply_to,
        signature=signature,
    )


def render_service_feedback(message) -> Email | None:
    request = (
        ServiceRequest.objects.filter(pk=message.context["request_id"], anonymised_at=None)
        .exclude(contact_email="")
        .first()
    )
    if request is None:
        return None
    if AssignmentFeedback.objects.filter(
        invitation__request=request, side=AssignmentFeedback.Side.SERVICE
    ).exists():
        return None
    invitation = (
        request.invitations.filter(state=RequestInvitation.State.CONFIRMED)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    reply_to, signature = organisation_contact(invitation.organisation if invitation else None)
    return Email(
        template=SERVICE_FEEDBACK_KIND,
        context={
            "service_request": request,
            "feedback_url": public_url(reverse("network:service_feedback", args=[request.token])),
        },
        reply_to=reply_to,
        signature=signature,
    )


def register(register) -> None:
    register(
        MEMBER_FEEDBACK_KIND, render_member_feedback, _("Feedback after an assignment (member)")
    )
    register(
        SERVICE_FEEDBACK_KIND, render_service_feedback, _("Feedback after an assignment (service)")
    )

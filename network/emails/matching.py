"""The e-mails of matching (issue 18 item 4): the invitation to a member, the member's contact
to the service once they accept (design rule 11: never before), the member's receipt with the
service's contact, a decline to the coordinator who invited, and the confirmed match to both.

The outbox row holds the invitation's id only; each renderer reads the invitation when the
e-mail goes and skips it when it no longer holds (withdrawn, the member left the network).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from website.outbox import Email

from ..models import RequestInvitation
from ..services.matching import (
    ACCEPT_RECEIPT_KIND,
    CONFIRMED_KIND,
    CONTACT_KIND,
    DECLINED_KIND,
    INVITATION_KIND,
)

InvitationState = RequestInvitation.State
SHARED = (InvitationState.ACCEPTED, InvitationState.CONFIRMED)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_url(invitation) -> str:
    return absolute(reverse("network:invitation", args=[invitation.pk]))


def _invitation(message) -> RequestInvitation | None:
    return (
        RequestInvitation.objects.select_related("request", "membership__participant__user")
        .filter(
            pk=message.context.get("invitation_id"),
            membership__isnull=False,
            request__anonymised_at=None,
        )
        .first()
    )


def render_invitation(message) -> Email | None:
    """To the member: what the request is, and the link to answer it on My page."""
    invitation = _invitation(message)
    if invitation is None or invitation.state != InvitationState.INVITED:
        return None
    return Email(
        template=INVITATION_KIND,
        context={
            "request": invitation.request,
            "note": invitation.note,
            "invitation_url": invitation_url(invitation),
        },
    )


def render_contact(message) -> Email | None:
    """To the service: the member who said yes, with the contact they chose. Only while the
    invitation stands accepted (rule 11)."""
    invitation = _invitation(message)
    if invitation is None or invitation.state not in SHARED:
        return None
    service_request = invitation.request
    return Email(
        template=CONTACT_KIND,
        context={
            "request": service_request,
            "member_name": invitation.membership.participant.display_name,
            "member_email": invitation.shared_email,
            "member_phone": invitation.shared_phone,
            "request_url": absolute(service_request.get_absolute_url()),
        },
        reply_to=[invitation.shared_email] if invitation.shared_email else [],
    )


def render_accept_receipt(message) -> Email | None:
    """To the member: thank you, and whom to contact at the service."""
    invitation = _invitation(message)
    if invitation is None or invitation.state not in SHARED:
        return None
    service_request = invitation.request
    return Email(
        template=ACCEPT_RECEIPT_KIND,
        context={
            "request": service_request,
            "invitation_url": invitation_url(invitation),
        },
        reply_to=[service_request.contact_email],
    )


def render_declined(message) -> Email | None:
    """To the coordinator who invited: a member said no (who, they see on the request's page)."""
    invitation = _invitation(message)
    if invitation is None or invitation.state != InvitationState.DECLINED:
        return None
    return Email(
        template=DECLINED_KIND,
        context={
            "request": invitation.request,
            "admin_url": absolute(reverse("network_admin_request", args=[invitation.request_id])),
        },
    )


def render_confirmed(message) -> Email | None:
    """To the member and to the service: the match is confirmed."""
    invitation = _invitation(message)
    if invitation is None or invitation.state != InvitationState.CONFIRMED:
        return None
    service_request = invitation.request
    side = message.context.get("side")
    return Email(
        template=CONFIRMED_KIND,
        context={
            "request": service_request,
            "side": side,
            "member_name": invitation.membership.participant.display_name,
            "url": (
                invitation_url(invitation)
                if side == "member"
                else absolute(service_request.get_absolute_url())
            ),
        },
    )


def register_renderers(register) -> None:
    register(INVITATION_KIND, render_invitation, _("Invitation to a request for a representative"))
    register(CONTACT_KIND, render_contact, _("A member's contact details to a service"))
    register(ACCEPT_RECEIPT_KIND, render_accept_receipt, _("Receipt for accepting a request"))
    register(DECLINED_KIND, render_declined, _("A member declined a request"))
    register(CONFIRMED_KIND, render_confirmed, _("Match confirmed"))

"""The e-mails about a service's request (issue 18 item 3): the confirmation link sent when the
form is submitted, the receipt with the request's own link once the address is confirmed, and
the word to a member who had accepted when the service withdraws.

The outbox row holds ids only; the links are built from the request's token when the e-mail
goes. Nothing here names a member to the service (design rule 11): the service hears of a
member only through n4's contact e-mail, after that member accepted.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from website.outbox import Email

from ..models import RequestInvitation, ServiceRequest
from ..services.requests import RECEIPT_KIND, VERIFY_KIND, WITHDRAWN_KIND

State = ServiceRequest.State


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def request_page_url(service_request: ServiceRequest) -> str:
    return absolute(reverse("network:request_page", args=[service_request.token]))


def _request(message) -> ServiceRequest | None:
    return ServiceRequest.objects.filter(
        pk=message.context.get("request_id"), anonymised_at=None
    ).first()


def render_verify(message) -> Email | None:
    """Not needed once the address is confirmed (or the request is gone or withdrawn)."""
    service_request = _request(message)
    if service_request is None or service_request.state != State.UNVERIFIED:
        return None
    return Email(
        template=VERIFY_KIND,
        context={
            "request": service_request,
            "confirm_url": absolute(
                reverse("network:request_verify", args=[service_request.token])
            ),
            "days": settings.NETWORK_UNVERIFIED_REQUEST_DAYS,
        },
    )


def render_receipt(message) -> Email | None:
    service_request = _request(message)
    if service_request is None:
        return None
    return Email(
        template=RECEIPT_KIND,
        context={"request": service_request, "request_url": request_page_url(service_request)},
    )


def render_withdrawn(message) -> Email | None:
    invitation = (
        RequestInvitation.objects.select_related("request", "membership")
        .filter(pk=message.context.get("invitation_id"), membership__isnull=False)
        .first()
    )
    if invitation is None:
        return None
    return Email(template=WITHDRAWN_KIND, context={"request": invitation.request})


def register_renderers(register) -> None:
    register(VERIFY_KIND, render_verify, _("Request for a representative: confirm the e-mail"))
    register(RECEIPT_KIND, render_receipt, _("Request for a representative: receipt"))
    register(WITHDRAWN_KIND, render_withdrawn, _("Request for a representative: withdrawn"))

"""A service asks for a representative (issue 18 item 3): the public form's writes.

- `request_submit`: the request is stored UNVERIFIED (coordinators do not see it) and an e-mail
  with a confirmation link goes to the address typed in, in the same transaction.
- `request_verify`: the service presses the button on the link's page (never on GET: mail
  scanners open links); the request becomes OPEN, and a receipt with the request's own link goes
  out. Twice is harmless.
- `request_withdraw`: the service closes its request, with an optional reason, until it is
  completed.

The rules on the form's values are `request_problems` (the form shows them all at once; the
service refuses with the first), so a refused request writes nothing.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.outbox import message_enqueue
from website.rules import REASON_MESSAGES, RuleError, reason_problem

from ..models import RequestInvitation, ServiceRequest
from .history import request_step

State = ServiceRequest.State

VERIFY_KIND = "network_request_verify"
RECEIPT_KIND = "network_request_receipt"
WITHDRAWN_KIND = "network_request_withdrawn"

# How far ahead a request may start: further than this is most likely a typing error.
LATEST_START_YEARS = 3
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{5,30}$")
# States a service may withdraw its request from.
WITHDRAWABLE = (State.UNVERIFIED, State.OPEN, State.INVITING, State.ACCEPTED, State.MATCHED)


class RequestError(RuleError):
    messages = {
        "starts_in_past": _("The start date has passed. Choose today or a later date."),
        "starts_too_late": _(
            "The start date is more than %(years)s years ahead. Check the year you typed."
        ),
        "ends_before_start": _("The end date cannot come before the start date."),
        "no_place": _(
            "Choose the county where it takes place, or tick that it can be done digitally."
        ),
        "phone_invalid": _("Write the phone number with digits, for example 912 34 567."),
        "not_withdrawable": _(
            "This request is completed or closed already, so it cannot be withdrawn."
        ),
        **REASON_MESSAGES,
    }

    # The form field each refusal belongs to (None: above the form).
    fields = {
        "starts_in_past": "starts_on",
        "starts_too_late": "starts_on",
        "ends_before_start": "ends_on",
        "no_place": "county",
        "phone_invalid": "contact_phone",
        "reason_unreadable": "reason",
    }

    @property
    def field(self):
        return self.fields.get(self.code)


def request_problems(
    *,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    county: str,
    digital: bool,
    contact_phone: str = "",
    today: datetime.date | None = None,
) -> list[RequestError]:
    """Every rule the form's values break (empty: none). Dates are in Oslo's calendar."""
    today = today or timezone.localdate()
    problems = []
    if starts_on is not None:
        if starts_on < today:
            problems.append(RequestError("starts_in_past"))
        elif starts_on > today.replace(
            year=today.year + LATEST_START_YEARS, day=min(today.day, 28)
        ):
            problems.append(RequestError("starts_too_late", years=LATEST_START_YEARS))
        if ends_on is not None and ends_on < starts_on:
            problems.append(RequestError("ends_before_start"))
    if not county and not digital:
        problems.append(RequestError("no_place"))
    if contact_phone and not PHONE_PATTERN.match(contact_phone.strip()):
        problems.append(RequestError("phone_invalid"))
    return problems


def request_submit(
    *,
    organisation_name: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    language: str,
    kind: str,
    title: str,
    description: str,
    field: str = "",
    participation_level: str,
    certificate_level: str = "",
    county: str = "",
    digital: bool = False,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    duration: str,
    fee_paid: bool = False,
    travel_paid: bool = False,
    payment_details: str = "",
    now=None,
) -> ServiceRequest:
    """Store the request UNVERIFIED and send the confirmation link to `contact_email`."""
    now = now or timezone.now()
    problems = request_problems(
        starts_on=starts_on,
        ends_on=ends_on,
        county=county,
        digital=digital,
        contact_phone=contact_phone,
        today=timezone.localdate(now),
    )
    if problems:
        raise problems[0]
    with transaction.atomic():
        service_request = ServiceRequest.objects.create(
            state=State.UNVERIFIED,
            organisation_name=organisation_name.strip(),
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
            language=language,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            field=field,
            participation_level=participation_level,
            certificate_level=certificate_level,
            county="" if digital and not county else county,
            digital=digital,
            starts_on=starts_on,
            ends_on=ends_on,
            duration=duration.strip(),
            fee_paid=fee_paid,
            travel_paid=travel_paid,
            payment_details=payment_details.strip(),
            created_at=now,
        )
        request_step(request=service_request, step="received", now=now)
        _enqueue(service_request, VERIFY_KIND)
    return service_request


def request_verify(*, token: str, now=None) -> ServiceRequest | None:
    """The service confirmed its address: UNVERIFIED → OPEN, a receipt with the request's link.
    Any other state is left as it is (a second press, or a request withdrawn meanwhile). None
    for an unknown token."""
    now = now or timezone.now()
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().filter(token=token).first()
        if service_request is None or service_request.state != State.UNVERIFIED:
            return service_request
        service_request.state = State.OPEN
        service_request.email_verified_at = now
        service_request.save(update_fields=["state", "email_verified_at"])
        request_step(request=service_request, step="verified", now=now)
        _enqueue(service_request, RECEIPT_KIND)
    return service_request


def request_withdraw(*, token: str, reason: str = "", now=None) -> ServiceRequest | None:
    """The service closes its request (not once completed). Members still waiting to answer
    have their invitation withdrawn; a member who accepted is told by e-mail. Pressing twice
    changes nothing more. None for an unknown token."""
    now = now or timezone.now()
    problem = reason_problem(reason)
    if problem:
        raise RequestError(**problem)
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().filter(token=token).first()
        if service_request is None or service_request.state == State.CLOSED:
            return service_request
        if service_request.state not in WITHDRAWABLE:
            raise RequestError("not_withdrawable")
        service_request.state = State.CLOSED
        service_request.closed_at = now
        service_request.close_reason = reason.strip()
        service_request.save(update_fields=["state", "closed_at", "close_reason"])
        invitations = service_request.invitations.select_related("membership__participant")
        for invitation in invitations.filter(
            state__in=[
                RequestInvitation.State.INVITED,
                RequestInvitation.State.ACCEPTED,
                RequestInvitation.State.CONFIRMED,
            ]
        ):
            was = invitation.state
            invitation.state = RequestInvitation.State.WITHDRAWN
            if was == RequestInvitation.State.INVITED:
                invitation.answered_at = now
            invitation.save(update_fields=["state", "answered_at"])
            request_step(request=service_request, step="withdrawn", invitation=invitation, now=now)
            if was != RequestInvitation.State.INVITED and invitation.membership_id:
                _enqueue_member(invitation)
        request_step(request=service_request, step="closed", detail=reason.strip()[:300], now=now)
    return service_request


def _enqueue(service_request: ServiceRequest, kind: str) -> None:
    message_enqueue(
        kind=kind,
        key=f"{kind}:{service_request.pk}",
        to=service_request.contact_email,
        name=service_request.contact_name,
        language=service_request.language,
        context={"request_id": service_request.pk},
    )


def _enqueue_member(invitation: RequestInvitation) -> None:
    """A member who had accepted is told the service withdrew (the request's title, date and
    organisation only: what they saw when they accepted)."""
    participant = invitation.membership.participant
    message_enqueue(
        kind=WITHDRAWN_KIND,
        key=f"{WITHDRAWN_KIND}:{invitation.pk}",
        to=invitation.membership.assignment_email,
        name=participant.display_name,
        language=participant.language,
        context={"invitation_id": invitation.pk},
        about=participant.user,
    )

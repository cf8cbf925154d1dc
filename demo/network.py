"""The representatives' network in the demo, from demo/data/network.yaml: the members (they
join through the membership service, so only participants with a live certificate can, at the
moment the data gives). A participant who is a member already is left alone. Then the
requests from services, each made through the services a real one goes through."""

import datetime

from network.models import Membership, ServiceRequest
from network.services import assignments, matching
from network.services.membership import membership_join
from network.services.requests import request_submit, request_verify
from people.models import Organisation

from . import content
from .timeline import Clock, backdated


def data() -> dict:
    return content.read("network.yaml") or {}


def load_members(*, clock: Clock, participants, stdout) -> None:
    joined = 0
    for spec in data().get("members", []):
        participant = participants[spec["login"]]
        if Membership.objects.filter(participant=participant).exists():
            continue
        joined_at = clock.past(spec["joined"])
        with backdated(joined_at):  # the welcome e-mail too
            membership_join(
                participant=participant,
                consent=True,
                profile=spec.get("profile", {}),
                now=joined_at,
            )
        joined += 1
    if joined:
        stdout.write(f"  {joined} medlemmer i nettverket")


def load(*, clock: Clock, participants, stdout) -> None:
    load_members(clock=clock, participants=participants, stdout=stdout)
    load_requests(clock=clock, stdout=stdout)


# --- requests from services (helper n3) -------------------------------------------------------


def load_requests(*, clock: Clock, stdout) -> None:
    """The `requests:` of demo/data/network.yaml (after the members joined), each made through
    the services a real one goes through (see the data file). A request that exists (by title)
    is left alone."""
    made = 0
    for spec in data().get("requests", []):
        if not ServiceRequest.objects.filter(title=spec["title"]).exists():
            _request(spec, clock=clock)
            made += 1
    if made:
        stdout.write(f"  {made} forespørsler fra tjenester / requests from services")


def request_lines() -> list[str]:
    """For load_demo's summary: each demo request's own page (the service's link, which only
    the service's e-mail holds), so a newcomer can see what a service sees."""
    titles = [spec["title"] for spec in data().get("requests", [])]
    requests = ServiceRequest.objects.filter(title__in=titles).order_by("created_at")
    if not requests:
        return []
    lines = ["Forespørsler fra tjenester, tjenestens lenke / requests from services, their link:"]
    for request in requests:
        lines.append(f"  {request.title} ({request.state}): {request.get_absolute_url()}")
    return lines


def _member(login: str) -> Membership:
    return Membership.objects.select_related("participant__user").get(
        participant__user__email=content.participant_email(login)
    )


def _coordinator(short_code: str):
    return Organisation.objects.get(short_code=short_code).coordinators.order_by("pk").first()


def _request(spec, *, clock: Clock) -> ServiceRequest:
    """Submitted on day `received`, confirmed an hour later, then matched as `story` says; the
    state it ends in must be the story's."""
    received = clock.past({"day": spec["received"], "time": "10:15"})
    with backdated(received):
        service_request = _submit(spec, clock=clock, now=received)
    if spec["story"] != "unverified":
        confirmed = received + datetime.timedelta(hours=1)
        with backdated(confirmed):
            request_verify(token=service_request.token, now=confirmed)
        if spec.get("invite"):
            _match(spec, service_request, invited_at=confirmed + datetime.timedelta(days=1))
    if spec["story"] == "completed":
        with backdated(clock.now):
            assignments.assignment_complete(request_id=service_request.pk, now=clock.now)
    service_request.refresh_from_db()
    if service_request.state != spec["story"]:
        raise ValueError(
            f"the demo request {spec['title']!r} ended {service_request.state}, "
            f"not {spec['story']} as the data says"
        )
    return service_request


def _submit(spec, *, clock: Clock, now) -> ServiceRequest:
    def day(offset):
        return clock.today + datetime.timedelta(days=offset)

    contact = spec["contact"]
    return request_submit(
        organisation_name=spec["organisation"],
        contact_name=contact["name"],
        contact_email=contact["email"],
        contact_phone=contact.get("phone", ""),
        language=spec.get("language", "nb"),
        kind=spec["kind"],
        title=spec["title"],
        description=spec["description"],
        field=spec.get("field", ""),
        participation_level=spec["participation_level"],
        certificate_level=spec.get("certificate_level", ""),
        county=spec.get("county", ""),
        digital=spec.get("digital", False),
        starts_on=day(spec["starts"]),
        ends_on=day(spec["ends"]) if "ends" in spec else None,
        duration=spec["duration"],
        fee_paid=spec.get("fee_paid", False),
        travel_paid=spec.get("travel_paid", False),
        payment_details=spec.get("payment_details", ""),
        now=now,
    )


def _match(spec, service_request: ServiceRequest, *, invited_at) -> None:
    """The coordinator invites, the members answer a day later, the coordinator confirms those
    who said yes three hours after that (when the story has a confirmed match)."""
    coordinator = _coordinator(spec["invited_by"])
    with backdated(invited_at):
        invitations = matching.request_invite(
            actor=coordinator,
            request=service_request,
            memberships=[_member(login) for login in spec["invite"]],
            now=invited_at,
        )
    by_email = {
        invitation.membership.participant.user.email: invitation for invitation in invitations
    }
    answered_at = invited_at + datetime.timedelta(days=1)
    answers = [(matching.invitation_accept, login) for login in spec.get("accepted", [])]
    answers += [(matching.invitation_decline, login) for login in spec.get("declined", [])]
    for answer, login in answers:
        member = _member(login).participant.user
        with backdated(answered_at):
            answer(actor=member, invitation=by_email[member.email], now=answered_at)
    if spec.get("confirm"):
        confirmed_at = answered_at + datetime.timedelta(hours=3)
        for invitation in service_request.invitations.filter(state="accepted"):
            with backdated(confirmed_at):
                matching.match_confirm(actor=coordinator, invitation=invitation, now=confirmed_at)

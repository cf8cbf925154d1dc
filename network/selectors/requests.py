"""Reads about services' requests.

A service's own view (its capability link) first; coordinators' matching reads follow below.
"""

from dataclasses import dataclass

from ..models import RequestInvitation, ServiceRequest

State = ServiceRequest.State
# The invitations whose member the service may know: the member said yes (rule 11). Nothing
# else about invitations — who was asked, who declined, how many — ever reaches the service.
SHARED_STATES = (RequestInvitation.State.ACCEPTED, RequestInvitation.State.CONFIRMED)


def request_for_service(token: str) -> ServiceRequest | None:
    """The request behind a service's link; None for an unknown token or an anonymised
    request (retention has removed what the page would show)."""
    if not token:
        return None
    return ServiceRequest.objects.filter(token=token, anonymised_at=None).first()


@dataclass(frozen=True)
class SharedContact:
    name: str
    email: str
    phone: str
    confirmed: bool


def request_shared_contacts(service_request: ServiceRequest) -> list[SharedContact]:
    """The contact each member who accepted chose to give, with their display name; only while
    the member is still in the network, and only while the request is live or done."""
    if service_request.state in (State.UNVERIFIED, State.CLOSED):
        return []
    invitations = (
        service_request.invitations.filter(state__in=SHARED_STATES, membership__isnull=False)
        .select_related("membership__participant")
        .order_by("answered_at", "pk")
    )
    return [
        SharedContact(
            name=invitation.membership.participant.display_name,
            email=invitation.shared_email,
            phone=invitation.shared_phone,
            confirmed=invitation.state == RequestInvitation.State.CONFIRMED,
        )
        for invitation in invitations
    ]


def requests_visible_to_coordinators():
    """Every request a coordinator may see: not those whose address is unconfirmed."""
    return ServiceRequest.objects.exclude(state=State.UNVERIFIED)


# --- Coordinators' matching and the member's answer (issue 18 item 4, helper n4) -------------


def requests_for_staff(user):
    """The requests a coordinator or administrator works with (the access policy: every
    coordinator sees every confirmed request), newest first."""
    from website import policy

    return policy.visible(user, requests_visible_to_coordinators()).order_by("-created_at", "-pk")


def new_requests_count(user) -> int:
    """Requests nobody has invited anyone to yet (the dashboard's "Nye forespørsler")."""
    return requests_for_staff(user).filter(state=State.OPEN).count()


def declined_waiting_count(user) -> int:
    """Invitations this coordinator sent that the member declined, on requests still looking
    for someone (nobody accepted yet)."""
    return RequestInvitation.objects.filter(
        invited_by=user,
        state=RequestInvitation.State.DECLINED,
        request__state__in=(State.OPEN, State.INVITING),
    ).count()


def levels_at_least(level: str) -> list[str]:
    """The certificate levels that hold `level` or more (new < advanced < communicator)."""
    from courses.models import Level

    order = list(Level.values)
    return order[order.index(level or Level.NEW) :]


def _live_certificate(levels):
    from django.db.models import Exists, OuterRef

    from certificates.models import Certificate

    return Exists(
        Certificate.objects.filter(
            enrolment__participant=OuterRef("participant"),
            revoked_at__isnull=True,
            level__in=levels,
        )
    )


def matching_members(*, user, service_request):
    """Active, available members who fit the request and whom `user` may see (the access
    policy: their own organisations' members, and members visible network-wide), best first.

    Must fit: the field (when the request names one), a live certificate of at least the level
    asked for, and the county (any county when it can be done digitally). Ranked: those who
    have taken part at the request's level of participation first, then the most available.
    Each row carries `did_level`, `certified` (the levels held) and `invited` (already asked)."""
    from django.db.models import BooleanField, Case, Exists, IntegerField, OuterRef, Value, When

    from courses.models import Level
    from website import policy

    from ..models import Availability, Membership
    from ..models.choices import FIELD_COLUMNS, PARTICIPATION_COLUMNS

    members = Membership.objects.filter(state=Membership.State.ACTIVE).exclude(
        availability=Availability.PAUSED
    )
    if service_request.field:
        members = members.filter(**{FIELD_COLUMNS[service_request.field]: True})
    members = members.filter(_live_certificate(levels_at_least(service_request.certificate_level)))
    if not service_request.digital:
        members = members.filter(county=service_request.county)
    did = PARTICIPATION_COLUMNS.get(service_request.participation_level)
    members = policy.visible(user, members).annotate(
        did_level=(
            Case(When(**{did: True}, then=Value(True)), default=Value(False))
            if did
            else Value(False, output_field=BooleanField())
        ),
        availability_rank=Case(
            When(availability=Availability.OFTEN, then=Value(0)),
            When(availability=Availability.MONTHLY, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        has_advanced=_live_certificate(levels_at_least(Level.ADVANCED)),
        has_communicator=_live_certificate([Level.COMMUNICATOR]),
        invited=Exists(
            RequestInvitation.objects.filter(request=service_request, membership=OuterRef("pk"))
        ),
    )
    rows = list(
        members.select_related("participant").order_by(
            "-did_level", "availability_rank", "participant__full_name", "pk"
        )
    )
    for row in rows:
        held = {Level.ADVANCED: row.has_advanced, Level.COMMUNICATOR: row.has_communicator}
        row.certified = [Level.NEW] + [level for level, has in held.items() if has]
    return rows


def request_invitations(service_request):
    """A request's invitations for its staff page, oldest first (a member who left shows as
    nameless)."""
    return service_request.invitations.select_related(
        "membership__participant", "organisation", "invited_by"
    ).order_by("invited_at", "pk")


def invitations_for_member(user):
    """The member's own invitations still standing, on requests not yet over (My page)."""
    from website import policy

    return (
        policy.visible(
            user,
            RequestInvitation.objects.filter(
                state__in=(
                    RequestInvitation.State.INVITED,
                    RequestInvitation.State.ACCEPTED,
                    RequestInvitation.State.CONFIRMED,
                )
            ).exclude(request__state__in=(State.CLOSED, State.COMPLETED)),
            policy.OWN,
        )
        .select_related("request")
        .order_by("-invited_at", "-pk")
    )

"""Matching at the same moment, on PostgreSQL with real threads (design rules 2 and 11):
two coordinators inviting the same member make one invitation; an accept racing a withdrawal
ends in one of the two, never both — and the service has the contact only if it was accepted."""

import pytest

from network.models import RequestEvent, RequestInvitation
from network.services import matching
from tests.factories import make_coordinator
from tests.helpers import run_concurrently
from tests.network.matching_factories import member, service_request
from website.models import OutboxMessage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

InvitationState = RequestInvitation.State


def _refused_as_none(call):
    def run():
        try:
            return call()
        except matching.MatchingError as error:
            return error

    return run


def test_two_coordinators_inviting_the_same_member_at_once_make_one_invitation(organisations):
    shared = member(organisations["BAR"], visible_network_wide=True)
    request = service_request()
    coordinators = [make_coordinator(organisations[code]) for code in ("MHU", "BAR")] * 4
    results = run_concurrently(
        [
            _refused_as_none(
                lambda who=who: matching.request_invite(
                    actor=who, request=request, memberships=[shared]
                )
            )
            for who in coordinators
        ]
    )
    assert sum(len(created) for created in results) == 1
    assert RequestInvitation.objects.count() == 1
    assert RequestEvent.objects.filter(kind="invited").count() == 1
    assert OutboxMessage.objects.filter(kind=matching.INVITATION_KIND).count() == 1


@pytest.mark.parametrize("round", range(3))
def test_an_accept_racing_a_withdrawal_ends_in_one_state(organisations, round):
    coordinator = make_coordinator(organisations["MHU"])
    own = member(organisations["MHU"], contact_email="hemmelig@privat.example")
    request = service_request()
    [invitation] = matching.request_invite(actor=coordinator, request=request, memberships=[own])
    user = own.participant.user
    accept = _refused_as_none(lambda: matching.invitation_accept(actor=user, invitation=invitation))
    withdraw = _refused_as_none(
        lambda: matching.invitation_withdraw(actor=coordinator, invitation=invitation)
    )
    results = run_concurrently([accept, withdraw, accept, withdraw])
    invitation.refresh_from_db()
    assert invitation.state in (InvitationState.ACCEPTED, InvitationState.WITHDRAWN)
    kinds = list(RequestEvent.objects.filter(request=request).values_list("kind", flat=True))
    to_service = OutboxMessage.objects.filter(recipient=request.contact_email)
    if invitation.state == InvitationState.ACCEPTED:
        assert kinds.count("accepted") == 1 and "withdrawn" not in kinds
        assert to_service.filter(kind=matching.CONTACT_KIND).count() == 1
        assert invitation.shared_email == "hemmelig@privat.example"
    else:
        assert kinds.count("withdrawn") == 1 and "accepted" not in kinds
        assert not to_service.exists() and not invitation.shared_email
    assert sum(isinstance(result, matching.MatchingError) for result in results) >= 2

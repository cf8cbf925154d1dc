"""Coordinators' matching and the member's answer (issue 18 item 4; design rules 6 and 11).

A coordinator of MHU, one of BAR; members of both, one of BAR visible network-wide; a
service's request for a talk in Oslo about mental health."""

import pytest
from django.core import mail
from django.urls import reverse

from network.models import Membership, RequestEvent, RequestInvitation, ServiceRequest
from network.selectors.requests import matching_members
from network.services import matching
from tests.factories import log_in_with_admin_access, make_coordinator, make_participant
from tests.network.matching_factories import member, service_request
from website.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

State = ServiceRequest.State
InvitationState = RequestInvitation.State


@pytest.fixture
def world(organisations):
    return {
        "mhu": make_coordinator(organisations["MHU"]),
        "bar": make_coordinator(organisations["BAR"]),
        "own": member(organisations["MHU"], name="Mina MHU", contact_email="mina@privat.example"),
        "other": member(organisations["BAR"], name="Bjarne BAR"),
        "shared": member(organisations["BAR"], name="Brita Delt", visible_network_wide=True),
        "request": service_request(),
    }


def _names(rows):
    return {row.participant.full_name for row in rows}


def _invite(world, who="own", coordinator="mhu", on_commit=None, **kwargs):
    call = matching.request_invite
    arguments = {
        "actor": world[coordinator],
        "request": world["request"],
        "memberships": [world[who]],
        **kwargs,
    }
    created = on_commit(call, **arguments) if on_commit else call(**arguments)
    return created[0] if created else None


def _answer(client, on_commit, invitation, answer):
    """The member's POST, with what it queued on commit run (the outbox's sender)."""
    return on_commit(lambda: client.post(_invitation_url(invitation), {"answer": answer}))


def _member_client(client, membership):
    client.force_login(membership.participant.user)
    return client


def _invitation_url(invitation):
    return reverse("network:invitation", args=[invitation.pk])


# --- Who a coordinator sees (rule 6) -----------------------------------------------------


def test_a_coordinator_sees_their_own_members_and_members_visible_network_wide_only(world):
    mhu_sees = _names(matching_members(user=world["mhu"], service_request=world["request"]))
    bar_sees = _names(matching_members(user=world["bar"], service_request=world["request"]))
    assert mhu_sees == {"Mina MHU", "Brita Delt"}
    assert bar_sees == {"Bjarne BAR", "Brita Delt"}


def test_the_request_page_names_only_members_the_coordinator_may_see(client, world):
    log_in_with_admin_access(client, world["mhu"])
    page = client.get(reverse("network_admin_request", args=[world["request"].pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mina MHU" in text and "Brita Delt" in text
    assert "Bjarne BAR" not in text
    # Data minimisation: no address, phone or organisation of a member.
    assert world["own"].participant.user.email not in text
    assert "912 34 567" not in text
    assert "Barn av rusmisbrukere" not in text


def test_another_organisations_coordinator_sees_that_someone_was_invited_not_whom(client, world):
    _invite(world)
    log_in_with_admin_access(client, world["bar"])
    page = client.get(reverse("network_admin_request", args=[world["request"].pk]))
    assert page.status_code == 200
    assert "Mina MHU" not in page.content.decode()
    assert "Et medlem du ikke har tilgang til" in page.content.decode()


def test_a_coordinator_cannot_invite_another_organisations_member_by_posting_their_id(
    client, world
):
    log_in_with_admin_access(client, world["mhu"])
    client.post(
        reverse("network_admin_invite", args=[world["request"].pk]),
        {"member": [world["other"].pk]},
    )
    assert not RequestInvitation.objects.exists()


def test_every_profile_shown_on_the_request_page_is_a_sensitive_audit_entry(client, world):
    log_in_with_admin_access(client, world["mhu"])
    client.get(reverse("network_admin_request", args=[world["request"].pk]))
    seen = AuditEntry.objects.filter(
        actor=world["mhu"], sensitive=True, action=AuditEntry.Action.SENSITIVE_VIEWED
    )
    assert set(seen.values_list("participant_id", flat=True)) == {
        world["own"].participant_id,
        world["shared"].participant_id,
    }


def test_participants_and_gathering_runners_get_404_from_the_requests(client, world):
    participant = make_participant(world["own"].participant.organisations.first())
    for user in (participant.user, world["own"].participant.user):
        client.force_login(user)
        for url in (
            reverse("network_admin_requests"),
            reverse("network_admin_request", args=[world["request"].pk]),
        ):
            assert client.get(url).status_code in (302, 404)  # no admin access at all
    assert matching_members(user=participant.user, service_request=world["request"]) == []


def test_an_unconfirmed_request_is_not_shown_to_coordinators(client, world):
    hidden = service_request(state=State.UNVERIFIED, email_verified_at=None, title="Ubekreftet")
    log_in_with_admin_access(client, world["mhu"])
    listing = client.get(reverse("network_admin_requests")).content.decode()
    assert world["request"].title in listing and "Ubekreftet" not in listing
    assert client.get(reverse("network_admin_request", args=[hidden.pk])).status_code == 404


def test_the_list_filters_by_state_field_and_county(client, world):
    service_request(title="Digitalt panel", county="", digital=True, field="child_welfare")
    log_in_with_admin_access(client, world["mhu"])
    url = reverse("network_admin_requests")
    assert "Digitalt panel" in client.get(url, {"county": "digital"}).content.decode()
    only_oslo = client.get(url, {"county": "03"}).content.decode()
    assert "Digitalt panel" not in only_oslo and world["request"].title in only_oslo
    by_field = client.get(url, {"field": "child_welfare"}).content.decode()
    assert world["request"].title not in by_field
    assert world["request"].title not in client.get(url, {"state": "closed"}).content.decode()


# --- Who matches ----------------------------------------------------------------------------


def test_only_active_available_members_who_fit_the_request_match(world, organisations):
    mhu = organisations["MHU"]
    member(mhu, name="Pause", availability="paused")
    member(mhu, name="Venter", state=Membership.State.GUARDIAN_PENDING)
    member(mhu, name="Bergen", county="46")
    member(mhu, name="Barnevern", field_mental_health=False, field_child_welfare=True)
    seen = _names(matching_members(user=world["mhu"], service_request=world["request"]))
    assert seen == {"Mina MHU", "Brita Delt"}
    # Digital: any county.
    digital = service_request(county="", digital=True)
    assert "Bergen" in _names(matching_members(user=world["mhu"], service_request=digital))


def test_the_certificate_level_asked_for_is_a_live_certificate_of_at_least_that_level(
    world, organisations
):
    mhu = organisations["MHU"]
    member(mhu, name="Viderekommen", levels=("new", "advanced"))
    formidler = member(mhu, name="Formidler", levels=("new", "advanced", "communicator"))
    asks_advanced = service_request(certificate_level="advanced")
    assert _names(matching_members(user=world["mhu"], service_request=asks_advanced)) == {
        "Viderekommen",
        "Formidler",
    }
    from django.utils import timezone

    from certificates.models import Certificate

    Certificate.objects.filter(
        enrolment__participant=formidler.participant, level="communicator"
    ).update(revoked_at=timezone.now())
    asks_communicator = service_request(certificate_level="communicator")
    assert _names(matching_members(user=world["mhu"], service_request=asks_communicator)) == set()


def test_members_who_did_the_level_of_participation_come_first(world, organisations):
    member(organisations["MHU"], name="Aase Erfaren", did_service=True, availability="sometimes")
    rows = matching_members(user=world["mhu"], service_request=world["request"])
    assert rows[0].participant.full_name == "Aase Erfaren" and rows[0].did_level


# --- Inviting ---------------------------------------------------------------------------------


def test_inviting_writes_the_invitation_history_audit_and_an_e_mail(
    world, on_commit, organisations
):
    invitation = _invite(world, on_commit=on_commit, note="Passer deg godt!")
    world["request"].refresh_from_db()
    assert world["request"].state == State.INVITING
    assert invitation.organisation == organisations["MHU"]
    assert list(RequestEvent.objects.values_list("kind", flat=True)) == ["invited"]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.NETWORK_REQUEST, participant_id=world["own"].participant_id
    ).exists()
    [email] = [m for m in mail.outbox if _invitation_url(invitation) in m.body]
    assert world["own"].participant.user.email in email.to
    assert "Passer deg godt!" in email.body


def test_a_member_visible_network_wide_is_invited_for_the_coordinators_organisation(
    world, organisations
):
    invitation = _invite(world, who="shared")
    assert invitation.organisation == organisations["MHU"]


def test_inviting_the_same_member_twice_makes_one_invitation(world):
    _invite(world)
    assert _invite(world, coordinator="mhu") is None
    assert RequestInvitation.objects.count() == 1
    assert RequestEvent.objects.filter(kind="invited").count() == 1


def test_inviting_nobody_is_refused_with_a_message_and_changes_nothing(client, world):
    log_in_with_admin_access(client, world["mhu"])
    response = client.post(reverse("network_admin_invite", args=[world["request"].pk]), {})
    assert response.status_code == 400
    assert "Velg minst ett medlem" in response.content.decode()
    world["request"].refresh_from_db()
    assert world["request"].state == State.OPEN and not RequestEvent.objects.exists()


# --- The member's answer (rule 11) -------------------------------------------------------


def _to_service(world):
    return OutboxMessage.objects.filter(recipient=world["request"].contact_email)


def _service_sees(client, world, text):
    """Does anything the service got, or its request page, hold `text`?"""
    from website import outbox

    for message in _to_service(world):
        email = outbox.render(message)
        if email is not None and text in email.body:
            return True
    client.logout()
    page = client.get(world["request"].get_absolute_url())
    return page.status_code == 200 and text in page.content.decode()


def test_the_service_never_sees_the_members_contact_before_they_accept(client, world, on_commit):
    invitation = _invite(world, on_commit=on_commit)
    for secret in ("mina@privat.example", "912 34 567", "Mina MHU"):
        assert not _service_sees(client, world, secret)
    _member_client(client, world["own"])
    response = _answer(client, on_commit, invitation, "accept")
    assert response.status_code == 302
    # The service's e-mail carries the member's chosen contact, not the account's address.
    email = [m for m in mail.outbox if world["request"].contact_email in m.to]
    assert len(email) == 1
    assert "mina@privat.example" in email[0].body and "912 34 567" in email[0].body
    assert world["own"].participant.user.email not in email[0].body


def test_accepting_copies_the_chosen_contact_and_moves_the_states(client, world, on_commit):
    invitation = _invite(world, on_commit=on_commit)
    _member_client(client, world["own"])
    _answer(client, on_commit, invitation, "accept")
    invitation.refresh_from_db()
    world["request"].refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert (invitation.shared_email, invitation.shared_phone) == (
        "mina@privat.example",
        "912 34 567",
    )
    assert world["request"].state == State.ACCEPTED
    assert list(RequestEvent.objects.values_list("kind", flat=True)) == [
        "invited",
        "accepted",
        "contact_sent",
    ]
    # The member's receipt names the service's contact person; the page shows it now.
    [receipt] = [m for m in mail.outbox if "Takk for at du sa ja" in m.body]
    assert world["own"].participant.user.email in receipt.to
    assert world["request"].contact_email in receipt.body
    assert world["request"].contact_name in client.get(_invitation_url(invitation)).content.decode()
    # Changing the profile afterwards does not change what the service was given.
    Membership.objects.filter(pk=world["own"].pk).update(contact_email="ny@privat.example")
    invitation.refresh_from_db()
    assert invitation.shared_email == "mina@privat.example"


def test_the_invitation_page_shows_the_request_but_not_the_contact_person_before_accepting(
    client, world
):
    invitation = _invite(world)
    _member_client(client, world["own"])
    page = client.get(_invitation_url(invitation)).content.decode()
    assert world["request"].title in page and world["request"].organisation_name in page
    assert world["request"].contact_email not in page


def test_answering_twice_changes_nothing(client, world, on_commit):
    invitation = _invite(world, on_commit=on_commit)
    _member_client(client, world["own"])
    client.post(_invitation_url(invitation), {"answer": "accept"})
    sent = OutboxMessage.objects.count()
    client.post(_invitation_url(invitation), {"answer": "accept"})
    assert OutboxMessage.objects.count() == sent
    assert RequestEvent.objects.filter(kind="accepted").count() == 1
    # Declining after accepting is refused with a message.
    response = client.post(_invitation_url(invitation), {"answer": "decline"})
    assert response.status_code == 400
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED


def test_a_withdrawn_invitation_cannot_be_accepted(client, world):
    invitation = _invite(world)
    matching.invitation_withdraw(actor=world["mhu"], invitation=invitation)
    _member_client(client, world["own"])
    response = client.post(_invitation_url(invitation), {"answer": "accept"})
    assert response.status_code == 400
    assert "trukket tilbake" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.WITHDRAWN and not invitation.shared_email
    world["request"].refresh_from_db()
    assert world["request"].state == State.OPEN


def test_only_the_invited_member_reaches_the_invitation(client, world, admin_user, organisations):
    invitation = _invite(world)
    url = _invitation_url(invitation)
    for user in (
        world["other"].participant.user,
        world["mhu"],
        admin_user,
        make_participant(organisations["MHU"]).user,
    ):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.INVITED
    client.force_login(world["own"].participant.user)
    assert client.get(reverse("network:invitation", args=[10**8])).status_code == 404


def test_declining_tells_the_coordinator_and_the_request_looks_again(client, world, on_commit):
    invitation = _invite(world, on_commit=on_commit)
    _member_client(client, world["own"])
    client.post(_invitation_url(invitation), {"answer": "decline"})
    invitation.refresh_from_db()
    world["request"].refresh_from_db()
    assert invitation.state == InvitationState.DECLINED and not invitation.shared_email
    assert world["request"].state == State.OPEN
    assert OutboxMessage.objects.filter(
        recipient=world["mhu"].email, kind=matching.DECLINED_KIND
    ).exists()
    assert not _to_service(world).exists()


def test_my_page_lists_the_open_invitation(client, world):
    invitation = _invite(world)
    _member_client(client, world["own"])
    page = client.get(reverse("my_page")).content.decode()
    assert _invitation_url(invitation) in page and world["request"].title in page


# --- Confirming and closing -----------------------------------------------------------------


def test_the_coordinator_confirms_an_accepted_match_and_both_sides_hear(client, world, on_commit):
    invitation = _invite(world, on_commit=on_commit)
    on_commit(
        matching.invitation_accept, actor=world["own"].participant.user, invitation=invitation
    )
    log_in_with_admin_access(client, world["mhu"])
    client.post(reverse("network_admin_confirm", args=[invitation.pk]))
    invitation.refresh_from_db()
    world["request"].refresh_from_db()
    assert invitation.state == InvitationState.CONFIRMED
    assert world["request"].state == State.MATCHED
    assert OutboxMessage.objects.filter(kind=matching.CONFIRMED_KIND).count() == 2
    assert RequestEvent.objects.filter(kind="confirmed").count() == 1


def test_another_organisations_coordinator_cannot_withdraw_or_confirm(client, world):
    invitation = _invite(world)
    log_in_with_admin_access(client, world["bar"])
    for name in ("network_admin_withdraw", "network_admin_confirm"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.INVITED


def test_closing_needs_a_reason_and_withdraws_unanswered_invitations(client, world):
    invitation = _invite(world)
    log_in_with_admin_access(client, world["mhu"])
    url = reverse("network_admin_close", args=[world["request"].pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400 and "Skriv hvorfor" in response.content.decode()
    world["request"].refresh_from_db()
    assert world["request"].state == State.INVITING
    client.post(url, {"reason": "Tjenesten fant en selv"})
    world["request"].refresh_from_db()
    invitation.refresh_from_db()
    assert world["request"].state == State.CLOSED
    assert world["request"].close_reason == "Tjenesten fant en selv"
    assert invitation.state == InvitationState.WITHDRAWN
    with pytest.raises(matching.MatchingError):
        matching.invitation_accept(actor=world["own"].participant.user, invitation=invitation)


def test_a_completed_request_cannot_be_closed(world):
    done = service_request(state=State.COMPLETED)
    with pytest.raises(matching.MatchingError):
        matching.request_close(actor=world["mhu"], request=done, reason="For sent")
    done.refresh_from_db()
    assert done.state == State.COMPLETED and not RequestEvent.objects.exists()


def test_the_dashboard_shows_new_requests_to_coordinators(client, world):
    log_in_with_admin_access(client, world["mhu"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nye forespørsler" in page
    assert reverse("network_admin_requests") in page

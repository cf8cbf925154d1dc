"""Joining the network (issue 18 item 1): only with a live certificate of level 1 or higher and
explicit consent; an under-18 only once a guardian confirmed (design rule 5: pending is not a
member); leaving removes the profile at once; every step audited."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cohorts import registry
from network.consent import CONSENT_VERSION
from network.models import Membership, RequestInvitation, ServiceRequest
from network.selectors.membership import can_join, certified_levels, is_active_member
from network.services.membership import (
    MembershipError,
    guardian_token,
    membership_guardian_confirm,
    membership_guardian_decline,
    membership_join,
    membership_leave,
    membership_update,
)
from tests.factories import make_participant
from tests.network.membership_factories import certify
from website.models import AuditEntry

pytestmark = pytest.mark.django_db

PROFILE = {"field_mental_health": True, "county": "03", "availability": "monthly"}


@pytest.fixture
def adult(organisations):
    participant = make_participant(organisations["MHU"], name="Sara Nilsen")
    certify(participant, organisations["MHU"])
    return participant


@pytest.fixture
def minor(organisations):
    participant = make_participant(organisations["BAR"], age=16, name="Nora Lie")
    certify(participant, organisations["BAR"])
    return participant


def _membership_entries():
    return AuditEntry.objects.filter(action=AuditEntry.Action.NETWORK_MEMBERSHIP)


def test_an_adult_with_a_certificate_becomes_a_member_at_once(adult, on_commit):
    membership = on_commit(membership_join, participant=adult, consent=True, profile=PROFILE)
    assert membership.state == Membership.State.ACTIVE
    assert membership.consent_version == CONSENT_VERSION
    assert membership.consent_given_at and membership.joined_at and membership.last_active_at
    assert membership.field_mental_health and membership.county == "03"
    assert is_active_member(adult) and registry.is_network_member(adult)
    [entry] = _membership_entries()
    assert entry.participant_id == adult.pk and entry.actor == adult.user
    [welcome] = [m for m in mail.outbox if adult.user.email in m.to]
    assert "nettverk" in welcome.subject.lower()


def test_everything_is_private_unless_chosen(adult):
    membership = membership_join(participant=adult, consent=True, profile={})
    assert not membership.listed_for_members
    assert not membership.visible_network_wide
    assert not membership.show_organisation
    assert not any(
        getattr(membership, name) for name in vars(membership) if name.startswith("members_see_")
    )


def test_without_a_certificate_nothing_is_written(organisations):
    participant = make_participant(organisations["MHU"])
    assert can_join(participant) == "no_certificate"
    with pytest.raises(MembershipError) as refusal:
        membership_join(participant=participant, consent=True, profile=PROFILE)
    assert refusal.value.code == "no_certificate"
    assert "kursbeviset" in str(refusal.value.message)
    assert not Membership.objects.exists() and not _membership_entries().exists()


def test_a_revoked_certificate_does_not_count(organisations):
    participant = make_participant(organisations["MHU"])
    certificate = certify(participant, organisations["MHU"])
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert certified_levels(participant) == []
    with pytest.raises(MembershipError, match="no_certificate"):
        membership_join(participant=participant, consent=True, profile=PROFILE)
    assert not Membership.objects.exists()


def test_a_higher_certificate_is_enough_and_the_levels_are_read_not_typed(organisations):
    participant = make_participant(organisations["LFB"])
    certify(participant, organisations["LFB"], level="communicator")
    certify(participant, organisations["LFB"], level="new")
    assert certified_levels(participant) == ["new", "communicator"]
    assert can_join(participant) is None


def test_consent_is_required(adult):
    with pytest.raises(MembershipError) as refusal:
        membership_join(participant=adult, consent=False, profile=PROFILE)
    assert refusal.value.code == "consent_required"
    assert not Membership.objects.exists()


def test_joining_twice_changes_nothing(adult):
    first = membership_join(participant=adult, consent=True, profile=PROFILE)
    with pytest.raises(MembershipError, match="already_member"):
        membership_join(participant=adult, consent=True, profile={"county": "46"})
    first.refresh_from_db()
    assert first.county == "03" and Membership.objects.count() == 1


def test_a_profile_that_does_not_fit_is_refused_and_nothing_written(adult):
    with pytest.raises(MembershipError, match="profile_invalid"):
        membership_join(participant=adult, consent=True, profile={"county": "99"})
    assert not Membership.objects.exists() and not _membership_entries().exists()


# --- under 18 ---------------------------------------------------------------------------------


def _guardian_link(minor):
    [request] = [m for m in mail.outbox if minor.guardian_email in m.to]
    [link] = re.findall(r"/nettverk/foresatt/[^/\s]+/", request.body)
    return link


def test_an_under_18_waits_for_the_guardian_and_is_no_member_until_then(minor, on_commit):
    membership = on_commit(membership_join, participant=minor, consent=True, profile=PROFILE)
    assert membership.state == Membership.State.GUARDIAN_PENDING
    assert membership.joined_at is None
    assert not is_active_member(minor) and not registry.is_network_member(minor)
    link = _guardian_link(minor)
    page = Client().get(link)
    assert page.status_code == 200 and "Nora Lie" in page.content.decode()
    membership.refresh_from_db()
    assert membership.state == Membership.State.GUARDIAN_PENDING  # opening the link is no answer


def test_the_guardian_confirms_and_the_member_is_active(minor, on_commit):
    on_commit(membership_join, participant=minor, consent=True, profile=PROFILE)
    link = _guardian_link(minor)
    mail.outbox.clear()
    response = on_commit(lambda: Client().post(link, {"answer": "confirm"}))
    assert response.status_code == 200
    membership = Membership.objects.get(participant=minor)
    assert membership.state == Membership.State.ACTIVE
    assert membership.guardian_confirmed_at and membership.joined_at
    assert is_active_member(minor)
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {minor.guardian_email, minor.user.email}
    summaries = _membership_entries().order_by("pk").values_list("summary", flat=True)
    assert list(summaries) == [
        "asked_guardian",
        "guardian_confirmed",
    ]
    # A second confirmation changes nothing; declining after confirming is refused.
    membership_guardian_confirm(token=guardian_token(membership))
    with pytest.raises(MembershipError, match="guardian_already_confirmed"):
        membership_guardian_decline(token=guardian_token(membership))
    assert Membership.objects.get(participant=minor).is_active


def test_the_guardian_declines_and_the_request_is_gone(minor, on_commit):
    on_commit(membership_join, participant=minor, consent=True, profile=PROFILE)
    link = _guardian_link(minor)
    mail.outbox.clear()
    response = on_commit(lambda: Client().post(link, {"answer": "decline"}))
    assert response.status_code == 200
    assert not Membership.objects.filter(participant=minor).exists()
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {minor.guardian_email, minor.user.email}
    # The link now says there is nothing to answer.
    again = Client().get(link)
    assert again.status_code == 200 and 'value="confirm"' not in again.content.decode()


def test_a_tampered_or_foreign_link_changes_nothing(minor, on_commit):
    membership = on_commit(membership_join, participant=minor, consent=True, profile=PROFILE)
    token = guardian_token(membership)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    from cohorts.tokens import guardian_erasure_token

    for bad in (tampered, guardian_erasure_token(minor), "1:abc:def"):
        response = Client().post(f"/nettverk/foresatt/{bad}/", {"answer": "confirm"})
        assert response.status_code == 400
        with pytest.raises(MembershipError, match="guardian_link_invalid"):
            membership_guardian_confirm(token=bad)
    membership.refresh_from_db()
    assert membership.state == Membership.State.GUARDIAN_PENDING


def test_an_old_link_has_expired(minor, monkeypatch):
    import time

    membership = membership_join(participant=minor, consent=True, profile=PROFILE)
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: eight_days_ago)
    token = guardian_token(membership)
    monkeypatch.undo()
    with pytest.raises(MembershipError, match="guardian_link_invalid"):
        membership_guardian_confirm(token=token)
    membership.refresh_from_db()
    assert membership.state == Membership.State.GUARDIAN_PENDING


def test_an_under_18_without_a_guardians_address_is_told_to_add_it(organisations):
    participant = make_participant(organisations["MHU"], age=16, guardian=False)
    certify(participant, organisations["MHU"])
    assert can_join(participant) == "guardian_missing"
    with pytest.raises(MembershipError) as refusal:
        membership_join(participant=participant, consent=True, profile=PROFILE)
    assert "foresatte" in str(refusal.value.message)
    assert not Membership.objects.exists()


# --- editing and leaving --------------------------------------------------------------------


def test_editing_updates_the_profile_and_last_active(adult):
    membership = membership_join(participant=adult, consent=True, profile=PROFILE)
    later = membership.last_active_at + datetime.timedelta(days=3)
    membership_update(
        membership=membership,
        actor=adult.user,
        profile={"listed_for_members": True, "members_see_county": True},
        now=later,
    )
    membership.refresh_from_db()
    assert membership.listed_for_members and membership.members_see_county
    assert membership.last_active_at == later


def test_someone_else_cannot_edit_or_remove_a_membership(adult, organisations):
    membership = membership_join(participant=adult, consent=True, profile=PROFILE)
    other = make_participant(organisations["BAR"]).user
    with pytest.raises(MembershipError, match="not_yours"):
        membership_update(membership=membership, actor=other, profile={"county": "46"})
    with pytest.raises(MembershipError, match="not_yours"):
        membership_leave(membership=membership, actor=other)
    membership.refresh_from_db()
    assert membership.county == "03"


def test_leaving_removes_the_profile_at_once_and_keeps_the_requests_history(adult, organisations):
    membership = membership_join(participant=adult, consent=True, profile=PROFILE)
    now = timezone.now()
    request = ServiceRequest.objects.create(
        organisation_name="NAV Testby",
        contact_name="Siri",
        contact_email="siri@example.org",
        kind="talk",
        title="Foredrag",
        description="Et foredrag",
        participation_level="service",
        starts_on=now.date(),
        duration="To timer",
        created_at=now,
        state="inviting",
    )
    invitation = RequestInvitation.objects.create(
        request=request, membership=membership, organisation=organisations["MHU"], invited_at=now
    )
    membership_leave(membership=membership, actor=adult.user)
    assert not Membership.objects.filter(participant=adult).exists()
    assert not is_active_member(adult)
    invitation.refresh_from_db()
    assert invitation.membership is None
    summaries = _membership_entries().order_by("pk").values_list("summary", flat=True)
    assert list(summaries) == ["joined", "left"]
    # They can join again.
    assert can_join(adult) is None

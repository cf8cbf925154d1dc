"""Network gatherings (nettverkssamling, issue 18 item 2): open only to the network's active
members, whatever their level; everything else gatherings do works as before; no certificate."""

import pytest
from django.test import Client

from certificates.services import CertificateError, certificate_eligibility, certificate_issue
from cohorts.models import Enrolment, Gathering
from cohorts.services import EnrolmentError, application_blocker, enrolment_apply
from network.models import Membership
from tests.factories import log_in_with_admin_access, make_coordinator, make_gathering
from tests.factories import make_participant as make_person
from tests.network.directory_factories import Certifier, make_member

REFUSAL = "Denne samlingen er bare for medlemmer av nettverket"


@pytest.fixture
def certifier(organisations):
    return Certifier(organisations)


@pytest.fixture
def network_gathering(organisations):
    # Level "advanced" on purpose: the level rule must not apply to a network gathering.
    return make_gathering(
        organisations, kind=Gathering.Kind.NETWORK, level="advanced", title="Nettverkssamling"
    )


def test_someone_who_is_not_a_member_is_refused_with_the_message(
    certifier, organisations, network_gathering
):
    certified = make_person(organisations["MHU"])
    certifier.certify(certified, "new")
    blocker = application_blocker(participant=certified, gathering=network_gathering)
    assert blocker.code == "network_only"
    assert REFUSAL in str(blocker.message)
    with pytest.raises(EnrolmentError) as refused:
        enrolment_apply(
            participant=certified, gathering=network_gathering, organisation=organisations["MHU"]
        )
    assert refused.value.code == "network_only"
    assert not Enrolment.objects.filter(gathering=network_gathering).exists()


def test_a_member_waiting_for_a_guardian_is_refused(certifier, organisations, network_gathering):
    waiting = make_member(
        certifier, organisations["LFB"], state=Membership.State.GUARDIAN_PENDING, age=16
    )
    with pytest.raises(EnrolmentError) as refused:
        enrolment_apply(
            participant=waiting.participant,
            gathering=network_gathering,
            organisation=organisations["LFB"],
        )
    assert refused.value.code == "network_only"


def test_a_member_gets_a_seat_without_the_level_rule(certifier, organisations, network_gathering):
    member = make_member(certifier, organisations["BAR"], levels=("new",))
    assert application_blocker(participant=member.participant, gathering=network_gathering) is None
    enrolment = enrolment_apply(
        participant=member.participant,
        gathering=network_gathering,
        organisation=organisations["BAR"],
    )
    assert enrolment.state == Enrolment.State.CONFIRMED


def test_a_full_network_gathering_has_a_waiting_list_as_any_other(certifier, organisations):
    gathering = make_gathering(
        organisations, kind=Gathering.Kind.NETWORK, capacity=1, quotas=(1, 0, 0)
    )
    first, second = (make_member(certifier, organisations["MHU"]) for _ in range(2))
    states = [
        enrolment_apply(
            participant=m.participant, gathering=gathering, organisation=organisations["MHU"]
        ).state
        for m in (first, second)
    ]
    assert states == [Enrolment.State.CONFIRMED, Enrolment.State.WAITLISTED]


def test_the_level_rule_still_holds_for_programme_gatherings(certifier, organisations):
    member = make_member(certifier, organisations["MHU"], levels=("new",))
    programme = make_gathering(organisations, level="communicator")
    blocker = application_blocker(participant=member.participant, gathering=programme)
    assert blocker.code == "missing_level_advanced"


def test_a_network_gathering_gives_no_certificate_not_even_as_an_exception(
    certifier, organisations, network_gathering
):
    member = make_member(certifier, organisations["MHU"])
    enrolment = enrolment_apply(
        participant=member.participant,
        gathering=network_gathering,
        organisation=organisations["MHU"],
    )
    eligible, reason = certificate_eligibility(enrolment)
    assert not eligible
    assert "nettverkssamling gir ikke kursbevis" in str(reason)
    coordinator = make_coordinator(organisations["MHU"])
    with pytest.raises(CertificateError) as refused:
        certificate_issue(enrolment=enrolment, actor=coordinator, exception_reason="Likevel")
    assert refused.value.code == "network_gathering"
    assert not enrolment.certificates.exists()


def test_the_issue_page_says_why_and_offers_no_issuing(certifier, organisations, network_gathering):
    member = make_member(certifier, organisations["MHU"])
    enrolment_apply(
        participant=member.participant,
        gathering=network_gathering,
        organisation=organisations["MHU"],
    )
    coordinator = make_coordinator(organisations["MHU"])
    network_gathering.coordinators.add(coordinator)
    client = Client()
    log_in_with_admin_access(client, coordinator)
    response = client.get(f"/admin/kursbevis/samling/{network_gathering.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "nettverkssamling gir ikke kursbevis" in html
    assert 'name="enrolment"' not in html


def test_the_public_pages_say_members_only(client, certifier, organisations, network_gathering):
    tag = "Nettverkssamling — bare for medlemmer"
    listing = client.get("/samlinger/").content.decode()
    assert tag in listing
    page = client.get(network_gathering.get_absolute_url()).content.decode()
    assert tag in page
    assert "/nettverk/" in page
    outsider = make_person(organisations["MHU"])
    client.force_login(outsider.user)
    page = client.get(network_gathering.get_absolute_url()).content.decode()
    assert REFUSAL in page
    assert f"/samlinger/{network_gathering.slug}/pamelding/" not in page  # no apply button


def test_a_member_sees_the_apply_button(certifier, organisations, network_gathering):
    member = make_member(certifier, organisations["MHU"])
    client = Client()
    client.force_login(member.participant.user)
    page = client.get(network_gathering.get_absolute_url()).content.decode()
    assert REFUSAL not in page
    assert f"/samlinger/{network_gathering.slug}/pamelding/" in page

"""Joining the network on a phone (issue 18 item 1): a certified participant reads /nettverk/,
joins from My page (consent first), changes what other members see and finds it on My page;
the leave page asks first. An under-18 waits for the guardian, who confirms on their page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in_on_site
from tests.factories import make_participant
from tests.network.membership_factories import certify

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "et-langt-passord-123"


def _certified(organisation, *, age=22, name):
    from allauth.account.models import EmailAddress

    participant = make_participant(organisation, age=age, name=name)
    certify(participant, organisation)
    user = participant.user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return participant


def test_a_certified_participant_joins_and_changes_a_visibility_choice_on_a_phone(
    page, live_server, organisations, site_tree
):
    from network.models import Membership

    participant = _certified(organisations["MHU"], name="Sara Nilsen")
    page.goto("/nettverk/")
    expect(
        page.get_by_role("heading", level=1, name="Nettverket for brukermedvirkere")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Be om en brukermedvirker")).to_be_visible()
    assert_accessible(page)

    log_in_on_site(page, participant.user.email, PASSWORD)
    section = page.locator("section.my-network")
    section.get_by_role("link", name="Bli med i nettverket").click()
    expect(page.get_by_role("heading", level=1, name="Bli med i nettverket")).to_be_visible()
    expect(
        page.get_by_text("Nye brukermedvirkere", exact=True)
    ).to_be_visible()  # from the certificate
    assert_accessible(page)

    page.get_by_label("Psykisk helse").check()
    page.get_by_label(re.compile(r"^Fylke")).select_option(label="Vestland")
    page.get_by_label("Omtrent én gang i måneden").check()
    page.get_by_role("button", name="Bli med i nettverket").click()  # no consent yet
    expect(
        page.get_by_text("For å bli med må du krysse av for at du sier ja.").first
    ).to_be_visible()
    assert not Membership.objects.exists()
    assert_accessible(page)

    page.get_by_label("Jeg har lest dette og sier ja").check()
    page.get_by_role("button", name="Bli med i nettverket").click()
    expect(page.get_by_role("heading", level=1, name="Min side")).to_be_visible()
    expect(section.get_by_text("Medlem", exact=True)).to_be_visible()
    expect(section.get_by_text("Du vises ikke på medlemssiden")).to_be_visible()
    expect(section.get_by_text("Andre medlemmer ser dette")).to_have_count(0)
    assert_accessible(page)

    section.get_by_role("link", name="Endre nettverksprofilen min").click()
    expect(page.get_by_role("heading", level=1, name="Nettverksprofilen min")).to_be_visible()
    page.get_by_label("Vis meg på medlemssiden").check()
    page.get_by_label("Andre medlemmer kan se fylket mitt").check()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_text("Nettverksprofilen din er lagret.")).to_be_visible()
    expect(section.get_by_text("Du vises på medlemssiden")).to_be_visible()
    county = section.locator("div").filter(has=page.get_by_text("Fylke", exact=True))
    expect(county).to_contain_text("Vestland")
    expect(county).to_contain_text("Andre medlemmer ser dette")
    membership = Membership.objects.get(participant=participant)
    assert membership.listed_for_members and membership.members_see_county
    assert not membership.members_see_fields

    section.get_by_role("link", name="Gå ut av nettverket").click()
    expect(page.get_by_role("heading", level=1, name="Gå ut av nettverket?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Gå ut av nettverket").click()
    expect(page.get_by_text("Du har gått ut av nettverket.")).to_be_visible()
    assert not Membership.objects.exists()


def test_an_under_18_joins_once_the_guardian_confirms(
    page, new_tab, live_server, organisations, site_tree
):
    from network.models import Membership
    from website.models import OutboxMessage
    from website.outbox import render

    participant = _certified(organisations["BAR"], age=16, name="Nora Lie")
    log_in_on_site(page, participant.user.email, PASSWORD)
    page.locator("section.my-network").get_by_role("link", name="Bli med i nettverket").click()
    expect(page.get_by_text(participant.guardian_email)).to_be_visible()
    page.get_by_label("Jeg har lest dette og sier ja").check()
    page.get_by_role("button", name="Bli med i nettverket").click()
    expect(page.get_by_text("Vi har bedt den foresatte om å bekrefte.")).to_be_visible()
    assert not Membership.objects.get().is_active

    request = OutboxMessage.objects.get(kind="network_membership_guardian_request")
    [link] = re.findall(r"/nettverk/foresatt/[^/\s]+/", render(request).body)
    guardian = new_tab()
    guardian.goto(link)
    expect(
        guardian.get_by_role("heading", level=1, name="Bekreftelse fra foresatt")
    ).to_be_visible()
    assert_accessible(guardian)
    guardian.get_by_role("button", name="Jeg bekrefter at Nora Lie kan bli med").click()
    expect(guardian.get_by_role("status")).to_contain_text("Du har bekreftet")
    assert_accessible(guardian)
    assert Membership.objects.get().is_active

    page.reload()
    expect(page.locator("section.my-network").get_by_text("Medlem", exact=True)).to_be_visible()

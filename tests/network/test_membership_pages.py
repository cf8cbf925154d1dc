"""The joining pages as a person uses them (issue 18 item 1): /nettverk/ for everyone, the join
form (why one cannot join yet; bad input answered in Norwegian, nothing written), My page's
network section in each state, editing what others see, leaving at once."""

import re

import pytest

from network.models import Membership
from tests.factories import make_participant
from tests.network.membership_factories import certify
from website.models import AuditEntry

pytestmark = pytest.mark.django_db

JOIN = "/min-side/nettverk/bli-med/"
PROFILE = "/min-side/nettverk/profil/"
LEAVE = "/min-side/nettverk/forlat/"
VALID = {"availability": "monthly", "county": "46", "fields_": ["child_welfare"], "consent": "on"}


@pytest.fixture
def certified(organisations, client):
    participant = make_participant(organisations["MHU"], name="Sara Nilsen")
    certify(participant, organisations["MHU"])
    client.force_login(participant.user)
    return participant


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_network_page_is_public_and_tells_how_to_join_and_how_to_ask(client, site_tree):
    response = client.get("/nettverk/")
    assert response.status_code == 200
    text = _text(response)
    assert "Nettverket for brukermedvirkere" in text
    assert "kursbeviset fra samlingen for nye brukermedvirkere" in text
    assert 'href="/nettverk/foresporsel/"' in text
    assert f'href="{JOIN}"' in text


def test_the_sitemap_lists_the_network_page_and_robots_keep_out_of_guardian_links(
    client, site_tree
):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/nettverk/</loc>" in xml and "/nettverk/foresporsel/</loc>" in xml
    assert "Disallow: /nettverk/foresatt/" in client.get("/robots.txt").content.decode()


def test_without_a_certificate_the_page_says_what_to_do_and_a_post_writes_nothing(
    client, organisations
):
    participant = make_participant(organisations["BAR"])
    client.force_login(participant.user)
    page = _text(client.get(JOIN))
    assert "Søk på en samling for nye brukermedvirkere" in page
    assert "consent" not in page  # no form
    response = client.post(JOIN, VALID)
    assert response.status_code == 400
    assert not Membership.objects.exists()
    my_page = _text(client.get("/min-side/"))
    assert "Når du har kursbeviset fra samlingen for nye brukermedvirkere" in my_page


def test_an_under_18_without_a_guardian_address_is_sent_to_the_profile(client, organisations):
    participant = make_participant(organisations["LFB"], age=16, guardian=False)
    certify(participant, organisations["LFB"])
    client.force_login(participant.user)
    page = _text(client.get(JOIN))
    assert "Legg først inn navnet og e-postadressen til den foresatte" in page
    assert 'href="/min-side/profil/?next=' in page


def test_joining_without_consent_is_answered_in_norwegian_and_writes_nothing(client, certified):
    response = client.post(JOIN, {**VALID, "consent": ""})
    assert response.status_code == 400
    assert "For å bli med må du krysse av for at du sier ja." in _text(response)
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.NETWORK_MEMBERSHIP).exists()


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"county": "99"}, "Velg et gyldig valg"),
        ({"fields_": ["politics"]}, "Velg et gyldig valg"),
        ({"availability": ""}, "Velg hvor ofte du kan ta et oppdrag."),
        ({"introduction": "x" * 601}, "600"),
        ({"contact_email": "ikke-en-adresse"}, "e-postadresse"),
    ],
)
def test_bad_input_is_answered_in_norwegian_and_writes_nothing(client, certified, bad, message):
    response = client.post(JOIN, {**VALID, **bad})
    assert response.status_code == 400
    assert message in _text(response)
    assert not Membership.objects.exists()


def test_joining_shows_the_member_on_my_page_with_nothing_shown_to_members(client, certified):
    response = client.post(JOIN, VALID)
    assert response.status_code == 302
    membership = Membership.objects.get(participant=certified)
    assert membership.is_active and membership.field_child_welfare and membership.county == "46"
    page = _text(client.get("/min-side/"))
    assert 'data-network-state="active"' in page
    assert "Vestland" in page and "Barnevern" in page
    assert "Andre medlemmer ser dette" not in page  # private by default
    assert "Du vises ikke på medlemssiden" in page
    assert 'href="/nettverk/medlemmer/"' in page


def test_the_levels_come_from_the_certificates_and_cannot_be_typed(client, certified):
    certify(certified, certified.organisations.first(), level="advanced")
    client.post(JOIN, {**VALID, "certified_levels": "communicator"})
    page = _text(client.get(PROFILE))
    assert "Nye brukermedvirkere" in page and "Viderekomne" in page
    assert "Erfaringsformidlere" not in page


def test_editing_a_visibility_choice_shows_on_my_page(client, certified):
    client.post(JOIN, VALID)
    data = {
        "availability": "monthly",
        "county": "46",
        "fields_": ["child_welfare"],
        "listed_for_members": "on",
        "members_see_county": "on",
    }
    response = client.post(PROFILE, data)
    assert response.status_code == 302
    membership = Membership.objects.get(participant=certified)
    assert membership.listed_for_members and membership.members_see_county
    assert not membership.members_see_fields
    page = _text(client.get("/min-side/"))
    assert "Du vises på medlemssiden" in page
    assert page.count('data-shown="members"') == 1


def test_bad_input_on_the_profile_changes_nothing(client, certified):
    client.post(JOIN, VALID)
    response = client.post(PROFILE, {"availability": "always", "county": "03"})
    assert response.status_code == 400
    membership = Membership.objects.get(participant=certified)
    assert membership.availability == "monthly" and membership.county == "46"


def test_leaving_asks_first_then_removes_the_profile_at_once(client, certified):
    client.post(JOIN, VALID)
    question = client.get(LEAVE)
    assert question.status_code == 200
    assert Membership.objects.filter(participant=certified).exists()  # a GET changes nothing
    assert client.post(LEAVE).status_code == 302
    assert not Membership.objects.filter(participant=certified).exists()
    page = _text(client.get("/min-side/"))
    assert 'data-network-state="none"' in page and 'href="/min-side/nettverk/bli-med/"' in page


def test_an_under_18_sees_the_pending_state_and_can_withdraw(client, organisations):
    participant = make_participant(organisations["MHU"], age=16, name="Nora Lie")
    certify(participant, organisations["MHU"])
    client.force_login(participant.user)
    assert client.post(JOIN, VALID).status_code == 302
    page = _text(client.get("/min-side/"))
    assert 'data-network-state="guardian_pending"' in page
    assert participant.guardian_email in page
    client.post(LEAVE)
    assert not Membership.objects.exists()


def test_the_network_page_comes_from_the_page_cache_for_visitors(client, settings, site_tree):
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "enabled": True}
    site = Site.objects.get(is_default_site=True)
    FooterSettings.for_site(site)
    NavigationSettings.for_site(site)
    first = client.get("/nettverk/")
    assert first.get("X-Page-Cache") == "miss" and not first.cookies
    second = client.get("/nettverk/")
    assert second.get("X-Page-Cache") == "hit" and second.content == first.content

"""A member of the network finds another on a phone: the members' page, a filter by county,
the message form, the receipt. The recipient's e-mail goes without the sender's address; a
member who is not listed is never on the page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in_on_site
from tests.network.directory_factories import SHOWN, Certifier, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_filters_by_county_and_writes_to_another_on_a_phone(
    page, live_server, organisations, site_tree
):
    from allauth.account.models import EmailAddress

    from network.models import MemberMessage
    from website.models import OutboxMessage

    certifier = Certifier(organisations)
    me = make_member(certifier, organisations["MHU"], name="Mina Medlem", county="03", **SHOWN)
    user = me.participant.user
    user.set_password("et-langt-passord-123")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    bergen = make_member(
        certifier,
        organisations["BAR"],
        name="Bjørn Bergen",
        county="46",
        introduction="Jeg har sittet i ungdomsrådet i tre år.",
        **SHOWN,
    )
    make_member(certifier, organisations["LFB"], name="Olav Oslo", county="03", **SHOWN)
    make_member(
        certifier,
        organisations["LFB"],
        name="Vera Vestland",
        county="46",
        **{**SHOWN, "listed_for_members": False},
    )

    log_in_on_site(page, me.participant.user.email, "et-langt-passord-123")
    page.goto("/nettverk/medlemmer/")
    expect(page.get_by_role("heading", level=1, name="Medlemmer av nettverket")).to_be_visible()
    expect(page.get_by_role("heading", name="Olav Oslo")).to_be_visible()
    expect(page.get_by_text("3 medlemmer")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Fylke").select_option(label="Vestland")
    page.get_by_role("button", name="Vis medlemmer").click()
    expect(page.get_by_text("1 medlem", exact=True)).to_be_visible()
    card = page.get_by_role("article").filter(has_text="Bjørn Bergen")
    expect(card).to_contain_text("ungdomsrådet")
    expect(page.get_by_role("heading", name="Olav Oslo")).to_have_count(0)
    expect(page.get_by_text("Vera Vestland")).to_have_count(0)
    assert_accessible(page)

    card.get_by_role("link", name="Send en melding").click()
    expect(page.get_by_role("heading", level=1, name="Melding til Bjørn Bergen")).to_be_visible()
    page.get_by_role("button", name="Send meldingen").click()  # empty: a clear message
    expect(page.get_by_text("Skriv en melding.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Meldingen din").fill("Hei! Kan du fortelle om ungdomsrådet?")
    page.get_by_role("button", name="Send meldingen").click()

    expect(page.get_by_role("heading", level=1, name="Meldingen din er sendt")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Bjørn Bergen")
    assert_accessible(page)

    message = MemberMessage.objects.get()
    assert (message.sender, message.recipient) == (me, bergen)
    outgoing = OutboxMessage.objects.get(kind="network_message")
    assert outgoing.recipient == bergen.participant.user.email

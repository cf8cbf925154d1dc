"""A service asks for a representative on a phone (issue 18 item 3): the form refuses bad
input with a Norwegian error summary and stores nothing, the filled-in form ends on "check your
e-mail", the link in the e-mail opens a page that confirms only when its button is pressed, and
the request's own page then says it is received. Every page axe-clean."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_service_asks_for_a_representative_on_a_phone(site_tree, new_tab):
    from network.models import ServiceRequest

    phone = new_tab(390, 844)
    phone.goto("/nettverk/foresporsel/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Be om en ung brukermedvirker")
    assert_accessible(phone)

    # Nothing filled in: every missing field in the summary at the top, nothing stored.
    phone.get_by_role("button", name="Send forespørselen").click()
    summary = phone.locator(".ds-error-summary")
    expect(summary).to_contain_text("Skriv navnet på organisasjonen eller tjenesten.")
    expect(summary).to_contain_text("Velg fylket der det skjer")
    assert_accessible(phone)
    assert ServiceRequest.objects.count() == 0

    phone.get_by_label("Organisasjon eller tjeneste").fill("Bodø kommune, ungdomsrådet")
    phone.get_by_label("Kontaktperson").fill("Siri Rådgiver")
    phone.get_by_label("E-post").fill("siri@bodo.example")
    phone.get_by_label("Et brukerpanel").check()
    phone.get_by_label("Tittel").fill("Ung stemme i brukerpanelet")
    phone.get_by_label("Beskrivelse").fill("Fire møter i året om tilbudet til unge.")
    phone.get_by_label("Barnevern").check()
    phone.get_by_label("Tjenestenivå").check()
    phone.get_by_label("Fylke").select_option("Nordland")
    starts = timezone.localdate() + datetime.timedelta(days=40)
    phone.get_by_label("Fra", exact=True).fill(starts.isoformat())
    phone.get_by_label("Hvor lenge").fill("Fire møter à to timer")
    phone.get_by_label("Vi betaler honorar").check()
    phone.get_by_label("Vi dekker reiseutgifter").check()
    phone.get_by_role("button", name="Send forespørselen").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    assert_accessible(phone)
    service_request = ServiceRequest.objects.get()
    assert service_request.state == ServiceRequest.State.UNVERIFIED

    [message] = [m for m in mail.outbox if m.to == ["siri@bodo.example"]]
    link = re.search(r"https?://[^/\s]+(/nettverk/foresporsel/\S+/bekreft/)", message.body)
    phone.goto(link.group(1))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bekreft forespørselen din")
    assert_accessible(phone)
    service_request.refresh_from_db()
    assert service_request.state == ServiceRequest.State.UNVERIFIED  # opening it is not enough

    phone.get_by_role("button", name="Bekreft forespørselen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ung stemme i brukerpanelet")
    expect(phone.get_by_text("E-postadressen din er bekreftet")).to_be_visible()
    expect(phone.get_by_text("Mottatt.")).to_be_visible()
    assert_accessible(phone)
    service_request.refresh_from_db()
    assert service_request.state == ServiceRequest.State.OPEN
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

"""Enrolment as people do it on their phones, and a coordinator at a desk, over the demo data."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE, log_in, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)

# The demo's gatherings by slug; their titles end with the month they start in, which depends
# on the day the demo is loaded, so tests read them from the database.
FULL = "nye-brukermedvirkere-trondheim"  # first come, full, with a waiting list
ADVANCED = "viderekomne-bergen"  # by application, open
OPEN_GATHERING = f"/samlinger/{FULL}/"


def title_of(slug):
    from cohorts.models import Gathering

    return Gathering.objects.get(slug=slug).title


def test_a_newcomer_signs_up_fills_the_profile_applies_and_lands_on_the_waiting_list(
    demo_site, new_tab
):
    tab = new_tab(*PHONE)
    tab.goto("/samlinger/")
    assert_accessible(tab)
    tab.get_by_role("link", name=title_of(FULL), exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(title_of(FULL))
    assert_accessible(tab)
    tab.get_by_role("link", name="Opprett konto").click()
    assert_accessible(tab)
    tab.locator("input[name=email]").fill("ny.deltaker@example.org")
    tab.locator("input[name=password1]").fill("Et-godt-passord-2026")
    tab.locator("input[name=password2]").fill("Et-godt-passord-2026")
    tab.get_by_role("button", name="Opprett konto").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    assert_accessible(tab)

    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    tab.goto(link)
    assert_accessible(tab)
    tab.get_by_role("button", name="Bekreft").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Min profil")
    assert_accessible(tab)
    tab.get_by_label("Fullt navn").fill("Ny Deltaker")
    tab.get_by_label("Fødselsdato").fill("2003-04-05")
    tab.get_by_label("Mental Helse Ungdom (MHU)").check()
    tab.get_by_role("button", name="Lagre profil").click()
    expect(tab.get_by_text("Profilen din er lagret.")).to_be_visible()
    assert_accessible(tab)

    tab.goto(OPEN_GATHERING)
    # The gathering is full: the page says so before anyone applies (issue 15).
    tab.get_by_role("link", name="Sett meg på venteliste").click()
    assert_accessible(tab)
    expect(tab.get_by_label("Mental Helse Ungdom (MHU)")).to_be_checked()  # the only one
    tab.get_by_label("Hvorfor vil du være med?").fill("Jeg vil bruke erfaringen min.")
    tab.get_by_role("button", name="Sett meg på venteliste").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Du står på venteliste")
    expect(tab.get_by_text("Du er nummer 1 på ventelisten")).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("link", name="Gå til Min side").click()
    expect(tab.get_by_text("Nummer 1 på ventelisten")).to_be_visible()


def test_a_coordinator_accepts_an_application_from_their_organisation(demo_site, new_tab):
    tab = new_tab()
    log_in(tab, "koordinator.lfb@medvirk.localhost")
    tab.get_by_role("link", name="Påmeldinger").click()
    tab.get_by_role("link", name=title_of(ADVANCED), exact=True).click()
    row = tab.locator("tr", has_text="Sander Eriksen")
    expect(row).to_contain_text("Til behandling")
    expect(tab.locator("tr", has_text="Jonas Berg")).to_have_count(0)  # MHU's, not theirs
    row.get_by_role("button", name="Ta opp: Sander Eriksen").click()
    expect(tab.locator("tr", has_text="Sander Eriksen")).to_contain_text("Plass bekreftet")


def test_a_cancellation_offers_the_seat_to_the_next_person_who_accepts(demo_site, new_tab):
    jonas = new_tab(*PHONE)
    log_in_on_site(jonas, "jonas@medvirk.localhost")
    assert_accessible(jonas)
    assert jonas.evaluate("document.documentElement.scrollWidth") <= PHONE[0]  # nothing sideways
    enrolment = jonas.locator(".my-gathering", has_text=title_of(FULL))
    enrolment.get_by_role("link", name=re.compile("^Meld meg av")).click()
    # The question says what will happen: the seat goes to the next person waiting.
    expect(jonas.get_by_text("Du gir fra deg plassen")).to_be_visible()
    jonas.get_by_role("button", name="Ja, meld meg av").click()
    expect(jonas.get_by_text("Du har meldt deg av")).to_be_visible()

    emil = new_tab(*PHONE)
    log_in_on_site(emil, "emil@medvirk.localhost")
    offer = emil.locator(".my-gathering", has_text=title_of(FULL))
    expect(offer).to_contain_text("Tilbudt plass")
    assert_accessible(emil)
    offer.get_by_role("button", name="Takk ja til plassen").click()
    expect(emil.get_by_text("Du har takket ja til plassen.")).to_be_visible()
    expect(emil.locator(".my-gathering", has_text=title_of(FULL))).to_contain_text(
        "Plass bekreftet"
    )


def test_the_guardian_confirms_from_the_link(demo_site, new_tab):
    from cohorts.models import Enrolment
    from cohorts.services import guardian_token

    enrolment = Enrolment.objects.get(state=Enrolment.State.GUARDIAN_PENDING)
    guardian = new_tab(*PHONE)
    guardian.goto(f"/samlinger/foresatt/{guardian_token(enrolment)}/")
    expect(guardian.get_by_text("Nora Lie har søkt på")).to_be_visible()
    assert_accessible(guardian)
    guardian.get_by_role("button", name="Jeg bekrefter søknaden").click()
    expect(guardian.get_by_role("status")).to_contain_text("Du har bekreftet søknaden")
    enrolment.refresh_from_db()
    assert enrolment.state == Enrolment.State.CONFIRMED


def test_account_pages_are_accessible(demo_site, new_tab):
    tab = new_tab(*PHONE)
    for url in ["/konto/login/", "/konto/signup/", "/konto/password/reset/"]:
        tab.goto(url)
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(tab)
    tab.goto("/konto/password/reset/")
    tab.locator("input[name=email]").fill("deltaker@medvirk.localhost")
    tab.get_by_role("button", name="Send meg en lenke").click()
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(tab)
    assert any("deltaker@medvirk.localhost" in message.to for message in mail.outbox)

"""A coordinator filters a busy gathering's applications, selects all shown, reads what will
happen and confirms — on a desktop for the under-18s and on a phone for the adults (issue 16)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _applications(gathering, organisation):
    """Two under-18s and three adults awaiting review, through MHU."""
    from django.contrib.auth import get_user_model

    from cohorts.models import Enrolment, Participant

    today = timezone.localdate()
    people = [("Una Ung", 16), ("Sander Seksten", 16), ("Vilde Voksen", 30), ("Ola Olsen", 40)]
    people.append(("Åse Åsen", 25))
    for number, (name, age) in enumerate(people):
        user = get_user_model().objects.create_user(
            email=f"bulk{number}@example.org", password="medvirk-demo"
        )
        participant = Participant.objects.create(
            user=user,
            full_name=name,
            birth_date=today.replace(year=today.year - age) - datetime.timedelta(days=40),
            guardian_name="Foresatt" if age < 18 else "",
            guardian_email=f"foresatt{number}@example.org" if age < 18 else "",
        )
        participant.organisations.add(organisation)
        Enrolment.objects.create(
            participant=participant, gathering=gathering, organisation=organisation, state="applied"
        )


def _filter_and_choose_all(tab, gathering, *, under_18):
    tab.goto("/admin/pameldinger/")
    tab.get_by_role("link", name=gathering.title, exact=True).click()
    tab.get_by_label("Status", exact=True).select_option(label="Til behandling")
    tab.get_by_label("Under 18", exact=True).select_option(value="true" if under_18 else "false")
    tab.get_by_role("button", name="Vis", exact=True).click()
    answer = "true" if under_18 else "false"
    expect(tab).to_have_url(re.compile(f"state=applied.*under_18={answer}"))
    choose_all = tab.get_by_label("Velg alle påmeldingene som vises")
    choose_all.focus()
    tab.keyboard.press("Space")  # by keyboard
    expect(tab.locator("#selected-count")).to_have_text("2 valgt" if under_18 else "3 valgt")
    assert_accessible(tab)
    tab.get_by_label("Med de valgte søknadene:").select_option(label="Ta opp")
    tab.get_by_role("button", name="Gå videre").click()


def test_a_coordinator_accepts_filtered_applications_in_bulk(demo_site, new_tab):
    from cohorts.models import Enrolment, Gathering, Organisation

    gathering = Gathering.objects.get(slug="viderekomne-bergen")
    Gathering.objects.filter(pk=gathering.pk).update(capacity=20)  # seats for everyone
    _applications(gathering, Organisation.objects.get(short_code="MHU"))

    desk = new_tab(1366, 900)
    log_in(desk, "koordinator.mhu@medvirk.localhost")
    _filter_and_choose_all(desk, gathering, under_18=True)
    summary = desk.locator("#bulk-summary")
    expect(summary).to_contain_text(
        "2 under 18 blir tatt opp; plassene holdes til foresatte har bekreftet."
    )
    expect(summary).to_contain_text("Una Ung")
    expect(summary).not_to_contain_text("Vilde Voksen")
    desk.get_by_role("button", name="Ja, gjør det").click()
    expect(desk.get_by_text("2 søknader oppdatert.")).to_be_visible()
    expect(desk).to_have_url(re.compile(rf"/admin/pameldinger/{gathering.pk}/\?.*under_18=true"))
    expect(desk.locator("#result-count")).to_have_text("0 påmeldinger")
    minors = Enrolment.objects.filter(
        gathering=gathering, participant__full_name__in=["Una Ung", "Sander Seksten"]
    )
    assert set(minors.values_list("state", flat=True)) == {"guardian_pending"}

    phone = new_tab(390, 844)
    log_in(phone, "koordinator.mhu@medvirk.localhost")
    _filter_and_choose_all(phone, gathering, under_18=False)
    expect(phone.locator("#bulk-summary")).to_contain_text(
        "3 får plass og blir tatt opp (plass bekreftet)."
    )
    phone.get_by_role("button", name="Ja, gjør det").click()
    expect(phone.get_by_text("3 søknader oppdatert.")).to_be_visible()
    adults = Enrolment.objects.filter(
        gathering=gathering, participant__full_name__in=["Vilde Voksen", "Ola Olsen", "Åse Åsen"]
    )
    assert set(adults.values_list("state", flat=True)) == {"confirmed"}

    # The application's page offers the move to another gathering (checked by axe, too).
    phone.goto(f"/admin/pameldinger/{gathering.pk}/?q=ola")
    phone.get_by_role("link", name="Ola Olsen").click()
    expect(phone.get_by_role("heading", name="Flytt til en annen samling")).to_be_visible()

    # An administrator copies the gathering for next year: a draft with a new address.
    admin = new_tab(1366, 900)
    log_in(admin, "admin@medvirk.localhost")
    admin.goto(f"/admin/gatherings/copy/{gathering.pk}/")
    admin.get_by_label("Nettadresse").fill("viderekomne-bergen-neste-ar")
    admin.get_by_role("button", name="Lag kopien").click()
    expect(admin.get_by_text("er kopiert som utkast")).to_be_visible()
    copy = Gathering.objects.get(slug="viderekomne-bergen-neste-ar")
    assert copy.status == "draft" and copy.sessions.count() == gathering.sessions.count()

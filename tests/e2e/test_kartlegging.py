"""The yearly kartlegging in a browser: a representative answers this year's survey on a phone
(a missing answer is refused with a message, the second visit says they have answered), and
an administrator reads last year's results — a chart and its table, the free text with its
notice, the gaps — and this year's "Changed since last year". Every page axe-clean."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)


def slug(years_back=0):
    return f"kartlegging-{timezone.localdate().year - years_back}"


def test_a_representative_answers_the_survey_on_a_phone(demo_site, new_tab):
    from evaluation.models import SurveyParticipation, SurveyResponse

    phone = new_tab(390, 844)
    log_in_on_site(phone, "jonas@medvirk.localhost")
    phone.goto(f"/kartlegging/{slug()}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        f"Kartlegging {timezone.localdate().year}"
    )
    assert_accessible(phone)

    phone.get_by_role("button", name="Send svarene").click()
    summary = phone.locator(".ds-error-summary")
    expect(summary).to_contain_text("det må besvares")
    assert_accessible(phone)
    assert SurveyResponse.objects.filter(survey__slug=slug()).count() == 0

    scale = phone.get_by_role("group", name="Hvor godt forberedt føler du deg")
    scale.get_by_label("4", exact=True).check()
    phone.get_by_label("Tjenestenivå").check()
    phone.get_by_label("Skole og utdanning").check()
    phone.get_by_label("Å snakke i møter").check()
    phone.get_by_label("Er det noe annet vi bør vite?").fill("Mer øving før det første rådsmøtet.")
    phone.get_by_role("button", name="Send svarene").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Takk for svarene dine")
    assert_accessible(phone)
    assert SurveyResponse.objects.filter(survey__slug=slug()).count() == 1
    assert SurveyParticipation.objects.filter(survey__slug=slug()).count() == 1

    phone.goto(f"/kartlegging/{slug()}/")
    expect(phone.get_by_text("Du har allerede svart på denne kartleggingen")).to_be_visible()
    expect(phone.get_by_role("button", name="Send svarene")).to_have_count(0)

    # Last year's survey has closed: a clear page, no form.
    phone.goto(f"/kartlegging/{slug(1)}/")
    expect(phone.get_by_text("Kartleggingen ble avsluttet")).to_be_visible()
    assert_accessible(phone)


def test_an_administrator_reads_the_results_and_what_changed(demo_site, new_tab):
    desktop = new_tab()
    log_in(desktop, "admin@medvirk.localhost")
    desktop.goto("/admin/kartlegging/")
    expect(
        desktop.get_by_role("link", name=f"Kartlegging {timezone.localdate().year - 1}")
    ).to_be_visible()
    assert_accessible(desktop)

    row = desktop.get_by_role("row").filter(has_text=f"Kartlegging {timezone.localdate().year - 1}")
    row.get_by_role("link", name="Resultater").click()
    expect(desktop.locator("#survey-response-count")).to_have_text("24")
    chart = desktop.get_by_role("img", name="1. Hvor godt forberedt føler du deg til å delta")
    expect(chart).to_be_visible()
    table = desktop.get_by_role("table", name="Tallene i diagrammet for spørsmål 1")
    expect(table.get_by_role("row")).to_have_count(6)  # heading + 1 to 5
    expect(desktop.get_by_text("Fritekst kan inneholde sensitive opplysninger")).to_be_visible()
    expect(desktop.get_by_text("Mer om hvordan man sier nei til oppdrag.")).to_be_visible()
    expect(desktop.get_by_role("link", name="For lite om rus i familien")).to_be_visible()
    assert_accessible(desktop)

    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Last ned resultatene (XLSX)").click()
    assert download.value.suggested_filename == f"resultater-{slug(1)}.xlsx"

    desktop.get_by_role("link", name="For lite om rus i familien").click()
    expect(desktop.locator("#id_title")).to_have_value("For lite om rus i familien")
    expect(
        desktop.get_by_role("checkbox", name="Hva savner du mest i opplæringen?")
    ).to_be_checked()
    assert_accessible(desktop)

    desktop.goto("/admin/kartlegging/")
    this_year = desktop.get_by_role("row").filter(
        has_text=f"Kartlegging {timezone.localdate().year}"
    )
    this_year.get_by_role("link", name="Resultater").click()
    expect(desktop.get_by_role("heading", name="Endret siden i fjor")).to_be_visible()
    changes = desktop.get_by_role("region", name="Endret siden i fjor")
    expect(changes).to_contain_text("Å bruke egen erfaring trygt: endret")
    assert_accessible(desktop)

    desktop.get_by_role("link", name="Rediger kartleggingen").click()
    expect(desktop.locator("#id_title")).to_have_value(f"Kartlegging {timezone.localdate().year}")
    assert_accessible(desktop)

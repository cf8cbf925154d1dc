"""A coordinator opens the reports, reads a chart and the table under it, and downloads the
funder report (XLSX and PDF) — the test checks its figures against the database. Phone and
desktop; every page axe-clean."""

import io
import subprocess

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = (390, 844)


def shown(count):
    """The small-group rule as the page must apply it: 1 to 4 is "< 5"."""
    return "< 5" if 0 < count < 5 else count


def mhu_figures(year):
    """MHU's figures for `year`, counted here straight from the tables."""
    from certificates.models import Certificate
    from cohorts.models import Attendance, Enrolment

    enrolments = Enrolment.objects.filter(organisation__short_code="MHU", gathering__year=year)
    attended = (
        enrolments.filter(state="confirmed", attendances__status__in=Attendance.PRESENT_STATUSES)
        .distinct()
        .count()
    )
    certificates = Certificate.objects.filter(
        enrolment__in=enrolments, revoked_at__isnull=True
    ).count()
    return {
        "applications": enrolments.count(),
        "accepted": enrolments.filter(state="confirmed").count(),
        "attended": attended,
        "certificates": certificates,
    }


def test_a_coordinator_reads_the_report_and_downloads_the_funder_report(demo_site, new_tab):
    from cohorts.models import Gathering

    year = Gathering.objects.get(slug="nye-brukermedvirkere-oslo").year  # the finished one
    figures = mhu_figures(year)
    assert figures["applications"] > 0

    desktop = new_tab()
    log_in(desktop, "koordinator.mhu@medvirk.localhost")
    desktop.get_by_role("button", name="Rapporter").click()
    desktop.get_by_role("link", name="Tall per år").click()
    desktop.get_by_label("År", exact=True).select_option(str(year))
    desktop.get_by_role("button", name="Vis").click()
    expect(desktop.get_by_role("heading", level=1)).to_contain_text(f"{year} · Mental Helse Ungdom")
    chart = desktop.get_by_role("img", name=f"Søknader og deltakere {year}")
    expect(chart).to_be_visible()
    table = desktop.locator("#figures-table")
    expect(table.locator("tr[data-key=applications] td")).to_have_text(
        str(shown(figures["applications"]))
    )
    expect(table.locator("tr[data-key=accepted] td")).to_have_text(str(shown(figures["accepted"])))
    expect(table.locator("tr[data-key=attended] td")).to_have_text(str(shown(figures["attended"])))
    expect(chart).to_contain_text(str(shown(figures["applications"])))
    # another organisation's figures are nowhere
    expect(desktop.get_by_text("Barn av rusmisbrukere")).to_have_count(0)
    assert_accessible(desktop)

    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Tilskuddsrapport MHU (XLSX)").click()
    assert download.value.suggested_filename == f"tilskuddsrapport-{year}-mhu.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Mental Helse Ungdom"
    total = next(row for row in rows if row[0] == "Alle nivåer")
    assert total[1] == shown(figures["attended"])
    assert total[-1] == shown(figures["certificates"])

    phone = new_tab(*PHONE)
    log_in(phone, "koordinator.mhu@medvirk.localhost")
    phone.goto(f"/admin/rapporter/?ar={year}")
    expect(phone.locator("#ages-table")).to_be_visible()
    expect(phone.get_by_role("img", name=f"Hvem som møtte, etter alder {year}")).to_be_attached()
    assert_accessible(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Tilskuddsrapport MHU (PDF)").click()
    path = download.value.path()
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert f"Tilskuddsrapport {year}: Mental Helse Ungdom" in text
    assert f"1. januar {year}–31. desember {year}" in text

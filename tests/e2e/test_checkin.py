"""Check-in at the door on a tablet, and a participant checking in by QR link on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)
TABLET = (820, 1180)


def test_a_coordinator_checks_in_three_and_a_participant_scans_in(demo_site, new_tab):
    from cohorts.models import Attendance, Gathering

    gathering = Gathering.objects.get(slug="nye-brukermedvirkere-trondheim")
    session = gathering.sessions.order_by("starts_at").first()
    now = timezone.now()
    session.starts_at, session.ends_at = (
        now - datetime.timedelta(minutes=5),
        now + datetime.timedelta(minutes=85),
    )
    session.save()
    expected = gathering.enrolments.filter(state="confirmed").count()

    door = new_tab(*TABLET)
    log_in(door, "koordinator.mhu@medvirk.localhost")
    door.get_by_role("link", name="Påmeldinger").click()
    door.get_by_role("link", name=gathering.title).click()
    door.get_by_role("link", name="Innsjekk i døra").click()
    expect(door.locator(".checkin-count")).to_contain_text(f"0 av {expected} her")
    door.evaluate("window.sameDocument = true")  # survives only if taps do not reload the page
    door.get_by_role("button", name="Til stede: Jonas Berg").click()
    door.get_by_role("button", name="Til stede: Amina Hassan").click()
    door.get_by_role("button", name="Kom for sent: Ida Larsen").click()
    expect(door.locator(".checkin-count")).to_contain_text(f"3 av {expected} her")
    expect(door.locator("tr", has_text="Ida Larsen")).to_contain_text("Kom for sent")
    assert door.evaluate("window.sameDocument === true")  # JavaScript updated the rows in place
    # Ida came through BAR: at the door the MHU coordinator sees her name, not her organisation
    expect(door.locator("tr", has_text="Ida Larsen")).not_to_contain_text("BAR")
    expect(door.locator("tr", has_text="Jonas Berg")).to_contain_text("MHU")

    door.get_by_role("link", name="Vis QR-kode").click()
    link = door.locator(".checkin-url").inner_text()

    phone = new_tab(390, 844)
    phone.goto("/konto/login/")
    phone.locator("input[name=login]").fill("thea@medvirk.localhost")
    phone.locator("input[name=password]").fill("medvirk-demo")
    phone.get_by_role("button", name="Logg inn").click()
    phone.goto(link)
    assert_accessible(phone)
    phone.get_by_role("button", name="Sjekk inn").click()
    expect(phone.get_by_role("status")).to_contain_text("Du er sjekket inn: Til stede.")
    assert_accessible(phone)
    phone.goto("/min-side/")
    entry = phone.locator(".my-gathering", has_text=gathering.title)
    entry.get_by_text("Mine innsjekkinger").click()
    expect(entry.get_by_text(f"{session.title}")).to_contain_text("Til stede")
    assert_accessible(phone)

    door.goto(f"/admin/pameldinger/{gathering.pk}/innsjekk/")
    expect(door.locator(".checkin-count")).to_contain_text(f"4 av {expected} her")
    door.goto(f"/admin/pameldinger/{gathering.pk}/oppmote/")
    # the report lists the coordinator's own members only (Ida is BAR's, Thea LFB's)
    expect(door.locator("tr", has_text="Jonas Berg")).to_contain_text("Til stede")
    expect(door.locator("tr", has_text="Amina Hassan")).to_contain_text("Til stede")
    expect(door.get_by_text("Bare deltakere fra din egen organisasjon er med")).to_be_visible()
    expect(door.get_by_text("Ida Larsen")).to_have_count(0)
    expect(door.get_by_text("Thea Moen")).to_have_count(0)
    assert Attendance.objects.filter(session=session, method="qr").count() == 1

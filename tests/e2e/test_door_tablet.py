"""The door tablet (issue 16): full screen in portrait on a 768 px tablet, the search stays on
screen while the list scrolls, tap targets of at least 44 px, and a mark whose request fails
is tried again and saved — or shown as not saved with a button to try again, never lost."""

import datetime
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)
TABLET = (768, 1024)

# Every control a person taps on the page (hidden inputs and the skip link aside).
CONTROLS = """() => Array.from(document.querySelectorAll(
    '.door .button, .door select, .door input:not([type=hidden]), .door summary, .door__back'
)).filter(el => el.offsetParent !== null).map(el => {
    const box = el.getBoundingClientRect();
    const name = el.textContent.trim() || el.name || el.id;
    return [name, Math.round(box.width), Math.round(box.height)];
})"""


def test_the_door_tablet_keeps_every_mark_when_the_network_fails(demo_site, new_tab):
    from cohorts.models import Attendance, Gathering

    gathering = Gathering.objects.get(slug="nye-brukermedvirkere-trondheim")
    session = gathering.sessions.order_by("starts_at").first()
    now = timezone.now()
    session.starts_at = now - datetime.timedelta(minutes=5)
    session.ends_at = now + datetime.timedelta(minutes=85)
    session.save()
    expected = gathering.enrolments.filter(state="confirmed").count()

    door = new_tab(*TABLET)
    door.clock.install()  # the tablet's own clock: its retry delays are moved on, not waited for
    log_in(door, "koordinator.mhu@medvirk.localhost")
    door.goto(f"/admin/pameldinger/{gathering.pk}/innsjekk/")
    expect(door.get_by_text("Åpen nå:")).to_be_visible()
    expect(door.locator(".door__now")).to_contain_text(session.title)
    expect(door.locator("#wagtail-sidebar")).to_have_count(0)  # full screen: no admin sidebar
    assert door.evaluate("document.documentElement.scrollWidth") <= TABLET[0]
    too_small = [c for c in door.evaluate(CONTROLS) if c[1] < 44 or c[2] < 44]
    assert not too_small, too_small
    assert_accessible(door)

    # The search stays on screen when the list is scrolled to its end.
    door.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    door.wait_for_function("window.scrollY > 300")
    expect(door.get_by_label("Søk etter navn")).to_be_in_viewport()
    expect(door.locator(".checkin-count")).to_be_in_viewport()

    # The first request to save a mark fails (the network drops); it is tried again by itself.
    failures = {"left": 1}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort("internetdisconnected")
        else:
            route.continue_()

    door.route("**/innsjekk/marker/", flaky)
    door.evaluate("window.sameDocument = true")
    door.get_by_role("button", name="Til stede: Jonas Berg").click()
    jonas = door.locator("tr", has_text="Jonas Berg")
    expect(jonas.locator("[data-checkin-state]")).to_contain_text("Til stede")
    expect(door.locator(".checkin-count")).to_contain_text(f"1 av {expected} her")
    assert failures["left"] == 0  # the first attempt did fail
    assert door.evaluate("window.sameDocument === true")  # saved in place, no reload

    # A mark that cannot be saved at all says so, with a button to try again; nothing is lost.
    door.unroute("**/innsjekk/marker/")
    door.route("**/innsjekk/marker/", lambda route: route.abort("internetdisconnected"))
    door.get_by_role("button", name="Kom for sent: Ida Larsen").click()
    ida = door.locator("tr", has_text="Ida Larsen")
    # It is tried again after 1, 3 and 8 seconds of the tablet's clock: move the clock on
    # until the row gives up (real time only bounds the loop, as `expect` would).
    given_up = ida.get_by_text("Ikke lagret: Kom for sent.")
    deadline = time.monotonic() + 20
    while not given_up.count() and time.monotonic() < deadline:
        door.clock.fast_forward(500)
    expect(given_up).to_be_visible()
    assert_accessible(door)
    door.unroute("**/innsjekk/marker/")
    ida.get_by_role("button", name="Prøv igjen").click()
    expect(ida.locator("[data-checkin-state]")).to_contain_text("Kom for sent")
    expect(ida).not_to_contain_text("Ikke lagret")
    expect(door.locator(".checkin-count")).to_contain_text(f"2 av {expected} her")

    marks = dict(
        Attendance.objects.filter(session=session).values_list(
            "enrolment__participant__full_name", "status"
        )
    )
    assert marks == {"Jonas Berg": "present", "Ida Larsen": "late"}

    # On a phone the page fits the width: nothing to scroll sideways.
    door.set_viewport_size({"width": 390, "height": 844})
    door.reload()
    assert door.evaluate("document.documentElement.scrollWidth") <= 390

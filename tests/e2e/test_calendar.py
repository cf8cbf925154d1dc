"""Calendars as people use them: a participant copies their feed link from My page on a
phone; a coordinator sends updated invites; an administrator cancels a gathering."""

import icalendar
import pytest
import vobject
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE, log_in, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)


def invite_mails():
    return [m for m in mail.outbox if any("calendar" in t for _, t in m.alternatives)]


def calendar_of(message):
    content = next(c for c, t in message.alternatives if t.startswith("text/calendar"))
    return icalendar.Calendar.from_ical(content)


def test_a_participant_copies_the_feed_link_and_it_serves_their_sessions(
    demo_site, new_tab, live_server
):
    phone = new_tab(*PHONE)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in_on_site(phone, "jonas@medvirk.localhost")
    section = phone.get_by_role("region", name="Min kalender")
    subscribe = section.get_by_role("link", name="Abonner i kalenderappen min")
    assert subscribe.get_attribute("href").startswith("webcal://")
    section.get_by_role("button", name="Kopier lenken").click()
    expect(section.get_by_role("status")).to_have_text("Kopiert")
    link = phone.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{live_server.url}/kalender/") and link.endswith(".ics")
    assert subscribe.get_attribute("href") == "webcal://" + link.split("://", 1)[1]
    assert_accessible(phone)

    # Jonas holds the e-mailed invite to the advanced gathering, so the feed leaves it out (it
    # is in his calendar already); the invite to the full one (for new representatives) could
    # not be delivered, so the feed carries its sessions.
    from cohorts.models import CalendarInvite, Gathering
    from website.models import OutboxMessage

    advanced = Gathering.objects.get(slug="viderekomne-bergen")
    full = Gathering.objects.get(slug="nye-brukermedvirkere-trondheim")
    undelivered = CalendarInvite.objects.filter(
        participant__user__email="jonas@medvirk.localhost", gathering=full
    ).values_list("message_id", flat=True)
    assert OutboxMessage.objects.filter(pk__in=list(undelivered)).update(state="failed")

    response = phone.request.get(link)  # what a calendar app does with the address
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.body())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert f"Velkommen og bli kjent – {advanced.title}" not in summaries
    assert any(s.endswith(full.title) for s in summaries)
    assert vobject.readOne(response.body().decode()).method.value == "PUBLISH"

    # a new address: the old one stops working
    section.locator("summary", has_text="Lag en ny adresse").click()
    section.get_by_role("button", name="Lag en ny adresse").click()
    expect(phone.get_by_text("Kalenderen din har fått en ny adresse.")).to_be_visible()
    assert phone.request.get(link).status == 404
    new_link = phone.get_by_label("Eller kopier adressen", exact=False).input_value()
    assert new_link != link and phone.request.get(new_link).status == 200


def test_a_coordinator_sends_the_updates_after_a_room_change(demo_site, new_tab):
    from cohorts.models import Gathering

    advanced = Gathering.objects.get(slug="viderekomne-bergen")
    desk = new_tab()
    log_in(desk, "koordinator.mhu@medvirk.localhost")
    desk.get_by_role("link", name="Påmeldinger").click()
    desk.get_by_role("link", name=advanced.title).click()
    expect(desk.get_by_text("Kalenderinvitasjonene er utdatert: 2 personer")).to_be_visible()
    desk.get_by_role("link", name="Send oppdateringene").click()
    expect(desk.locator("tr", has_text="Jonas Berg")).to_contain_text("Utdatert")
    mail.outbox.clear()
    desk.get_by_role("button", name="Send 2 oppdateringer").click()
    finished = "Ferdig: 2 invitasjoner er på vei, 3 personer sjekket."
    expect(desk.get_by_text(finished)).to_be_visible()
    expect(desk.locator("tr", has_text="Jonas Berg")).to_contain_text("versjon 1")
    # Ida (BAR) gets her update too, but an MHU coordinator's list shows MHU's members only
    # (design rule 6): she is counted, not named.
    expect(desk.locator("tr", has_text="Ida Larsen")).to_have_count(0)
    messages = invite_mails()
    assert sorted(m.to[0] for m in messages) == [
        "ida@medvirk.localhost",
        "jonas@medvirk.localhost",
    ]
    for message in messages:
        [event] = calendar_of(message).walk("VEVENT")
        assert event.decoded("SEQUENCE") == 1
        assert "Fjordsalen" in str(event["DESCRIPTION"])
    # one person deleted it: send it again to just them
    desk.locator("tr", has_text="Jonas Berg").get_by_role("button").click()
    expect(desk.get_by_text("for under ett minutt siden")).to_be_visible()  # double-send guard


def test_cancelling_a_gathering_in_the_admin_sends_cancellations(demo_site, new_tab):
    from cohorts.models import Gathering

    gathering = Gathering.objects.get(slug="viderekomne-bergen")
    desk = new_tab()
    log_in(desk, "admin@medvirk.localhost")
    desk.goto(f"/admin/gatherings/edit/{gathering.pk}/")
    desk.locator("#id_status").select_option("cancelled")
    mail.outbox.clear()
    desk.get_by_role("button", name="Lagre").first.click()
    expect(desk.locator(".messages")).to_contain_text("Samling for viderekomne")
    messages = invite_mails()
    assert sorted(m.to[0] for m in messages) == [
        "ida@medvirk.localhost",
        "jonas@medvirk.localhost",
    ]
    for message in messages:
        assert calendar_of(message)["METHOD"] == "CANCEL"
        assert message.subject == f"Avlyst: {gathering.title}"

"""A coordinator writes to every confirmed participant of a gathering: previews, sends, and
each of their own organisation's members gets one e-mail, in their own language."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_writes_to_all_confirmed_participants(demo_site, new_tab):
    from cohorts.models import Enrolment, Gathering, Participant

    gathering = Gathering.objects.get(slug="nye-brukermedvirkere-trondheim")
    confirmed = Enrolment.objects.filter(
        gathering=gathering, state=Enrolment.State.CONFIRMED
    ).select_related("participant__user", "organisation")
    mhu = [e.participant for e in confirmed if e.organisation.short_code == "MHU"]
    others = [e.participant for e in confirmed if e.organisation.short_code != "MHU"]
    assert len(mhu) >= 2 and others
    reads_english = mhu[0]
    Participant.objects.filter(pk=reads_english.pk).update(language="en")
    mail.outbox.clear()

    desk = new_tab()
    log_in(desk, "koordinator.mhu@medvirk.localhost")
    desk.goto(f"/admin/pameldinger/{gathering.pk}/")
    desk.get_by_role("link", name="Skriv til deltakerne").click()
    desk.get_by_label(f"Deltakere med bekreftet plass ({len(mhu)})").check()
    desk.locator("#id_subject").fill("Husk innesko")
    desk.locator("#id_body").fill("Ta med innesko og noe å skrive med.")
    desk.get_by_role("button", name="Forhåndsvis").click()
    # Bad input first: an English reader needs the English text.
    expect(desk.get_by_text("1 mottaker leser engelsk")).to_be_visible()
    desk.locator("#id_subject_en").fill("Remember indoor shoes")
    desk.locator("#id_body_en").fill("Bring indoor shoes and something to write with.")
    desk.get_by_role("button", name="Forhåndsvis").click()

    expect(desk.locator(".message-count")).to_have_text(
        f"Den går til {len(mhu)} personer: {len(mhu) - 1} på norsk, 1 på engelsk."
    )
    expect(desk.locator(".message-subject").first).to_have_text("Husk innesko")
    expect(desk.get_by_text("Bring indoor shoes and something to write with.")).to_be_visible()
    assert mail.outbox == []
    send = desk.get_by_role("button", name=f"Send til {len(mhu)} personer")
    send.dblclick()  # a double click sends once
    expect(desk.get_by_text("Meldingen er på vei.")).to_be_visible()
    expect(desk.locator("[data-job-text]")).to_have_text(
        f"{len(mhu)} av {len(mhu)} e-poster sendt."
    )
    expect(desk.locator("progress")).to_have_attribute("value", "100")

    sent = [m for m in mail.outbox if m.subject in ("Husk innesko", "Remember indoor shoes")]
    assert sorted(m.to[0] for m in sent) == sorted(p.user.email for p in mhu)
    for message in sent:
        english = message.to == [reads_english.user.email]
        assert message.subject == ("Remember indoor shoes" if english else "Husk innesko")
        assert ("Bring indoor shoes" in message.body) is english
    assert not {m.to[0] for m in sent} & {p.user.email for p in others}

    # The history on one participant's page says so.
    enrolment = confirmed.get(participant=mhu[-1])
    desk.goto(f"/admin/pameldinger/pamelding/{enrolment.pk}/")
    expect(desk.get_by_text("Melding sendt: Husk innesko")).to_be_visible()


def test_the_scheduler_sends_the_reminder_set_in_the_gathering_form_on_its_day(demo_site, new_tab):
    """An administrator sets the reminder days (a bad value is refused in Norwegian); the
    scheduled service (what cohorts.tasks.send_reminders runs) sends nothing the day before
    the reminder's day and one reminder to each confirmed participant on it, with the
    practical information, in their language."""
    import datetime

    from cohorts.models import Enrolment, Gathering, Participant
    from cohorts.services import reminders_send

    gathering = Gathering.objects.get(slug="viderekomne-bergen")  # starts in 20 days
    confirmed = [
        e.participant
        for e in Enrolment.objects.filter(
            gathering=gathering, state=Enrolment.State.CONFIRMED
        ).select_related("participant__user")
    ]
    Participant.objects.filter(pk=confirmed[0].pk).update(language="en")
    desk = new_tab()
    log_in(desk, "admin@medvirk.localhost")
    desk.goto(f"/admin/gatherings/edit/{gathering.pk}/")
    desk.locator("#id_reminder_days").fill("en uke")
    desk.get_by_role("button", name="Lagre").first.click()
    expect(desk.locator("#id_reminder_days-error, .error-message").first).to_contain_text(
        "Skriv hele tall for antall dager"
    )
    desk.locator("#id_reminder_days").fill("10, 2")
    desk.get_by_role("button", name="Lagre").first.click()
    expect(desk.locator(".messages")).to_contain_text("Samling for viderekomne")
    gathering.refresh_from_db()
    assert gathering.reminder_days == "10, 2"

    mail.outbox.clear()
    day = datetime.timedelta(days=1)
    assert reminders_send(now=gathering.starts_at - 11 * day) == 0
    assert reminders_send(now=gathering.starts_at - 10 * day) == len(confirmed)
    assert reminders_send(now=gathering.starts_at - 10 * day + day / 2) == 0
    reminders = [m for m in mail.outbox if "Scandic Bergen City" in m.body]
    assert sorted(m.to[0] for m in reminders) == sorted(p.user.email for p in confirmed)
    for message in reminders:
        english = message.to == [confirmed[0].user.email]
        assert message.subject.startswith("Reminder: " if english else "Påminnelse: ")
        assert ("Indoor shoes" if english else "Innesko") in message.body

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
    expect(desk.locator(".message-delivery")).to_contain_text(
        f"{len(mhu)} av {len(mhu)} e-poster sendt"
    )

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

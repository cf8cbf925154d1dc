"""ORGANIZER and SEQUENCE in the published calendar files (the public file and personal
feeds), and the admin's programme edits that raise SEQUENCE."""

import datetime

import pytest
from django.utils import timezone

from cohorts import ics
from cohorts.models import Session
from cohorts.selectors import organizer_for
from tests.factories import (
    add_sessions,
    apply_for_seat,
    make_coordinator,
    make_gathering,
    make_participant,
)
from tests.helpers import admin_form_data, parse_calendar, personal_feed_url

pytestmark = pytest.mark.django_db


# ORGANIZER and SEQUENCE in the published files -------------------------------------------------


def test_every_event_names_the_organizer_the_invites_name(client, organisations, settings):
    mhu = organisations["MHU"]
    led = add_sessions(make_gathering(organisations, title="Ledet"))
    for first_name in ("Berit", "Anne"):
        coordinator = make_coordinator(mhu)
        coordinator.first_name, coordinator.last_name = first_name, "Nordmann"
        coordinator.save()
        led.coordinators.add(coordinator)
    nameless = make_coordinator(mhu)
    by_address = add_sessions(make_gathering(organisations, title="Uten navn"))
    by_address.coordinators.add(nameless)
    alone = add_sessions(make_gathering(organisations, title="Uten koordinator"))
    participant = make_participant(mhu)
    for gathering in (led, by_address, alone):
        apply_for_seat(gathering, participant, mhu)

    expected = {
        "Ledet": ics.Person("Anne Nordmann", led.coordinators.get(first_name="Anne").email),
        "Uten navn": ics.Person(nameless.email, nameless.email),
        "Uten koordinator": ics.Person("Medvirk", "post@medvirk.localhost"),
    }
    assert settings.DEFAULT_FROM_EMAIL == "Medvirk <post@medvirk.localhost>"
    for gathering in (led, by_address, alone):
        assert organizer_for(gathering) == expected[gathering.title]  # what invites say
        public = parse_calendar(client.get(f"/samlinger/{gathering.slug}/kalender.ics"))
        for event in public.walk("VEVENT"):
            assert event["ORGANIZER"] == f"mailto:{expected[gathering.title].email}"
            assert event["ORGANIZER"].params["CN"] == expected[gathering.title].name
    events = parse_calendar(client.get(personal_feed_url(participant.user))).walk("VEVENT")
    assert len(events) == 6
    for event in events:
        organizer = expected[str(event["SUMMARY"]).split(" – ")[1]]
        assert event["ORGANIZER"] == f"mailto:{organizer.email}"
        assert event["ORGANIZER"].params["CN"] == organizer.name


def sequences(client, gathering):
    """SEQUENCE by session id, from the public file."""
    calendar = parse_calendar(client.get(f"/samlinger/{gathering.slug}/kalender.ics"))
    return {
        int(str(e["UID"]).split("@")[0].removeprefix("session-")): e.decoded("SEQUENCE")
        for e in calendar.walk("VEVENT")
    }


def test_a_sessions_sequence_grows_when_its_time_or_room_changes_and_only_then(
    client, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    first, second = gathering.sessions.order_by("starts_at")
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}

    first.title = "Nytt tema"
    first.save()
    Session.objects.get(pk=second.pk).save()  # saved as it was
    gathering.description = "Ny beskrivelse"
    gathering.capacity = 30
    gathering.save()
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}

    first.starts_at += datetime.timedelta(minutes=30)
    first.save()
    assert first.revision == 1
    assert sequences(client, gathering) == {first.pk: 1, second.pk: 0}
    first.ends_at += datetime.timedelta(minutes=30)
    first.save(update_fields=["ends_at"])
    second.room = "Lillesalen"
    second.save()
    assert sequences(client, gathering) == {first.pk: 2, second.pk: 1}
    first.title = "Enda et tema"
    first.save()
    first.refresh_from_db()
    first.save()
    assert sequences(client, gathering) == {first.pk: 2, second.pk: 1}

    # the personal feed says the same
    participant = make_participant(organisations["MHU"])
    apply_for_seat(gathering, participant, organisations["MHU"])
    events = parse_calendar(client.get(personal_feed_url(participant.user))).walk("VEVENT")
    assert sorted(e.decoded("SEQUENCE") for e in events) == [1, 2]


def test_every_sessions_sequence_grows_when_the_venue_changes_or_the_gathering_is_cancelled(
    client, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    ids = list(gathering.sessions.values_list("pk", flat=True))

    def all_at(sequence):
        return sequences(client, gathering) == dict.fromkeys(ids, sequence)

    gathering.venue_name = "Et annet hotell"
    gathering.save()
    assert all_at(1)
    gathering.venue_address = "Ny gate 2"
    gathering.save(update_fields=["venue_address"])
    assert all_at(2)
    gathering.status = "cancelled"
    gathering.save()
    assert all_at(3)
    gathering.status = "published"
    gathering.save()
    assert all_at(4)
    gathering.status = "completed"  # the files say the same as before
    gathering.title = "Nytt navn"
    gathering.save()
    assert all_at(4)


def test_editing_the_programme_in_the_admin_raises_only_the_changed_sessions_sequence(
    client, admin_user, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    first, second = gathering.sessions.order_by("starts_at")
    client.force_login(admin_user)
    url = f"/admin/gatherings/edit/{gathering.pk}/"
    data = admin_form_data(gathering)
    assert client.post(url, data).status_code == 302  # every session is saved again
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}
    later = first.starts_at.replace(microsecond=0) + datetime.timedelta(minutes=15)
    data["sessions-0-starts_at"] = timezone.localtime(later).strftime("%Y-%m-%d %H:%M")
    data["sessions-1-title"] = "Nytt tema"
    assert client.post(url, data).status_code == 302
    assert Session.objects.get(pk=first.pk).starts_at == later
    assert sequences(client, gathering) == {first.pk: 1, second.pk: 0}

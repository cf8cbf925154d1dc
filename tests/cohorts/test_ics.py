"""The pure calendar builders (cohorts/ics.py), read back with `icalendar` and with an
independent parser (`vobject`): methods, UIDs, SEQUENCE, ORGANIZER/ATTENDEE, the fingerprint,
escaping of Norwegian text, line folding. Time zones: test_ics_time_zones.py."""

from datetime import datetime
from types import SimpleNamespace

import icalendar
import pytest
import vobject

from cohorts import ics
from tests.factories import (
    ICS_ORGANIZER,
    ICS_STAMP,
    ICS_TITLE,
    OSLO,
    UTC,
    build_invite,
    build_published,
    every_ics_file,
    ics_gathering,
    ics_sessions,
    published_calendar,
)
from tests.helpers import ics_events

# Methods, UID, SEQUENCE, ORGANIZER/ATTENDEE ----------------------------------------------


def test_a_request_has_everything_rfc_5546_asks_of_an_invitation():
    calendar = icalendar.Calendar.from_ical(build_invite())
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == "gathering-7-participant-42@medvirk.no"
    assert event.decoded("SEQUENCE") == 0
    assert event.decoded("DTSTAMP") == ICS_STAMP
    assert event["STATUS"] == "CONFIRMED"
    organizer = event["ORGANIZER"]
    assert organizer == "mailto:kari@mhu.example"
    assert organizer.params["CN"] == "Kari Nordmann, MHU"
    attendee = event["ATTENDEE"]
    assert attendee == "mailto:ase@example.org"
    assert attendee.params["CN"] == "Åse Øyen; «Åsa»"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"


def test_the_invite_spans_the_first_session_to_the_last_and_lists_the_programme():
    [event] = ics_events(build_invite())
    assert event.decoded("DTSTART") == datetime(2026, 10, 24, 10, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime(2026, 10, 26, 15, 0, tzinfo=OSLO)
    assert str(event["LOCATION"]) == "Scandic Ørnen, Lars Hilles gate 18, 5008 Bergen"
    description = str(event["DESCRIPTION"])
    assert "Program:" in description
    assert "lør 24.10. 10:00–11:30 Velkommen, og bli kjent; del 1 (Storsalen)" in description
    assert "13:00–15:00 Rettigheter for unge (Rom «Fløyen»)" in description
    assert "man 26.10. 13:00–15:00 Oppsummering" in description
    assert "https://medvirk.no/samlinger/nye-host/" in description


def test_a_cancellation_keeps_the_uid_raises_the_sequence_and_is_cancelled():
    request = ics_events(build_invite())[0]
    calendar = icalendar.Calendar.from_ical(build_invite("CANCEL", 2))
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == request["UID"]
    assert event.decoded("SEQUENCE") == 2
    assert event["STATUS"] == "CANCELLED"
    assert event["ATTENDEE"] == "mailto:ase@example.org"
    assert event["ORGANIZER"] == "mailto:kari@mhu.example"


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        build_invite("REPLY")


def test_the_uid_is_stable_per_gathering_and_person():
    uid = ics.invite_uid(gathering_id=7, participant_id=42, domain="medvirk.no")
    assert uid == ics.invite_uid(gathering_id=7, participant_id=42, domain="medvirk.no")
    assert uid != ics.invite_uid(gathering_id=7, participant_id=43, domain="medvirk.no")
    assert uid != ics.invite_uid(gathering_id=8, participant_id=42, domain="medvirk.no")


def test_a_published_calendar_has_one_event_per_session_and_a_name():
    calendar = icalendar.Calendar.from_ical(build_published())
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Medvirk – mine samlinger"
    found = calendar.walk("VEVENT")
    assert [e["UID"] for e in found] == [f"session-{n}@medvirk.no" for n in (1, 2, 3)]
    assert str(found[0]["SUMMARY"]) == f"Velkommen, og bli kjent; del 1 – {ICS_TITLE}"
    assert str(found[0]["LOCATION"]) == (
        "Storsalen, Scandic Ørnen, Lars Hilles gate 18, 5008 Bergen"
    )
    assert str(found[2]["LOCATION"]) == "Scandic Ørnen, Lars Hilles gate 18, 5008 Bergen"


def test_a_cancelled_gatherings_sessions_are_published_as_cancelled():
    event_gathering = ics_gathering(status="cancelled")
    content = ics.published_calendar(
        name="x",
        sessions=ics_sessions(event_gathering),
        organizers={7: ICS_ORGANIZER},
        domain="medvirk.no",
        stamp=ICS_STAMP,
        base_url="https://medvirk.no",
    )
    assert {str(e["STATUS"]) for e in ics_events(content)} == {"CANCELLED"}


def test_an_invitation_asks_the_attendee_to_reply_and_a_cancellation_does_not():
    [event] = ics_events(build_invite())
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"
    assert vobject.readOne(build_invite().decode()).vevent.attendee.params["RSVP"] == ["TRUE"]
    assert ics_events(build_invite(sequence=1))[0]["ATTENDEE"].params["RSVP"] == "TRUE"
    [cancel] = ics_events(build_invite("CANCEL", 2))
    assert "RSVP" not in cancel["ATTENDEE"].params


def test_every_published_event_has_its_gatherings_organizer_rfc_5546_publish():
    first = ics_gathering()
    second = ics_gathering(pk=8, slug="videre", title="Videregående")
    other = ics.Person("Ola Nordmann", "ola@bar.example")
    content = published_calendar(
        ics_sessions(first) + ics_sessions(second)[:1], {7: ICS_ORGANIZER, 8: other}
    )
    found = ics_events(content)
    assert [str(e["ORGANIZER"]) for e in found] == ["mailto:kari@mhu.example"] * 3 + [
        "mailto:ola@bar.example"
    ]
    assert found[0]["ORGANIZER"].params["CN"] == "Kari Nordmann, MHU"
    assert all("ATTENDEE" not in e for e in found)
    parsed = vobject.readOne(content.decode())
    assert [e.organizer.value for e in parsed.vevent_list][-2:] == [
        "mailto:kari@mhu.example",
        "mailto:ola@bar.example",
    ]
    assert parsed.vevent_list[-1].organizer.params["CN"] == ["Ola Nordmann"]


def test_a_published_events_sequence_is_its_sessions_revision_plus_its_gatherings():
    event_gathering = ics_gathering()
    assert [e.decoded("SEQUENCE") for e in ics_events(build_published())] == [0, 0, 0]
    event_gathering.revision = 2
    sessions = ics_sessions(event_gathering)
    sessions[1].revision = 3
    content = published_calendar(sessions, {7: ICS_ORGANIZER})
    assert [e.decoded("SEQUENCE") for e in ics_events(content)] == [2, 5, 2]
    parsed = vobject.readOne(content.decode())
    assert [int(e.sequence.value) for e in parsed.vevent_list] == [2, 5, 2]


# The fingerprint decides who needs an update ---------------------------------------------


def fingerprint(**changes):
    event_gathering = ics_gathering()
    sessions = ics_sessions(event_gathering)
    for key, value in changes.items():
        if key.startswith("session_"):
            setattr(sessions[0], key.removeprefix("session_"), value)
        else:
            setattr(event_gathering, key, value)
    return ics.fingerprint(gathering=event_gathering, sessions=sessions, organizer=ICS_ORGANIZER)


def test_the_fingerprint_is_the_same_for_the_same_instants_in_any_zone():
    assert fingerprint() == fingerprint(
        starts_at=ics_gathering().starts_at.astimezone(UTC),
        ends_at=ics_gathering().ends_at.astimezone(UTC),
    )
    event_gathering = ics_gathering()
    as_utc = [
        SimpleNamespace(**{**vars(s), "starts_at": s.starts_at.astimezone(UTC)})
        for s in ics_sessions(event_gathering)
    ]
    assert fingerprint() == ics.fingerprint(
        gathering=event_gathering, sessions=as_utc, organizer=ICS_ORGANIZER
    )


def test_the_fingerprint_changes_with_time_place_and_programme_only():
    same = fingerprint()
    assert fingerprint() == same
    assert fingerprint(description="Ny tekst") == same
    assert fingerprint(venue_name="Et annet hotell") != same
    assert fingerprint(venue_address="Ny adresse 1") != same
    assert fingerprint(title="Nytt navn") != same
    assert fingerprint(session_room="Lillesalen") != same
    assert fingerprint(session_title="Nytt tema") != same
    later = datetime(2026, 10, 24, 10, 15, tzinfo=OSLO)
    assert fingerprint(session_starts_at=later) != same


# Text: escaping, folding ------------------------------------------------------------------


def test_norwegian_text_with_commas_semicolons_and_newlines_is_escaped():
    content = build_invite()
    unfolded = content.decode().replace("\r\n ", "")
    assert "SUMMARY:Samling for nye\\, høsten\\; Bergen\\nog Ålesund\r\n" in unfolded
    # and both parsers read the original text back
    [event] = ics_events(content)
    assert str(event["SUMMARY"]) == ICS_TITLE
    parsed = vobject.readOne(content.decode())
    assert parsed.vevent.summary.value == ICS_TITLE
    assert parsed.vevent.attendee.params["CN"] == ["Åse Øyen; «Åsa»"]
    assert parsed.vevent.organizer.params["CN"] == ["Kari Nordmann, MHU"]
    assert "Velkommen, og bli kjent; del 1" in parsed.vevent.description.value


def test_lines_are_folded_at_75_octets_without_splitting_a_character_and_end_in_crlf():
    long_title = "Æ, ø; å – " * 30
    content = build_invite(title=long_title)
    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    for line in content.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never cuts a multi-byte character in two
    assert str(ics_events(content)[0]["SUMMARY"]) == long_title
    assert vobject.readOne(content.decode()).vevent.summary.value == long_title


def test_vobject_reads_every_file_we_make():
    for name, content in every_ics_file().items():
        parsed = vobject.readOne(content.decode())
        assert parsed.method.value == {"request": "REQUEST", "update": "REQUEST"}.get(
            name, name.upper()
        )
        for event in parsed.vevent_list:
            assert event.dtstart.value.tzinfo is not None
            assert event.dtend.value > event.dtstart.value


def test_a_published_calendar_is_written_byte_for_byte_as_icalendar_writes_it(monkeypatch):
    """`published_calendar` makes a line shared by many events once and skips folding short
    lines (`ics._PublishedCalendar`); the file must be what icalendar itself writes. Titles of
    many lengths put lines on both sides of the 75-octet fold, with multi-byte
    characters and escapes where it falls; rooms and gatherings repeat, one is cancelled."""
    gatherings = [
        ics_gathering(pk=7),
        ics_gathering(pk=8, title="Høstsamling\\; Tromsø", status="cancelled", slug="tromso"),
        ics_gathering(pk=9, venue_name="Ø" * 30, venue_address="", slug="o"),
    ]
    sessions = []
    for n in range(90):
        gathering = gatherings[n % 3]
        for session in ics_sessions(gathering):
            session.pk = len(sessions) + 1
            session.title = ("Å" if n % 2 else "a") * (n % 50) + "x, y; z\\" + "b" * (n // 3)
            session.room = ("Storsalen", "", "Rom «Fløyen»")[n % 3]
            session.revision = n % 4
            sessions.append(session)
    organizers = {7: ICS_ORGANIZER, 8: ics.Person("Ola Ø", "ola@example.org"), 9: ICS_ORGANIZER}
    ours = published_calendar(sessions, organizers)
    monkeypatch.setattr(ics._PublishedCalendar, "content_line", icalendar.Calendar.content_line)
    assert ours == published_calendar(sessions, organizers)
    lengths = {len(line) for line in ours.decode().replace("\r\n ", "").encode().split(b"\r\n")}
    assert {73, 74, 75, 76} <= lengths  # lines just below, at and above the fold

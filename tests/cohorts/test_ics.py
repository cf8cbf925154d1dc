"""The pure calendar builders (cohorts/ics.py), read back with `icalendar` and with an
independent parser (`vobject`): methods, UIDs, SEQUENCE, ORGANIZER/ATTENDEE, time zones across
the daylight-saving changes, escaping of Norwegian text, line folding."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.utils import translation

from cohorts import ics

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")
TITLE = "Samling for nye, høsten; Bergen\nog Ålesund"


def gathering(**fields):
    values = {
        "pk": 7,
        "title": TITLE,
        "venue_name": "Scandic Ørnen",
        "venue_address": "Lars Hilles gate 18, 5008 Bergen",
        # Saturday before and Monday after the October 2026 change (25 October, 03:00 → 02:00)
        "starts_at": datetime(2026, 10, 24, 10, 0, tzinfo=OSLO),
        "ends_at": datetime(2026, 10, 26, 15, 0, tzinfo=OSLO),
        "status": "published",
        "slug": "nye-host",
        "revision": 0,
    }
    values.update(fields)
    result = SimpleNamespace(**values)
    result.get_absolute_url = lambda: f"/samlinger/{result.slug}/"
    return result


def sessions_for(event_gathering):
    rows = [
        (1, "Velkommen, og bli kjent; del 1", datetime(2026, 10, 24, 10, 0), 90, "Storsalen"),
        (2, "Rettigheter for unge", datetime(2026, 10, 24, 13, 0), 120, "Rom «Fløyen»"),
        (3, "Oppsummering", datetime(2026, 10, 26, 13, 0), 120, ""),
    ]
    return [
        SimpleNamespace(
            pk=pk,
            title=title,
            starts_at=start.replace(tzinfo=OSLO),
            ends_at=start.replace(tzinfo=OSLO) + timedelta(minutes=minutes),
            room=room,
            revision=0,
            gathering=event_gathering,
        )
        for pk, title, start, minutes, room in rows
    ]


ORGANIZER = ics.Person("Kari Nordmann, MHU", "kari@mhu.example")
ATTENDEE = ics.Person("Åse Øyen; «Åsa»", "ase@example.org")
STAMP = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def build_invite(method="REQUEST", sequence=0, **fields):
    event_gathering = gathering(**fields)
    with translation.override("nb"):
        return ics.invite(
            gathering=event_gathering,
            sessions=sessions_for(event_gathering),
            attendee=ATTENDEE,
            organizer=ORGANIZER,
            method=method,
            sequence=sequence,
            uid=ics.invite_uid(gathering_id=7, participant_id=42, domain="medvirk.no"),
            stamp=STAMP,
            url="https://medvirk.no/samlinger/nye-host/",
        )


def build_published():
    event_gathering = gathering()
    return ics.published_calendar(
        name="Medvirk – mine samlinger",
        sessions=sessions_for(event_gathering),
        organizers={7: ORGANIZER},
        domain="medvirk.no",
        stamp=STAMP,
        base_url="https://medvirk.no",
    )


def every_file():
    return {
        "request": build_invite(),
        "update": build_invite(sequence=1),
        "cancel": build_invite("CANCEL", 2),
        "publish": build_published(),
    }


def events(content: bytes):
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


# Methods, UID, SEQUENCE, ORGANIZER/ATTENDEE ----------------------------------------------


def test_a_request_has_everything_rfc_5546_asks_of_an_invitation():
    calendar = icalendar.Calendar.from_ical(build_invite())
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == "gathering-7-participant-42@medvirk.no"
    assert event.decoded("SEQUENCE") == 0
    assert event.decoded("DTSTAMP") == STAMP
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
    [event] = events(build_invite())
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
    request = events(build_invite())[0]
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
    assert str(found[0]["SUMMARY"]) == f"Velkommen, og bli kjent; del 1 – {TITLE}"
    assert str(found[0]["LOCATION"]) == (
        "Storsalen, Scandic Ørnen, Lars Hilles gate 18, 5008 Bergen"
    )
    assert str(found[2]["LOCATION"]) == "Scandic Ørnen, Lars Hilles gate 18, 5008 Bergen"


def test_a_cancelled_gatherings_sessions_are_published_as_cancelled():
    event_gathering = gathering(status="cancelled")
    content = ics.published_calendar(
        name="x",
        sessions=sessions_for(event_gathering),
        organizers={7: ORGANIZER},
        domain="medvirk.no",
        stamp=STAMP,
        base_url="https://medvirk.no",
    )
    assert {str(e["STATUS"]) for e in events(content)} == {"CANCELLED"}


def test_an_invitation_asks_the_attendee_to_reply_and_a_cancellation_does_not():
    [event] = events(build_invite())
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"
    assert vobject.readOne(build_invite().decode()).vevent.attendee.params["RSVP"] == ["TRUE"]
    assert events(build_invite(sequence=1))[0]["ATTENDEE"].params["RSVP"] == "TRUE"
    [cancel] = events(build_invite("CANCEL", 2))
    assert "RSVP" not in cancel["ATTENDEE"].params


def published(sessions, organizers):
    return ics.published_calendar(
        name="x",
        sessions=sessions,
        organizers=organizers,
        domain="medvirk.no",
        stamp=STAMP,
        base_url="https://medvirk.no",
    )


def test_every_published_event_has_its_gatherings_organizer_rfc_5546_publish():
    first = gathering()
    second = gathering(pk=8, slug="videre", title="Videregående")
    other = ics.Person("Ola Nordmann", "ola@bar.example")
    content = published(sessions_for(first) + sessions_for(second)[:1], {7: ORGANIZER, 8: other})
    found = events(content)
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
    event_gathering = gathering()
    assert [e.decoded("SEQUENCE") for e in events(build_published())] == [0, 0, 0]
    event_gathering.revision = 2
    sessions = sessions_for(event_gathering)
    sessions[1].revision = 3
    content = published(sessions, {7: ORGANIZER})
    assert [e.decoded("SEQUENCE") for e in events(content)] == [2, 5, 2]
    parsed = vobject.readOne(content.decode())
    assert [int(e.sequence.value) for e in parsed.vevent_list] == [2, 5, 2]


# The fingerprint decides who needs an update ---------------------------------------------


def fingerprint(**changes):
    event_gathering = gathering()
    sessions = sessions_for(event_gathering)
    for key, value in changes.items():
        if key.startswith("session_"):
            setattr(sessions[0], key.removeprefix("session_"), value)
        else:
            setattr(event_gathering, key, value)
    return ics.fingerprint(gathering=event_gathering, sessions=sessions, organizer=ORGANIZER)


def test_the_fingerprint_is_the_same_for_the_same_instants_in_any_zone():
    assert fingerprint() == fingerprint(
        starts_at=gathering().starts_at.astimezone(UTC), ends_at=gathering().ends_at.astimezone(UTC)
    )
    event_gathering = gathering()
    as_utc = [
        SimpleNamespace(**{**vars(s), "starts_at": s.starts_at.astimezone(UTC)})
        for s in sessions_for(event_gathering)
    ]
    assert fingerprint() == ics.fingerprint(
        gathering=event_gathering, sessions=as_utc, organizer=ORGANIZER
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


# Time zones -------------------------------------------------------------------------------


def test_every_time_is_oslo_local_with_a_tzid_or_utc_never_floating():
    for name, content in every_file().items():
        for line in content.decode().replace("\r\n ", "").split("\r\n"):
            if line.startswith(("DTSTART", "DTEND")) and "VTIMEZONE" not in line:
                if line.startswith(("DTSTART:1970",)):
                    continue  # the VTIMEZONE's own rule starts, which are local by definition
                assert line.startswith(("DTSTART;TZID=Europe/Oslo:", "DTEND;TZID=Europe/Oslo:")), (
                    name,
                    line,
                )
            if line.startswith("DTSTAMP"):
                assert line.endswith("Z"), (name, line)


def test_the_vtimezone_is_built_from_rrules_not_rdate_lists():
    for content in every_file().values():
        calendar = icalendar.Calendar.from_ical(content)
        [timezone] = calendar.walk("VTIMEZONE")
        assert timezone["TZID"] == "Europe/Oslo"
        parts = timezone.walk("DAYLIGHT") + timezone.walk("STANDARD")
        assert len(parts) == 2
        assert all("RRULE" in part and "RDATE" not in part for part in parts)
        assert b"RDATE" not in content


def test_the_vtimezone_gives_oslos_offset_at_every_hour_around_each_change_2025_2040():
    """Read the VTIMEZONE with icalendar (to_tz) and vobject (its own RRULE parser) and compare
    both with the system's tz database, hour by hour around every change."""
    content = build_invite()
    from_icalendar = icalendar.Calendar.from_ical(content).walk("VTIMEZONE")[0].to_tz()
    from_vobject = vobject.readOne(content.decode()).vtimezone.gettzinfo()
    checked = 0
    for year in range(2025, 2041):
        for month in (3, 10):
            last_sunday = max(
                datetime(year, month, day)
                for day in range(25, 32)
                if datetime(year, month, day).weekday() == 6
            )
            for hour in range(-30, 30):
                moment = (last_sunday.replace(tzinfo=UTC) + timedelta(hours=hour)).replace(minute=0)
                expected = moment.astimezone(OSLO).utcoffset()
                assert moment.astimezone(from_icalendar).utcoffset() == expected, moment
                assert moment.astimezone(from_vobject).utcoffset() == expected, moment
                checked += 1
    assert checked == 16 * 2 * 60


def test_times_across_the_october_change_are_read_back_as_the_same_instants_by_vobject():
    parsed = vobject.readOne(build_published().decode())
    starts = [event.dtstart.value for event in parsed.vevent_list]
    # 10:00 on Saturday is summer time (UTC+2), 13:00 on Monday is winter time (UTC+1)
    assert starts[0].astimezone(UTC) == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert starts[2].astimezone(UTC) == datetime(2026, 10, 26, 12, 0, tzinfo=UTC)


def test_times_across_the_march_change_are_read_back_right():
    spring = gathering(
        starts_at=datetime(2027, 3, 27, 10, 0, tzinfo=OSLO),
        ends_at=datetime(2027, 3, 29, 15, 0, tzinfo=OSLO),
    )
    sessions = [
        SimpleNamespace(
            pk=1,
            title="Lørdag",
            starts_at=datetime(2027, 3, 27, 10, 0, tzinfo=OSLO),
            ends_at=datetime(2027, 3, 27, 12, 0, tzinfo=OSLO),
            room="",
            revision=0,
            gathering=spring,
        ),
        SimpleNamespace(
            pk=2,
            title="Mandag",
            starts_at=datetime(2027, 3, 29, 10, 0, tzinfo=OSLO),
            ends_at=datetime(2027, 3, 29, 12, 0, tzinfo=OSLO),
            room="",
            revision=0,
            gathering=spring,
        ),
    ]
    content = ics.published_calendar(
        name="x",
        sessions=sessions,
        organizers={7: ORGANIZER},
        domain="d",
        stamp=STAMP,
        base_url="https://x",
    )
    parsed = vobject.readOne(content.decode())
    starts = [event.dtstart.value.astimezone(UTC) for event in parsed.vevent_list]
    assert starts == [
        datetime(2027, 3, 27, 9, 0, tzinfo=UTC),
        datetime(2027, 3, 29, 8, 0, tzinfo=UTC),
    ]


# 25 October 2026: Oslo's clocks go from 03:00 summer time back to 02:00, so 02:00–03:00
# happens twice. 02:30 on the first pass is 00:30 UTC, on the second 01:30 UTC.
FIRST_PASS = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
SECOND_PASS = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def night_sessions(event_gathering):
    """(start, end) in UTC: ordinary → first pass, first → second pass, second pass →
    ordinary, and an ordinary morning."""
    times = [
        (datetime(2026, 10, 24, 23, 45, tzinfo=UTC), datetime(2026, 10, 25, 0, 15, tzinfo=UTC)),
        (FIRST_PASS, FIRST_PASS + timedelta(minutes=30)),
        (SECOND_PASS, SECOND_PASS + timedelta(minutes=30)),
        (datetime(2026, 10, 25, 8, 0, tzinfo=UTC), datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),
    ]
    return [
        SimpleNamespace(
            pk=n,
            title=f"Nattøkt {n}",
            # as the database gives them (UTC) for some, in Oslo time (with fold) for others
            starts_at=start.astimezone(OSLO) if n % 2 else start,
            ends_at=end.astimezone(OSLO) if n % 2 else end,
            room="",
            revision=0,
            gathering=event_gathering,
        )
        for n, (start, end) in enumerate(times, start=1)
    ]


def test_times_in_the_repeated_hour_are_written_in_utc_and_others_with_the_tzid():
    assert FIRST_PASS.astimezone(OSLO).strftime("%H:%M") == "02:30"
    assert SECOND_PASS.astimezone(OSLO).strftime("%H:%M") == "02:30"
    content = published(night_sessions(gathering()), {7: ORGANIZER}).decode()
    lines = [line for line in content.split("\r\n") if line.startswith(("DTSTART", "DTEND"))][
        2:
    ]  # after the VTIMEZONE's own two rule starts
    assert lines == [
        "DTSTART;TZID=Europe/Oslo:20261025T014500",
        "DTEND:20261025T001500Z",  # 02:15, first pass
        "DTSTART:20261025T003000Z",  # 02:30, first pass
        "DTEND:20261025T010000Z",  # 02:00, second pass
        "DTSTART:20261025T013000Z",  # 02:30, second pass
        "DTEND;TZID=Europe/Oslo:20261025T030000",
        "DTSTART;TZID=Europe/Oslo:20261025T090000",
        "DTEND;TZID=Europe/Oslo:20261025T100000",
    ]


def test_both_parsers_read_the_repeated_hour_back_as_the_right_instants():
    sessions = night_sessions(gathering())
    expected = [(s.starts_at.astimezone(UTC), s.ends_at.astimezone(UTC)) for s in sessions]
    assert expected[1][0] == FIRST_PASS and expected[2][0] == SECOND_PASS
    content = published(sessions, {7: ORGANIZER})
    from_icalendar = [
        (e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
        for e in events(content)
    ]
    from_vobject = [
        (e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC))
        for e in vobject.readOne(content.decode()).vevent_list
    ]
    assert from_icalendar == expected
    assert from_vobject == expected


def test_an_invite_starting_in_the_repeated_hour_is_read_back_right():
    night = gathering()
    with translation.override("nb"):
        content = ics.invite(
            gathering=night,
            sessions=night_sessions(night)[1:3],
            attendee=ATTENDEE,
            organizer=ORGANIZER,
            method="REQUEST",
            sequence=0,
            uid="u@medvirk.no",
            stamp=STAMP,
            url="https://medvirk.no/samlinger/nye-host/",
        )
    assert b"DTSTART:20261025T003000Z\r\n" in content
    assert b"DTEND;TZID=Europe/Oslo:20261025T030000\r\n" in content
    [event] = events(content)
    assert event.decoded("DTSTART") == FIRST_PASS
    parsed = vobject.readOne(content.decode()).vevent
    assert parsed.dtstart.value.astimezone(UTC) == FIRST_PASS
    assert parsed.dtend.value.astimezone(UTC) == SECOND_PASS + timedelta(minutes=30)


def test_a_naive_time_is_refused_rather_than_written_floating():
    naive = gathering(starts_at=datetime(2026, 10, 24, 10, 0))
    with pytest.raises(ValueError):
        ics.invite(
            gathering=naive,
            sessions=[],
            attendee=ATTENDEE,
            organizer=ORGANIZER,
            method="REQUEST",
            sequence=0,
            uid="u@d",
            stamp=STAMP,
            url="https://x",
        )


# Text: escaping, folding ------------------------------------------------------------------


def test_norwegian_text_with_commas_semicolons_and_newlines_is_escaped():
    content = build_invite()
    unfolded = content.decode().replace("\r\n ", "")
    assert "SUMMARY:Samling for nye\\, høsten\\; Bergen\\nog Ålesund\r\n" in unfolded
    # and both parsers read the original text back
    [event] = events(content)
    assert str(event["SUMMARY"]) == TITLE
    parsed = vobject.readOne(content.decode())
    assert parsed.vevent.summary.value == TITLE
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
    assert str(events(content)[0]["SUMMARY"]) == long_title
    assert vobject.readOne(content.decode()).vevent.summary.value == long_title


def test_vobject_reads_every_file_we_make():
    for name, content in every_file().items():
        parsed = vobject.readOne(content.decode())
        assert parsed.method.value == {"request": "REQUEST", "update": "REQUEST"}.get(
            name, name.upper()
        )
        for event in parsed.vevent_list:
            assert event.dtstart.value.tzinfo is not None
            assert event.dtend.value > event.dtstart.value

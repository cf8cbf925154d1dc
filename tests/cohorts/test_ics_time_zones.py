"""The pure calendar builders (cohorts/ics.py) across Oslo's daylight-saving changes: every
time local with a TZID or UTC, the VTIMEZONE, and the repeated hour in October, read back
with `icalendar` and `vobject`."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
import vobject
from django.utils import translation

from cohorts import ics
from tests.factories import (
    ICS_ATTENDEE,
    ICS_ORGANIZER,
    ICS_STAMP,
    OSLO,
    UTC,
    build_invite,
    build_published,
    every_ics_file,
    ics_gathering,
    published_calendar,
)
from tests.helpers import ics_events

# Time zones -------------------------------------------------------------------------------


def test_every_time_is_oslo_local_with_a_tzid_or_utc_never_floating():
    for name, content in every_ics_file().items():
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
    for content in every_ics_file().values():
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
    spring = ics_gathering(
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
        organizers={7: ICS_ORGANIZER},
        domain="d",
        stamp=ICS_STAMP,
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
    content = published_calendar(night_sessions(ics_gathering()), {7: ICS_ORGANIZER}).decode()
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
    sessions = night_sessions(ics_gathering())
    expected = [(s.starts_at.astimezone(UTC), s.ends_at.astimezone(UTC)) for s in sessions]
    assert expected[1][0] == FIRST_PASS and expected[2][0] == SECOND_PASS
    content = published_calendar(sessions, {7: ICS_ORGANIZER})
    from_icalendar = [
        (e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
        for e in ics_events(content)
    ]
    from_vobject = [
        (e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC))
        for e in vobject.readOne(content.decode()).vevent_list
    ]
    assert from_icalendar == expected
    assert from_vobject == expected


def test_an_invite_starting_in_the_repeated_hour_is_read_back_right():
    night = ics_gathering()
    with translation.override("nb"):
        content = ics.invite(
            gathering=night,
            sessions=night_sessions(night)[1:3],
            attendee=ICS_ATTENDEE,
            organizer=ICS_ORGANIZER,
            method="REQUEST",
            sequence=0,
            uid="u@medvirk.no",
            stamp=ICS_STAMP,
            url="https://medvirk.no/samlinger/nye-host/",
        )
    assert b"DTSTART:20261025T003000Z\r\n" in content
    assert b"DTEND;TZID=Europe/Oslo:20261025T030000\r\n" in content
    [event] = ics_events(content)
    assert event.decoded("DTSTART") == FIRST_PASS
    parsed = vobject.readOne(content.decode()).vevent
    assert parsed.dtstart.value.astimezone(UTC) == FIRST_PASS
    assert parsed.dtend.value.astimezone(UTC) == SECOND_PASS + timedelta(minutes=30)


def test_a_naive_time_is_refused_rather_than_written_floating():
    naive = ics_gathering(starts_at=datetime(2026, 10, 24, 10, 0))
    with pytest.raises(ValueError):
        ics.invite(
            gathering=naive,
            sessions=[],
            attendee=ICS_ATTENDEE,
            organizer=ICS_ORGANIZER,
            method="REQUEST",
            sequence=0,
            uid="u@d",
            stamp=ICS_STAMP,
            url="https://x",
        )

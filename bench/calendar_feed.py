"""A personal calendar feed of 500 sessions through Django, against `icalendar` alone.

    .venv/bin/python bench/calendar_feed.py [--requests 30] [--gatherings 50]
        [--database-url postgres://postgres:postgres@127.0.0.1:5432/medvirk_bench_calendar]

Builds a fresh database (a temporary SQLite file unless --database-url is given; a PostgreSQL
database named in the URL is dropped and created) with one person holding a confirmed seat at
GATHERINGS weekend gatherings of 10 sessions each (Norwegian titles with commas and æøå,
Saturdays through a year, so the feed crosses both daylight-saving changes; 100 other people
hold seats too). Then (1) GETs the person's feed `/kalender/<token>.ics` with Django's test
client (URL routing, every middleware, the queries, the builder) and (2) builds and
serialises the same events with `icalendar` alone from plain Python data loaded beforehand.
The three are timed in turn, round after round, so that a busy machine slows them alike.
Prints mean, p50 and p95 ms of each, the queries per request, and the ratio (1)/(2) (of the
means, of the p50s, and the median of each round's own ratio, which a machine busy in bursts
disturbs least). The
second row, `cohorts.ics` on sessions already loaded, is the project's builder without
request or queries; the last, the same GET sent again with the `ETag` it was given, as a
calendar app polls (304, nothing built), with its ratio to (2). The machine's load average is
printed before and after the timed rounds (the ratios are what to compare between runs).
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import datetime
import os
import statistics
import time
from zoneinfo import ZoneInfo

from bench.support import data
from bench.support.figures import percentile
from bench.support.setup import setup_django

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")
BORN = datetime.date(2004, 1, 1)
FIRST_SATURDAY = datetime.datetime(2026, 1, 3, tzinfo=OSLO)  # DST: 29 March, 25 October 2026
# (day, start, end, title, room); day 0 is Saturday, day 1 Sunday.
TIMETABLE = [
    (0, "09:00", "10:30", "Velkommen, forventninger og rammer", "Sal Ørnen"),
    (0, "10:45", "12:00", "Å bli hørt: rettigheter, plikter og påvirkning", "Sal Ørnen"),
    (0, "13:00", "14:30", "Brukermedvirkning på systemnivå, del 1", "Grupperom Måken"),
    (
        0,
        "14:45",
        "16:00",
        "Erfaringskompetanse – fra egen historie til innspill",
        "Grupperom Måken",
    ),
    (0, "19:00", "22:00", "Middag og sosialt, «bli kjent»-kveld", "Restaurant Blåbær"),
    (1, "09:00", "10:30", "Brukermedvirkning på systemnivå, del 2", "Sal Ørnen"),
    (1, "10:45", "12:00", "Møteteknikk, sakspapirer og høringssvar", "Sal Ørnen"),
    (1, "13:00", "14:00", "Taushetsplikt, personvern og etikk", "Grupperom Ærfuglen"),
    (1, "14:15", "15:15", "Øvelse: innspill til kommunens plan, på 20 minutter", ""),
    (1, "15:30", "16:00", "Oppsummering, evaluering og veien videre", "Sal Ørnen"),
]


def at(day, clock):
    hours, minutes = map(int, clock.split(":"))
    return day.replace(hour=hours, minute=minutes)


def build(gatherings, others):
    """The feed's holder with a confirmed seat at every gathering; return the feed's token."""
    from cohorts.models import Enrolment, Gathering, Session
    from cohorts.services import calendar_feed_for

    (organisation,) = data.organisations("MHU")
    rows = []
    for n in range(gatherings):
        saturday = FIRST_SATURDAY + datetime.timedelta(weeks=n)  # wall-clock: 09:00 stays 09:00
        sunday = saturday + datetime.timedelta(days=1)
        rows.append(
            Gathering(
                slug=f"helgesamling-{n + 1}",
                level="new",
                year=saturday.year,
                title=f"Helgesamling {n + 1}, Oslo: «Å bli hørt – på ordentlig»",
                venue_name="Thon Hotel Opera",
                venue_address="Dronning Eufemias gate 4, 0191 Oslo",
                starts_at=at(saturday, "09:00"),
                ends_at=at(sunday, "16:00"),
                capacity=120,
                enrolment_opens_at=saturday - datetime.timedelta(days=90),
                enrolment_closes_at=saturday - datetime.timedelta(days=7),
                admission_mode="first_come",
                status="published",
            )
        )
    gathering_rows = Gathering.objects.bulk_create(rows)
    Session.objects.bulk_create(
        [
            Session(
                gathering=g,
                title=title,
                starts_at=at(g.starts_at + datetime.timedelta(days=day), start),
                ends_at=at(g.starts_at + datetime.timedelta(days=day), end),
                room=room,
            )
            for g in gathering_rows
            for day, start, end, title, room in TIMETABLE
        ]
    )
    participants = data.people(
        others + 1, "deltaker", [organisation], name="Åse Bjørnstad Ærø {n}", born=BORN
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(participant=p, gathering=g, organisation=organisation, state="confirmed")
            for p in participants
            for g in gathering_rows
        ]
    )
    holder = participants[0].user
    return calendar_feed_for(holder).token, holder


def plain_events(user):
    """What the feed says about each session, as plain Python values (loaded before timing)."""
    from django.conf import settings

    from cohorts.ics import session_location, session_uid
    from cohorts.selectors import feed_sessions
    from cohorts.services.calendar import uid_domain

    events = []
    for session in feed_sessions(user):
        gathering = session.gathering
        url = f"{settings.WAGTAILADMIN_BASE_URL}{gathering.get_absolute_url()}"
        events.append(
            {
                "uid": session_uid(session_id=session.pk, domain=uid_domain()),
                "dtstart": session.starts_at.astimezone(OSLO),
                "dtend": session.ends_at.astimezone(OSLO),
                "summary": f"{session.title} – {gathering.title}",
                "location": session_location(session, gathering),
                "description": f"{gathering.title}\n{url}",
                "url": url,
                "status": "CANCELLED" if gathering.status == "cancelled" else "CONFIRMED",
            }
        )
    return events


def icalendar_alone(events):
    from icalendar import Calendar, Event

    stamp = datetime.datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Medvirk bench//NB")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for values in events:
        event = Event()
        event.add("uid", values["uid"])
        event.add("dtstamp", stamp)
        for key in ("dtstart", "dtend", "summary", "location", "description", "url", "status"):
            event.add(key, values[key])
        calendar.add_component(event)
    return calendar.to_ical()


def timed(calls, repetitions):
    """Milliseconds per call of each of `calls`, interleaved round by round so that a busy
    machine slows them all alike, after one warm-up round."""
    times = {name: [] for name in calls}
    for repetition in range(repetitions + 1):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            if repetition:
                times[name].append((time.perf_counter() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed rounds")
    parser.add_argument("--gatherings", type=int, default=50, help="10 sessions each")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cohorts import ics
    from cohorts.selectors import feed_organizers, feed_sessions
    from cohorts.services.calendar import uid_domain

    token, user = build(args.gatherings, others=100)
    expected = args.gatherings * len(TIMETABLE)
    url = f"/kalender/{token}.ics"
    client = Client()

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content

    queries = set()
    for _ in range(5):  # warm-up, counting queries (not timed: capturing costs a little)
        with CaptureQueriesContext(connection) as captured:
            body = get()
        queries.add(len(captured.captured_queries))
    assert body.count(b"BEGIN:VEVENT") == expected, body.count(b"BEGIN:VEVENT")

    etag = client.get(url)["ETag"]

    def poll():
        """A calendar app asking again with the validator it was given: 304, no file built."""
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 304, response.status_code

    sessions = list(feed_sessions(user))
    events = plain_events(user)
    assert icalendar_alone(events).count(b"BEGIN:VEVENT") == expected
    load_before = os.getloadavg()
    names = [
        "GET /kalender/<token>.ics",
        "cohorts.ics builder, no request",
        "icalendar alone",
        "the same GET with its ETag (304)",
    ]
    times = timed(
        {
            names[0]: get,
            names[1]: lambda: ics.published_calendar(
                name="Medvirk – mine samlinger",
                sessions=sessions,
                domain=uid_domain(),
                stamp=timezone.now(),
                base_url=settings.WAGTAILADMIN_BASE_URL,
                organizers=feed_organizers(sessions),
            ),
            names[2]: lambda: icalendar_alone(events),
            names[3]: poll,
        },
        args.requests,
    )

    print(
        f"database: {connection.vendor}; feed of {expected} sessions, "
        f"{args.requests} interleaved rounds after warm-up; {len(body) / 1024:.0f} KiB"
    )
    print(f"{'':34}{'mean ms':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for name in names:
        print(
            f"{name:34}{statistics.mean(times[name]):9.1f}{percentile(times[name], 0.5):9.1f}"
            f"{percentile(times[name], 0.95):9.1f}"
        )
    print(f"queries per request: {', '.join(map(str, sorted(queries)))}")
    ratio = statistics.mean(times[names[0]]) / statistics.mean(times[names[2]])
    print(f"ratio GET / icalendar alone (means): {ratio:.2f}")
    medians = percentile(times[names[0]], 0.5) / percentile(times[names[2]], 0.5)
    print(f"ratio GET / icalendar alone (p50s): {medians:.2f}")
    rounds = zip(times[names[0]], times[names[2]], strict=True)
    paired = statistics.median(get / alone for get, alone in rounds)
    print(f"ratio GET / icalendar alone (median of each round's ratio): {paired:.2f}")
    polled = statistics.mean(times[names[3]]) / statistics.mean(times[names[2]])
    print(f"ratio 304 poll / icalendar alone (means): {polled:.2f}")
    loads = [" ".join(f"{n:.2f}" for n in load) for load in (load_before, os.getloadavg())]
    print(f"load average (1, 5, 15 min) before / after: {loads[0]} / {loads[1]}")


if __name__ == "__main__":
    main()

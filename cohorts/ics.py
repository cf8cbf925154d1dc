"""Calendar files (RFC 5545) and invites (RFC 5546, iTIP) built with `icalendar`.

Pure builders: they take objects already loaded (a gathering, its sessions, names and
addresses) and return bytes; they run no query. Sending and bookkeeping are in
`cohorts.services.calendar`, feeds in `cohorts.views.calendar`.

Times are written as local Europe/Oslo times with `TZID=Europe/Oslo` and one VTIMEZONE built
from two yearly RRULEs (last Sunday of March and of October). `icalendar`'s own
`add_missing_timezones()` writes long RDATE lists instead, which Outlook is reported to
misread. A time in the hour that happens twice when summer time ends (02:00–03:00 on the last
Sunday of October) is written in UTC instead: RFC 5545 reads such a local time as the first
pass, so the second cannot be written with a TZID at all. Text is escaped and lines are
folded at 75 octets by `icalendar`.

Invites (REQUEST/CANCEL) carry ORGANIZER and one ATTENDEE asked to reply (`RSVP=TRUE`). The
published calendars (PUBLISH) carry ORGANIZER (RFC 5546 §3.2.1) and a SEQUENCE per session
that grows when its time or place changes (`session_sequence`).
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress
from icalendar.parser import Contentline, Parameters

TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
PRODID = "-//Medvirk//Opplæringsprogram for unge brukermedvirkere//NB"
REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"


@dataclass(frozen=True)
class Person:
    """A name and an e-mail address, for ORGANIZER and ATTENDEE."""

    name: str
    email: str

    def address(self, **params) -> vCalAddress:
        address = vCalAddress(f"mailto:{self.email}")
        address.params["CN"] = self.name
        for key, value in params.items():
            address.params[key.replace("_", "-").upper()] = value
        return address


def oslo_timezone() -> Timezone:
    """VTIMEZONE for Europe/Oslo as EU summer time has worked since 1996: from the last Sunday
    of March at 02:00 (UTC+1 → UTC+2) to the last Sunday of October at 03:00 (→ UTC+1)."""
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    timezone = Timezone()
    timezone.add("tzid", TZID)
    timezone.add("x-lic-location", TZID)
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone


def _calendar(method: str, name: str | None = None, *, kind=Calendar) -> Calendar:
    calendar = kind()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", TZID)
    calendar.add_component(oslo_timezone())
    return calendar


def _local(moment: datetime) -> datetime:
    """An aware datetime in Oslo time (never floating)."""
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(OSLO)


def _repeated_hour(local: datetime) -> bool:
    """True in the hour Oslo's clocks go through twice (summer time ends at 03:00 → 02:00)."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _event_time(moment: datetime) -> datetime:
    """DTSTART/DTEND: Oslo time, written with TZID=Europe/Oslo; in the repeated hour, UTC
    (written with `Z`), which every reader takes as the one instant it is."""
    local = _local(moment)
    return _utc_stamp(moment) if _repeated_hour(local) else local


def _utc_stamp(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC"))


def invite_uid(*, gathering_id: int, participant_id: int, domain: str) -> str:
    """The same for every version of one person's invite to one gathering (RFC 5546 needs it
    stable so that updates and cancellations replace the event rather than add one)."""
    return f"gathering-{gathering_id}-participant-{participant_id}@{domain}"


def session_uid(*, session_id: int, domain: str) -> str:
    return f"session-{session_id}@{domain}"


def span(gathering, sessions) -> tuple[datetime, datetime]:
    """From the first session's start to the last session's end (the gathering's own times
    when it has no timetable yet)."""
    if not sessions:
        return gathering.starts_at, gathering.ends_at
    return min(s.starts_at for s in sessions), max(s.ends_at for s in sessions)


def venue(gathering) -> str:
    return ", ".join(part for part in (gathering.venue_name, gathering.venue_address) if part)


def session_location(session, gathering) -> str:
    return ", ".join(part for part in (session.room, venue(gathering)) if part)


def fingerprint(*, gathering, sessions, organizer: Person) -> str:
    """A digest of what an invite says about time and place; it changes exactly when the
    people who got an invite need an update."""
    start, end = span(gathering, sessions)
    content = {
        "title": gathering.title,
        "venue": [gathering.venue_name, gathering.venue_address],
        "span": [_utc_stamp(start).isoformat(), _utc_stamp(end).isoformat()],
        "sessions": [
            [
                s.title,
                _utc_stamp(s.starts_at).isoformat(),
                _utc_stamp(s.ends_at).isoformat(),
                s.room,
            ]
            for s in sorted(sessions, key=lambda s: (s.starts_at, s.pk or 0))
        ],
        "organizer": [organizer.name, organizer.email.lower()],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _when(start: datetime, end: datetime) -> str:
    start, end = _local(start), _local(end)
    if start.date() == end.date():
        return f"{dateformat.format(start, 'D j.n.')} {start:%H:%M}–{end:%H:%M}"
    return f"{dateformat.format(start, 'D j.n. H:i')}–{dateformat.format(end, 'D j.n. H:i')}"


def programme_text(*, gathering, sessions, url: str) -> str:
    """The programme as plain text, in the active language: one line per session."""
    lines = [_("Programme:")]
    for session in sorted(sessions, key=lambda s: s.starts_at):
        line = f"{_when(session.starts_at, session.ends_at)} {session.title}"
        if session.room:
            line += f" ({session.room})"
        lines.append(line)
    if not sessions:
        lines.append(_("The programme will be published later."))
    lines += ["", _("Venue: %(venue)s") % {"venue": venue(gathering)}, "", url]
    return "\n".join(lines)


def invite(
    *,
    gathering,
    sessions,
    attendee: Person,
    organizer: Person,
    method: str,
    sequence: int,
    uid: str,
    stamp: datetime,
    url: str,
) -> bytes:
    """One person's invite to a gathering: METHOD REQUEST (new or updated) or CANCEL.
    One VEVENT spans the gathering; its DESCRIPTION lists the sessions."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(method)
    start, end = span(gathering, sessions)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc_stamp(stamp))
    event.add("sequence", sequence)
    event.add("dtstart", _event_time(start))
    event.add("dtend", _event_time(end))
    event.add("summary", gathering.title)
    event.add("location", venue(gathering))
    event.add("description", programme_text(gathering=gathering, sessions=sessions, url=url))
    event.add("url", url)
    event.add("organizer", organizer.address())
    # A REQUEST asks for a reply (without RSVP=TRUE Outlook may send no acceptance at all);
    # a CANCEL expects none.
    reply = {"rsvp": "TRUE"} if method == REQUEST else {}
    event.add(
        "attendee",
        attendee.address(
            cutype="INDIVIDUAL", role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", **reply
        ),
    )
    event.add("status", "CONFIRMED" if method == REQUEST else "CANCELLED")
    event.add("transp", "OPAQUE")
    calendar = _calendar(method)
    calendar.add_component(event)
    return calendar.to_ical()


def session_sequence(session, gathering) -> int:
    """SEQUENCE of a session's VEVENT in the published calendars: the session's revision (its
    time or room changed) plus its gathering's (venue changed, cancelled or reinstated). Both
    counters only grow (`cohorts.models.gatherings.CalendarRevision`), so their sum does too."""
    return session.revision + gathering.revision


# What `published_calendar` reads of a session and of its gathering (with the organiser, which
# comes apart): a personal feed loads only these columns (`cohorts.selectors.feed_sessions`),
# and its ETag hashes exactly these (`cohorts.views.calendar.feed_etag`). Reading another field
# here means adding it to these lists: the feed's query-count test fails if a field is read
# that was not loaded (Django loads it with one query per object).
PUBLISHED_SESSION_FIELDS = (
    "id",
    "revision",
    "gathering_id",
    "title",
    "starts_at",
    "ends_at",
    "room",
)
PUBLISHED_GATHERING_FIELDS = (
    "id",
    "revision",
    "slug",
    "title",
    "venue_name",
    "venue_address",
    "status",
)


def _encoded(name: str, value, parameters=None):
    """`value` as icalendar stores it when `name` is added to a component: an event adds an
    already encoded value as it is, so a value that many events share is encoded once."""
    holder = Event()
    holder.add(name, value, parameters)
    return holder[name]


def _session_event(session, gathering, *, domain: str, shared: Mapping[str, object]) -> Event:
    """A session's VEVENT. `shared` holds the properties every session of its gathering has
    alike (DTSTAMP, DESCRIPTION, URL, ORGANIZER, STATUS, and LOCATION by room), encoded once
    for the gathering."""
    event = Event()
    event.add("uid", session_uid(session_id=session.pk, domain=domain))
    event.add("dtstamp", shared["dtstamp"], encode=False)
    event.add("sequence", session_sequence(session, gathering))
    event.add("dtstart", _event_time(session.starts_at))
    event.add("dtend", _event_time(session.ends_at))
    event.add("summary", f"{session.title} – {gathering.title}")
    locations = shared["locations"]
    if session.room not in locations:
        locations[session.room] = _encoded("location", session_location(session, gathering))
    event.add("location", locations[session.room], encode=False)
    for name in ("description", "url", "organizer", "status"):
        event.add(name, shared[name], encode=False)  # encoded already, by `_encoded`
    return event


def _gathering_shared(gathering, *, organizer: Person, dtstamp, base_url: str) -> dict:
    url = f"{base_url}{gathering.get_absolute_url()}"
    cancelled = gathering.status == "cancelled"
    return {
        "dtstamp": dtstamp,
        "description": _encoded("description", f"{gathering.title}\n{url}"),
        "url": _encoded("url", url),
        "organizer": _encoded("organizer", organizer.address()),
        "status": _encoded("status", "CANCELLED" if cancelled else "CONFIRMED"),
        "locations": {},  # by room, filled as its sessions come
    }


# icalendar folds a content line once it reaches 75 octets (RFC 5545 §3.1): a shorter line is
# written as it is. tests/cohorts/test_ics.py checks the lines around this length.
_FOLD_AT = 75


class _Line(Contentline):
    """A content line that is folded (and encoded) once however often it is written."""

    __slots__ = ("_ical",)

    def to_ical(self) -> bytes:
        try:
            return self._ical
        except AttributeError:
            encoded = self.encode("utf-8")
            self._ical = encoded if len(encoded) < _FOLD_AT else super().to_ical()
            return self._ical


class _PublishedCalendar(Calendar):
    """icalendar's Calendar, written out with less repeated work and to the same bytes: a
    property value that many events hold as the same object (`share`: what a gathering's
    sessions say alike, encoded once by `_encoded`) becomes one content line, made and folded
    once; BEGIN/END:VEVENT likewise; and a line too short to fold skips the folding loop
    (`_Line`). Every line is still made by icalendar (`Contentline.from_parts`) and every
    long one folded by it. A personal feed of 500 sessions spent much of its time making and
    folding the same lines again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shared = {}  # id → value (kept, so that no other object can take its id)
        self._lines = {}

    def share(self, *values) -> None:
        """Values held, as these objects, by the events until the calendar is written."""
        self._shared.update((id(value), value) for value in values)

    def content_line(self, name, value, sorted: bool = True):  # noqa: A002 - icalendar's name
        if name in ("BEGIN", "END"):
            key = (name, value, sorted)
        elif id(value) in self._shared:
            key = (name, id(value), sorted)
        else:
            return self._line(name, value, sorted)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._line(name, value, sorted)
        return line

    @staticmethod
    def _line(name, value, sorted):  # noqa: A002
        # As `Component.content_line`, without making an empty Parameters for every value that
        # has its own (icalendar's `getattr` default is built before the look-up).
        params = value.params if hasattr(value, "params") else Parameters()
        return _Line(Contentline.from_parts(name, params, value, sorted=sorted))


def published_calendar(
    *,
    name: str,
    sessions,
    organizers: Mapping[int, Person],
    domain: str,
    stamp: datetime,
    base_url: str,
) -> bytes:
    """METHOD PUBLISH with one VEVENT per session: the public file of a gathering and the
    personal feeds. Each session must have its `gathering` loaded; `organizers` gives the
    ORGANIZER of each gathering by id."""
    calendar = _calendar(PUBLISH, name=name, kind=_PublishedCalendar)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    dtstamp = _encoded("dtstamp", _utc_stamp(stamp))
    shared = {}  # by gathering id: what its sessions' events say alike
    for session in sessions:
        gathering = session.gathering
        if gathering.pk not in shared:
            shared[gathering.pk] = _gathering_shared(
                gathering, organizer=organizers[gathering.pk], dtstamp=dtstamp, base_url=base_url
            )
        calendar.add_component(
            _session_event(session, gathering, domain=domain, shared=shared[gathering.pk])
        )
    calendar.share(dtstamp)
    for alike in shared.values():
        calendar.share(*(alike[n] for n in ("description", "url", "organizer", "status")))
        calendar.share(*alike["locations"].values())
    return calendar.to_ical()

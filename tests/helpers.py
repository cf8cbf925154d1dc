"""Small helpers shared by test modules (test modules never import each other's).
Data builders are in `tests/factories.py`."""

import email
import threading
from concurrent.futures import ThreadPoolExecutor

import icalendar
import vobject
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

THREADS = 60  # PostgreSQL allows 100 connections; each thread holds one


def database_url() -> str:
    """The URL of this test's own database, for a worker or sender process to share."""
    s = connection.settings_dict
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}/{s['NAME']}"


def clear_of_window_edge(seconds: int = 45) -> None:
    """Return once no rate-limit window turns over in the next `seconds`: for a test whose
    counts are made by server processes of its own, on the real clock (in this process the
    clock is held still: `steady_limiter_clock`). Every window is a whole number of
    five-minute slices of the clock, so all of them turn over on a five-minute mark; near
    one, this waits for the clock to pass it."""
    import time

    from django.conf import settings

    slice_ = 300
    assert all(window % slice_ == 0 for _n, window in settings.RATE_LIMITS.values())
    while (left := slice_ - time.time() % slice_) <= seconds:
        time.sleep(left + 0.05)  # the condition is the clock passing the mark


def queries_for(client, url):
    """Queries to render `url` once caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def run_concurrently(calls):
    """Run the calls from THREADS threads; the first wave starts together at one signal.
    Returns each call's result or EnrolmentError, in order."""
    from cohorts.services import EnrolmentError

    gate = threading.Event()
    ready = threading.Semaphore(0)

    def run(call):
        try:
            ready.release()
            gate.wait()
            return call()
        except EnrolmentError as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(run, call) for call in calls]
        for _ in range(min(THREADS, len(calls))):
            ready.acquire()  # every thread of the first wave is at the gate
        gate.set()
        return [future.result() for future in futures]


# --- Calendars --------------------------------------------------------------------------


def parse_calendar(response):
    """A calendar file response (200, text/calendar) parsed with `icalendar`, and read by
    `vobject` too."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    vobject.readOne(response.content.decode())  # the independent parser reads it too
    return calendar


def personal_feed_url(user):
    """The address of `user`'s personal calendar feed (made on first use)."""
    from cohorts.services import calendar_feed_for

    return f"/kalender/{calendar_feed_for(user).token}.ics"


def ics_events(content: bytes):
    """The VEVENTs of a calendar file."""
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def invites_to(address):
    """The e-mails in the test outbox to `address` that carry a calendar invite."""
    return [m for m in mail.outbox if address in m.to and calendar_part(m) is not None]


def as_sent(message):
    """The message parsed back from the bytes the SMTP backend sends (CRLF line ends)."""
    return email.message_from_bytes(message.message().as_bytes(linesep="\r\n"))


def calendar_part(message):
    """The text/calendar part of the message as sent."""
    parsed = as_sent(message)
    parts = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    return parts[0] if parts else None


def ics_of(message):
    """The calendar the invite e-mail carries, parsed."""
    return icalendar.Calendar.from_ical(calendar_part(message).get_payload(decode=True))


def admin_form_data(gathering):
    """The admin's edit form for `gathering`, filled in with what is stored."""

    def local(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

    data = {
        field: getattr(gathering, field)
        for field in [
            "title",
            "slug",
            "kind",
            "level",
            "year",
            "description",
            "venue_name",
            "venue_address",
            "capacity",
            "admission_mode",
            "offer_deadline_hours",
            "evaluation_days",
            "status",
        ]
    }
    data.update(
        {
            "course": "",
            "has_waiting_list": "on",
            **{
                field: local(getattr(gathering, field))
                for field in ["starts_at", "ends_at", "enrolment_opens_at", "enrolment_closes_at"]
            },
        }
    )
    for prefix, rows in [
        (
            "quotas",
            [
                {"id": q.pk, "organisation": q.organisation_id, "seats": q.seats}
                for q in gathering.quotas.order_by("pk")
            ],
        ),
        (
            "sessions",
            [
                {
                    "id": s.pk,
                    "title": s.title,
                    "starts_at": local(s.starts_at),
                    "ends_at": local(s.ends_at),
                    "room": s.room,
                    "module": "",
                }
                for s in gathering.sessions.order_by("starts_at", "pk")
            ],
        ),
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for n, row in enumerate(rows):
            data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def pdf_text(content: bytes) -> str:
    """The text of every page of a PDF."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_rows(content: bytes) -> list[list]:
    """The first sheet of an XLSX file as lists of cell values."""
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]

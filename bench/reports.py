"""A year's report and funder report at 1,000 enrolments across 5 gatherings.

    .venv/bin/python bench/reports.py [--count 1000] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given) with five
past gatherings of one year, two sessions each, and COUNT enrolments spread over them and
over MHU, BAR and LFB (most confirmed and present, some waiting, some withdrawn, every other
one with a certificate). Then times, best of three: the figures (`report_for`, with its query
count), the year's XLSX and PDF, and one organisation's funder report as XLSX and PDF.
Whether the year's export needs a background job with a progress bar is decided on these
figures (under 2 s: served directly).
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import datetime
import time

from bench.support import data
from bench.support.setup import setup_django

GATHERINGS = 5


def build(count, organisations):
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from cohorts.models import Attendance, Enrolment, Gathering, Session

    year = timezone.now().year - 1
    levels = ["new", "advanced", "communicator", "new", "advanced"]
    per_gathering = count // GATHERINGS
    for number in range(GATHERINGS):
        starts = datetime.datetime(year, 2 + 2 * number, 10, 9, tzinfo=datetime.UTC)
        gathering = Gathering.objects.create(
            slug=f"rapport-{number}",
            level=levels[number],
            year=year,
            title=f"Samling {number + 1}",
            venue_name="Oslo",
            venue_address="Oslo",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(days=1),
            capacity=per_gathering,
            enrolment_opens_at=starts - datetime.timedelta(days=60),
            enrolment_closes_at=starts - datetime.timedelta(days=20),
            status="completed",
        )
        sessions = [
            Session.objects.create(
                gathering=gathering,
                title=f"Økt {n + 1}",
                starts_at=starts + datetime.timedelta(hours=3 * n),
                ends_at=starts + datetime.timedelta(hours=3 * n + 2),
            )
            for n in range(2)
        ]
        people = data.people(per_gathering, f"rapport{number}", organisations,
                             born=datetime.date(2004, 5, 1))  # fmt: skip
        states = ["confirmed"] * 8 + ["waitlisted", "cancelled"]
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    participant=p,
                    gathering=gathering,
                    organisation=organisations[n % len(organisations)],
                    state=states[n % len(states)],
                    waitlisted_at=starts if states[n % len(states)] == "waitlisted" else None,
                )
                for n, p in enumerate(people)
            ]
        )
        confirmed = list(Enrolment.objects.filter(gathering=gathering, state="confirmed"))
        Attendance.objects.bulk_create(
            [
                Attendance(
                    enrolment=e,
                    session=s,
                    status="present",
                    minutes_attended=s.minutes,
                    marked_at=s.starts_at,
                    method="coordinator",
                )  # fmt: skip
                for e in confirmed
                for s in sessions
            ]
        )
        Certificate.objects.bulk_create(
            [
                Certificate(
                    code=new_code(),
                    enrolment=e,
                    level=gathering.level,
                    holder_name="x",
                    issued_at=starts,
                )  # fmt: skip
                for e in confirmed[::2]
            ]
        )
    return year


def best_of_three(work):
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cohorts.models import Enrolment
    from cohorts.reports import documents
    from cohorts.reports.selectors import report_for

    organisations = data.organisations("MHU", "BAR", "LFB")
    administrator = data.coordinator()
    year = build(args.count, organisations)
    print(f"{Enrolment.objects.count()} enrolments in {GATHERINGS} gatherings of {year}")

    with CaptureQueriesContext(connection) as queries:
        report_for(user=administrator, year=year)
    seconds, report = best_of_three(lambda: report_for(user=administrator, year=year))
    print(f"figures (report_for):     {seconds * 1000:7.0f} ms, {len(queries)} queries")
    mhu = organisations[0]
    funder_report = report_for(user=administrator, year=year, organisation=mhu)
    for label, work in [
        ("year XLSX (figures+file)", lambda: documents.year_xlsx(
            report_for(user=administrator, year=year), scope="Alle")),
        ("year PDF  (figures+file)", lambda: documents.year_pdf(
            report_for(user=administrator, year=year), scope="Alle")),
        ("funder XLSX (file only)", lambda: documents.funder_xlsx(funder_report, mhu)),
        ("funder PDF  (file only)", lambda: documents.funder_pdf(funder_report, mhu)),
    ]:  # fmt: skip
        seconds, content = best_of_three(work)
        print(f"{label}: {seconds * 1000:7.0f} ms, {len(content) // 1024} KiB")


if __name__ == "__main__":
    main()

"""Issuing certificates with PDFs, against WeasyPrint alone on the same documents.

    .venv/bin/python bench/certificates.py [--count 300] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given) with one
past gathering and COUNT participants who attended it, then (1) issues every certificate
through the service and runs the delivery task (render the PDF, store it, e-mail it to the
test outbox), and (2) renders the same COUNT HTML documents with WeasyPrint alone. Prints
total and per-certificate time, the ratio (1)/(2), and peak memory (Python allocations per
phase, and the process's peak resident size).
"""

import argparse
import datetime
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import setup_django  # noqa: E402


def build(count):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from cohorts.models import Attendance, Enrolment, Gathering, Organisation, Participant, Session

    now = timezone.now()
    organisation = Organisation.objects.create(name="Mental Helse Ungdom", short_code="MHU")
    gathering = Gathering.objects.create(
        slug="bench",
        level="new",
        year=now.year,
        title="Samling for nye brukermedvirkere",
        venue_name="Thon Hotel Opera",
        venue_address="Oslo",
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=9),
        capacity=count,
        enrolment_opens_at=now - datetime.timedelta(days=60),
        enrolment_closes_at=now - datetime.timedelta(days=20),
        status="completed",
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Dag 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=6),
    )
    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"deltaker{n}@bench.example", password=password) for n in range(count)]
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=u, full_name=f"Deltaker Nummer {n}", birth_date=datetime.date(2004, 1, 1)
            )
            for n, u in enumerate(users)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                participant=p, gathering=gathering, organisation=organisation, state="confirmed"
            )
            for p in participants
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                enrolment=e,
                session=session,
                status="present",
                minutes_attended=session.minutes,
                marked_at=now,
                method="coordinator",
            )
            for e in enrolments
        ]
    )
    admin = User.objects.create_superuser(email="admin@bench.example", password="x")
    return admin, list(Enrolment.objects.filter(gathering=gathering))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    workdir = setup_django(args.database_url)
    from django.conf import settings
    from django.core import mail
    from django.db import connection

    settings.MEDIA_ROOT = workdir
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    admin, enrolments = build(args.count)

    from certificates.models import Certificate
    from certificates.pdf import certificate_html, html_to_pdf
    from certificates.services import certificate_issue
    from certificates.tasks import deliver_certificate

    tracemalloc.start()
    started = time.perf_counter()
    for enrolment in enrolments:
        certificate = certificate_issue(enrolment=enrolment, actor=admin)
        deliver_certificate(certificate.pk)
    issued_seconds = time.perf_counter() - started
    issued_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert Certificate.objects.exclude(pdf="").count() == args.count
    assert len(mail.outbox) == args.count

    documents = [
        certificate_html(
            certificate=c,
            gathering=c.enrolment.gathering,
            organisation=c.enrolment.organisation,
            modules=[],
            teaching_minutes=360,
            url=f"https://medvirk.no{c.get_absolute_url()}",
            language="nb",
        )
        for c in Certificate.objects.select_related(
            "enrolment__gathering", "enrolment__organisation"
        )
    ]
    tracemalloc.start()
    started = time.perf_counter()
    for html in documents:
        html_to_pdf(html)
    alone_seconds = time.perf_counter() - started
    alone_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {connection.vendor}; {args.count} certificates")
    print(f"{'':28}{'total s':>10}{'per cert ms':>14}{'peak Python MB':>17}")
    per_issue = issued_seconds / args.count * 1000
    issued_mb = issued_peak / 2**20
    print(f"{'issue + PDF + e-mail':28}{issued_seconds:10.1f}{per_issue:14.1f}{issued_mb:17.1f}")
    print(
        f"{'WeasyPrint alone':28}{alone_seconds:10.1f}{alone_seconds / args.count * 1000:14.1f}"
        f"{alone_peak / 2**20:17.1f}"
    )
    print(f"ratio (issue + PDF + e-mail) / WeasyPrint alone: {issued_seconds / alone_seconds:.2f}")
    print(f"peak resident memory of the process: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()

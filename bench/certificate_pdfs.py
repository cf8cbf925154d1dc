"""Issuing certificates with PDFs, against WeasyPrint alone on the same documents.

    .venv/bin/python bench/certificate_pdfs.py [--count 300] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given; a PostgreSQL
database named in the URL is dropped and created) with one past gathering and COUNT
participants who attended it, then (1) issues every certificate through the service, runs its
task (render the PDF and store it) and sends its e-mail from the outbox (the PDF attached, to
Django's in-memory test outbox), and (2) renders the same COUNT HTML documents with
WeasyPrint alone (`weasyprint.HTML(string=html).write_pdf()`, the library as its documentation
shows it). Prints total and per-certificate time, the ratio (1)/(2), and peak memory
(Python allocations per phase, and the process's peak resident size).
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import resource
import time
import tracemalloc

from bench.support import data
from bench.support.setup import setup_django


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
    admin = data.coordinator()
    enrolments = data.finished_gathering(args.count, *data.organisations("MHU"))

    import weasyprint

    from certificates.models import Certificate
    from certificates.pdf import certificate_html
    from certificates.services import certificate_issue
    from certificates.tasks import render_certificate
    from website.outbox import outbox_send_due

    tracemalloc.start()
    started = time.perf_counter()
    for enrolment in enrolments:
        certificate = certificate_issue(enrolment=enrolment, actor=admin)
        render_certificate(certificate.pk)
        outbox_send_due(linger=0)
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
        weasyprint.HTML(string=html).write_pdf()
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

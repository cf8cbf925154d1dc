"""Certificate PDFs: our builder against WeasyPrint alone on the same HTML, and the full issue.

    .venv/bin/python bench/certificate_pdfs.py [--count 100] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given; a PostgreSQL
database named in the URL is dropped and created) with one past gathering and COUNT
participants who attended it. Then, timed without tracemalloc:

1. **Issue + PDF + e-mail**, per certificate: the service issues it (one transaction, its
   e-mail written to the outbox) and the outbox sends the e-mail (the PDF rendered, stored
   once and attached, to Django's in-memory outbox). Right after each, WeasyPrint alone
   renders that certificate's HTML (`weasyprint.HTML(string=html).write_pdf()`, the library as
   its documentation shows it), so that a busy machine slows both alike.
2. **The builder**, per document in a batch of COUNT: our template rendered into the
   certificate's HTML (`certificates.pdf.certificate_html`, QR code as inline SVG) and
   `cohorts.pdf.html_to_pdf` (fonts loaded once for the batch: the first document pays for
   it), against WeasyPrint alone on the same HTML, in turns (builder first on even documents,
   WeasyPrint first on odd ones). What the certificate shows is read from the database before
   timing. A third column, WeasyPrint given one FontConfiguration for the batch as
   `html_to_pdf` is, shows what is left of ours (the template and the QR code).

Then, in a separate pass with tracemalloc on (it slows WeasyPrint several times, so it is not
timed), the peak Python allocations of the builder and of WeasyPrint alone over min(COUNT, 20)
documents, and the process's peak resident memory. Prints means and p50s per certificate,
the ratios (of the means, of the p50s, and the median of each pair's own ratio, which a
machine busy in bursts disturbs least), and the load average before and after.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import os
import resource
import statistics
import threading
import time
import tracemalloc

from bench.support import data
from bench.support.figures import percentile
from bench.support.setup import setup_django


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def peak_mb(calls) -> float:
    tracemalloc.start()
    for call in calls:
        call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def row(name, values, width=34):
    return (
        f"{name:{width}}{statistics.mean(values):9.1f}{percentile(values, 0.5):9.1f}"
        f"{percentile(values, 0.95):9.1f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
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
    from weasyprint.text.fonts import FontConfiguration

    from certificates import services
    from certificates.models import Certificate
    from certificates.pdf import certificate_html
    from cohorts import pdf
    from website.outbox import outbox_send_due

    def loaded(certificate_id):
        return (
            Certificate.objects.select_related("enrolment__participant", "issued_by")
            .select_related("enrolment__gathering__course", "enrolment__organisation")
            .get(pk=certificate_id)
        )

    # WeasyPrint's own first run (imports, its user-agent stylesheet) is not counted anywhere.
    weasyprint.HTML(string="<p>warm-up</p>").write_pdf()
    load_before = load()

    # 1. Issue + PDF + e-mail, each followed by WeasyPrint alone on that certificate's HTML.
    full, full_alone = [], []
    for enrolment in enrolments:
        started = time.perf_counter()
        certificate = services.certificate_issue(enrolment=enrolment, actor=admin)
        outbox_send_due(linger=0)
        full.append((time.perf_counter() - started) * 1000)
        html = services.certificate_document(loaded(certificate.pk))
        full_alone.append(timed(lambda html=html: weasyprint.HTML(string=html).write_pdf()))
    assert Certificate.objects.exclude(pdf="").count() == args.count
    assert len(mail.outbox) == args.count

    # 2. The builder in a batch against WeasyPrint alone on the same HTML.
    ids = Certificate.objects.order_by("pk").values_list("pk", flat=True)
    contents = [services.certificate_content(loaded(pk)) for pk in ids]
    htmls = [certificate_html(**content) for content in contents]
    builder, alone, alone_fonts = [], [], []

    def batch():
        """In a thread of its own: `html_to_pdf` keeps its fonts per thread, so this batch
        loads them once, in its first document."""
        batch_fonts = FontConfiguration()
        for n, (content, html) in enumerate(zip(contents, htmls, strict=True)):

            def ours(content=content):
                return pdf.html_to_pdf(certificate_html(**content))

            def theirs(html=html):
                return weasyprint.HTML(string=html).write_pdf()

            def theirs_fonts_once(html=html):
                return weasyprint.HTML(string=html).write_pdf(font_config=batch_fonts)

            if n % 2:
                alone.append(timed(theirs))
                builder.append(timed(ours))
            else:
                builder.append(timed(ours))
                alone.append(timed(theirs))
            alone_fonts.append(timed(theirs_fonts_once))

    thread = threading.Thread(target=batch)
    thread.start()
    thread.join()
    assert len(builder) == args.count
    assert certificate_html(**contents[0]) == htmls[0]  # the same HTML, every time
    load_after = load()

    # Memory, untimed.
    sample = list(zip(contents, htmls, strict=True))[: min(args.count, 20)]
    builder_mb = peak_mb(
        [lambda d=d: pdf.html_to_pdf(certificate_html(**d)) for d, _html in sample]
    )
    alone_mb = peak_mb([lambda h=h: weasyprint.HTML(string=h).write_pdf() for _d, h in sample])
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"database: {connection.vendor}; {args.count} certificates; ms per certificate")
    print(f"{'':34}{'mean':>9}{'p50':>9}{'p95':>9}")
    print("1. issue + PDF + e-mail, each followed by WeasyPrint alone on its HTML")
    print(row("  issue + PDF + e-mail", full))
    print(row("  WeasyPrint alone", full_alone))
    print("2. the builder, a batch, in turns with WeasyPrint alone on the same HTML")
    print(row("  builder (template + html_to_pdf)", builder))
    print(row("  WeasyPrint alone", alone))
    print(row("  WeasyPrint, fonts once per batch", alone_fonts))
    mean = statistics.mean
    p50 = lambda values: percentile(values, 0.5)  # noqa: E731
    for name, ours, theirs in (
        ("builder / WeasyPrint alone", builder, alone),
        ("builder / WeasyPrint with fonts once per batch", builder, alone_fonts),
        ("issue + PDF + e-mail / WeasyPrint alone", full, full_alone),
    ):
        paired = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
        print(
            f"ratio {name}: {mean(ours) / mean(theirs):.2f} (means), "
            f"{p50(ours) / p50(theirs):.2f} (p50s), {paired:.2f} (median of each pair's)"
        )
    print(
        f"peak Python allocations over {len(sample)} documents (tracemalloc, untimed): "
        f"builder {builder_mb:.1f} MB (its fonts loaded before), "
        f"WeasyPrint alone {alone_mb:.1f} MB"
    )
    print(f"peak resident memory of the process: {rss_mb:.0f} MB")
    print(f"load average (1, 5, 15 min) before / after: {load_before} / {load_after}")


if __name__ == "__main__":
    main()

"""The erfaringslogg as a document: pure builders, a `selectors.assignments.Log` in, HTML or PDF
bytes out, no queries. The PDF is drawn by the certificate's machinery (certificates/pdf.py,
WeasyPrint) with the certificate's page, font and colours
(templates/certificates/includes/document_style.html)."""

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from certificates.pdf import html_to_pdf


def erfaringslogg_html(*, log, base_url: str, language: str, made_on: date) -> str:
    with translation.override(language):
        return render_to_string(
            "network/erfaringslogg_pdf.html",
            {
                "log": log,
                "hours_per_level": log.hours_per_level(),
                "base_url": base_url.rstrip("/"),
                "made_on": made_on,
                "LANGUAGE_CODE": language,
            },
        )


def erfaringslogg_pdf(*, log, base_url: str, language: str, made_on: date) -> bytes:
    return html_to_pdf(
        erfaringslogg_html(log=log, base_url=base_url, language=language, made_on=made_on)
    )


def erfaringslogg_filename(name: str) -> str:
    """ "erfaringslogg-<name>.pdf", the name in plain letters (æøå spelled out)."""
    plain = name.translate(
        str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
    )
    return f"erfaringslogg-{slugify(plain) or 'medlem'}.pdf"

"""Pure builders for the certificate: objects in, HTML / QR / PDF bytes out. No queries —
the caller passes the gathering's modules and the organisation."""

import segno
from django.template.loader import render_to_string
from django.utils import translation

from cohorts.pdf import html_to_pdf

__all__ = ["certificate_html", "html_to_pdf", "verification_qr"]


def verification_qr(url: str):
    return segno.make(url, error="m")


def certificate_html(
    *, certificate, gathering, organisation, modules, teaching_minutes, url, language, meaning=""
):
    with translation.override(language):
        return render_to_string(
            "certificates/certificate.html",
            {
                "certificate": certificate,
                "gathering": gathering,
                "organisation": organisation,
                "modules": modules,
                "meaning": meaning,
                "teaching_minutes": teaching_minutes,
                "url": url,
                "qr": verification_qr(url).svg_inline(scale=3, dark="#000", light="#fff"),
                "LANGUAGE_CODE": language,
            },
        )

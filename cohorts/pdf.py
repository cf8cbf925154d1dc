"""Pure builders for printable documents: objects in, HTML or PDF bytes out. No queries."""

import threading

from django.template.loader import render_to_string

_fonts = threading.local()


def signin_sheet_html(*, gathering, session, rows) -> str:
    """The paper fallback for a session: a name and a box to sign, nothing more. Everyone at
    the door sees the sheet, so it names no organisation (design rule 6: membership can
    reveal health or family information)."""
    return render_to_string(
        "cohorts/signin_sheet.html", {"gathering": gathering, "session": session, "rows": rows}
    )


def _font_config():
    """One WeasyPrint font configuration per thread, kept for the process: building one loads
    Fontconfig's configuration and every font anew (`FcInitLoadConfigAndFonts`) and starts an
    empty Pango font map, which WeasyPrint does for each document when it is given none. The
    documents use system fonts only (no @font-face), so nothing of one document stays in it."""
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """The one way HTML becomes a PDF here (certificates, sign-in sheets, reports, the
    erfaringslogg): WeasyPrint with the fonts loaded once (see `_font_config`)."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(font_config=_font_config())

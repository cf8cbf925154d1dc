"""Pure builders for printable documents: objects in, HTML or PDF bytes out. No queries."""

from django.template.loader import render_to_string


def signin_sheet_html(*, gathering, session, rows) -> str:
    """The paper fallback for a session: a name and a box to sign, nothing more. Everyone at
    the door sees the sheet, so it names no organisation (design rule 6: membership can
    reveal health or family information)."""
    return render_to_string(
        "cohorts/signin_sheet.html", {"gathering": gathering, "session": session, "rows": rows}
    )


def html_to_pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()

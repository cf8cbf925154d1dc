"""django-q2 entry points for certificates. Thin: ids in, one service; safe to run twice."""

from .services import certificate_pdf_ensure


def render_certificate(certificate_id: int) -> None:
    """Render and store the PDF (once); its e-mail waits in the outbox and attaches it."""
    certificate_pdf_ensure(certificate_id=certificate_id)

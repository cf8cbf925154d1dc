"""django-q2 entry points for certificates. Thin: ids in, one service; safe to run twice."""

from .services import certificate_pdf_ensure, certificates_issue_run, certificates_zip_run


def render_certificate(certificate_id: int) -> None:
    """Render and store the PDF (once). Issuing no longer queues this (the certificate's
    e-mail renders the PDF when it goes); kept for tasks queued before that change."""
    certificate_pdf_ensure(certificate_id=certificate_id)


def issue_certificates(job_id: int) -> None:
    """A coordinator's bulk issue (a background job with progress)."""
    certificates_issue_run(job_id=job_id)


def zip_certificates(job_id: int) -> None:
    """A gathering's certificates as one zip file (a background job with progress)."""
    certificates_zip_run(job_id=job_id)

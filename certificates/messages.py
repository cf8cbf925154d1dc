"""The certificate's e-mail, rendered by the outbox (website/outbox.py) when it goes."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cohorts.messages import organisation_contact
from website.outbox import Email

from .badges.documents import credential_url
from .services import certificate_pdf


def render_certificate_email(message) -> Email | None:
    """With the PDF attached: rendered and stored now if the certificate has none yet (kept
    for any retry), else the stored one; nothing if the certificate was revoked before the
    e-mail went."""
    found = certificate_pdf(certificate_id=message.context["certificate_id"])
    if found is None:
        return None
    certificate, content = found
    reply_to, signature = organisation_contact(certificate.enrolment.organisation)
    return Email(
        template="certificate",
        context={
            "certificate": certificate,
            "gathering": certificate.enrolment.gathering,
            "verify_url": f"{settings.WAGTAILADMIN_BASE_URL}{certificate.get_absolute_url()}",
            "credential_url": credential_url(certificate),
            "my_page_url": f"{settings.WAGTAILADMIN_BASE_URL}/min-side/",
        },
        reply_to=reply_to,
        signature=signature,
        attachments=[(f"kursbevis-{certificate.display_code}.pdf", content, "application/pdf")],
    )


def register_renderers(register) -> None:
    register("certificate", render_certificate_email, _("Certificate"))

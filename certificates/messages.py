"""The certificate's e-mail, rendered by the outbox (website/outbox.py) when it goes."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cohorts.messages import organisation_contact
from website.outbox import Email

from .badges.documents import credential_url
from .models import Certificate
from .services import certificate_pdf_ensure


def render_certificate_email(message) -> Email | None:
    """With the stored PDF attached (rendered now if its task has not run yet, and kept for
    any retry); nothing if the certificate was revoked before the e-mail went."""
    certificate = certificate_pdf_ensure(certificate_id=message.context["certificate_id"])
    if certificate is None:
        return None
    certificate = Certificate.objects.select_related(
        "enrolment__gathering", "enrolment__organisation"
    ).get(pk=certificate.pk)
    with certificate.pdf.open("rb") as pdf:
        content = pdf.read()
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

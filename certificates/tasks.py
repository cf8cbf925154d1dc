"""django-q2 entry points for certificates: render the PDF and e-mail it, each once."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Certificate


def render_pdf(certificate) -> bytes:
    """Gather what the certificate shows (the caller's queries) and build the PDF."""
    from .pdf import certificate_html, html_to_pdf

    enrolment = certificate.enrolment
    gathering = enrolment.gathering
    sessions = list(gathering.sessions.select_related("module").order_by("starts_at"))
    modules = list(dict.fromkeys(s.module.title for s in sessions if s.module))
    return html_to_pdf(
        certificate_html(
            certificate=certificate,
            gathering=gathering,
            organisation=enrolment.organisation,
            modules=modules,
            teaching_minutes=sum(s.minutes for s in sessions),
            url=f"{settings.WAGTAILADMIN_BASE_URL}{certificate.get_absolute_url()}",
            language=enrolment.participant.language,
            meaning=_course_text(gathering, enrolment.participant.language),
        )
    )


def _course_text(gathering, language) -> str:
    """What the certificate says the holder can do: the course page's text, in the
    participant's language when the course is translated."""
    course = gathering.course
    if course is None:
        return ""
    translated = (
        type(course)
        .objects.filter(translation_key=course.translation_key, locale__language_code=language)
        .first()
    )
    return (translated or course).certificate_text


def ensure_pdf(certificate) -> None:
    """Render and store the PDF unless it exists (the caller holds the row lock)."""
    if not certificate.pdf:
        name = f"kursbevis-{certificate.code}.pdf"
        certificate.pdf.save(name, ContentFile(render_pdf(certificate)), save=False)
        certificate.save(update_fields=["pdf"])


def deliver_certificate(certificate_id: int) -> None:
    """Render the PDF if missing, e-mail it if not yet sent; safe to run twice at once."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related(
                "enrolment__participant__user", "enrolment__gathering", "enrolment__organisation"
            )
            .filter(pk=certificate_id, revoked_at__isnull=True)
            .first()
        )
        if certificate is None:
            return
        if not certificate.pdf:
            certificate.pdf.save(
                f"kursbevis-{certificate.code}.pdf",
                ContentFile(render_pdf(certificate)),
                save=False,
            )
            certificate.save(update_fields=["pdf"])
        if certificate.emailed_at is None:
            participant = certificate.enrolment.participant
            with translation.override(participant.language):
                message = EmailMessage(
                    _("Your certificate from %(gathering)s")
                    % {"gathering": certificate.enrolment.gathering.title},
                    _(
                        "Congratulations! Your certificate is attached. "
                        "Anyone can check it at %(url)s"
                    )
                    % {"url": f"{settings.WAGTAILADMIN_BASE_URL}{certificate.get_absolute_url()}"},
                    to=[participant.user.email],
                )
            certificate.pdf.open("rb")
            message.attach(
                f"kursbevis-{certificate.display_code}.pdf",
                certificate.pdf.read(),
                "application/pdf",
            )
            certificate.pdf.close()
            message.send()
            certificate.emailed_at = timezone.now()
            certificate.save(update_fields=["emailed_at"])

"""Template tags for pages of lower layers that show certificates (the participant's page
in `cohorts` lists theirs; `cohorts` must not import this app)."""

from django import template

from certificates.models import Certificate

register = template.Library()


@register.inclusion_tag("certificates/includes/my_certificates.html")
def my_certificates(participant):
    """The participant's certificates, revoked ones marked, newest first."""
    certificates = (
        Certificate.objects.filter(enrolment__participant=participant).select_related(
            "enrolment__gathering"
        )
        if participant
        else []
    )
    return {"certificates": certificates}

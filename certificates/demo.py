"""Demo certificates: everyone who completed the past gathering has one; one is revoked."""

from django.contrib.auth import get_user_model
from django.db import transaction

from cohorts.models import Enrolment

from .models import Certificate
from .services import CertificateError, certificate_issue, certificate_revoke


@transaction.atomic
def load(*, stdout) -> None:
    if Certificate.objects.exists():
        return
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    enrolments = Enrolment.objects.filter(
        gathering__slug="nye-var-2026", state=Enrolment.State.CONFIRMED
    ).select_related("participant")
    issued = []
    for enrolment in enrolments:
        try:
            issued.append(certificate_issue(enrolment=enrolment, actor=admin))
        except CertificateError:
            continue  # did not complete: no certificate
    revoked = next((c for c in issued if c.holder_name == "Mats Solberg"), None)
    if revoked:
        certificate_revoke(certificate=revoked, actor=admin, reason="Demo: utstedt ved en feil.")
    stdout.write(f"  {len(issued)} kursbevis utstedt, ett tilbakekalt")

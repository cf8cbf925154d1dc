"""What certificates tells the reports in cohorts (which cannot import this app): which
enrolments hold a live certificate, as a condition the reports' aggregate query counts with."""

from django.db.models import Exists, OuterRef

from .models import Certificate


def live_certificate_exists() -> Exists:
    """True for an enrolment (`OuterRef("pk")`) with a certificate that is not revoked."""
    return Exists(Certificate.objects.filter(enrolment_id=OuterRef("pk"), revoked_at__isnull=True))

"""Read queries about certificates, used by more than one place."""

from .models import Certificate


def holds_certificate(participant, level: str) -> bool:
    """A live (not revoked) certificate of `level`: proof the participant completed it."""
    return Certificate.objects.filter(
        enrolment__participant=participant, level=level, revoked_at__isnull=True
    ).exists()

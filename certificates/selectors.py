"""Read queries about certificates, used by more than one place."""

from datetime import timedelta

from django.db.models import Exists, OuterRef

from cohorts.models import Enrolment, Gathering
from website import policy

from .models import Certificate


def holds_certificate(participant, level: str) -> bool:
    """A live (not revoked) certificate of `level`: proof the participant completed it."""
    return Certificate.objects.filter(
        enrolment__participant=participant, level=level, revoked_at__isnull=True
    ).exists()


# How long after a gathering ends the dashboard reminds its coordinators that no certificate
# has been issued (a gathering where no one completed would otherwise stay there for ever).
UNISSUED_SHOWN = timedelta(days=90)


def gatherings_without_certificates(*, user, now):
    """Gatherings that ended (within `UNISSUED_SHOWN`, not cancelled) where some of the user's
    own organisations' members held a confirmed seat and none of them has a certificate yet,
    most recent first. One query."""
    own_confirmed = policy.visible(
        user,
        Enrolment.objects.filter(gathering=OuterRef("pk"), state=Enrolment.State.CONFIRMED),
        policy.DECIDE,
    )
    own_certificates = policy.visible(
        user, Certificate.objects.filter(enrolment__gathering=OuterRef("pk")), policy.DECIDE
    )
    return (
        policy.visible(user, Gathering.objects.all())
        .filter(ends_at__lte=now, ends_at__gt=now - UNISSUED_SHOWN)
        .exclude(status=Gathering.Status.CANCELLED)
        .exclude(kind=Gathering.Kind.NETWORK)  # gives no certificate
        .filter(Exists(own_confirmed))
        .exclude(Exists(own_certificates))
        .order_by("-ends_at", "pk")
    )

"""Reads about membership: who may join, the levels a participant is certified for, whether
someone is an active member."""

from django.utils import timezone

from certificates.models import Certificate
from courses.models import Level

from ..models import Membership

ADULT_AGE = 18  # design rule 5: below it, a guardian confirms


def certified_levels(participant) -> list[str]:
    """The levels the participant holds a live (not revoked) certificate for, in the
    programme's order. Never typed by the member: read from the certificates each time."""
    held = set(
        Certificate.objects.filter(
            enrolment__participant=participant, revoked_at__isnull=True
        ).values_list("level", flat=True)
    )
    return [level for level in Level.values if level in held]


def level_labels(levels) -> list[str]:
    """The levels' names as a person reads them, in the programme's order."""
    return [Level(level).label for level in levels]


def membership_of(participant) -> Membership | None:
    """The participant's membership (active or waiting for a guardian), or None."""
    if participant is None or participant.pk is None:
        return None
    return Membership.objects.filter(participant=participant).first()


def needs_guardian(participant, today=None) -> bool:
    return participant.age_on(today or timezone.localdate()) < ADULT_AGE


def can_join(participant, today=None) -> str | None:
    """Why the participant cannot join now, as a code (see services.membership.ERRORS), or
    None when they can: a live certificate of level 1 or higher, not a member already, and,
    under 18, a guardian's e-mail address in the profile to ask for a confirmation."""
    if participant is None:
        return "no_profile"
    if membership_of(participant) is not None:
        return "already_member"
    if not certified_levels(participant):
        return "no_certificate"
    if needs_guardian(participant, today) and not participant.guardian_email:
        return "guardian_missing"
    return None


def is_active_member(participant) -> bool:
    """A member the network counts: joined and, under 18, confirmed by a guardian. One waiting
    for the guardian is not listed, not matched and not let into network gatherings."""
    if participant is None or participant.pk is None:
        return False
    return Membership.objects.filter(
        participant=participant, state=Membership.State.ACTIVE
    ).exists()

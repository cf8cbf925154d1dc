"""Builders for the members' page and messages between members (test_directory.py,
test_member_messages.py, test_network_gatherings.py and the browser test): members with a
chosen profile and certificates, made cheaply enough for fifty at once."""

import itertools

from django.utils import timezone

from certificates.models import Certificate
from cohorts.models import Enrolment
from network.models import Membership
from tests.factories import make_gathering, make_participant

_codes = itertools.count(1)


class Certifier:
    """Live certificates of any level for any participant, from one ended gathering per level
    (an enrolment each, made directly: the enrolment rules are not what these tests test)."""

    def __init__(self, organisations):
        self.organisations = organisations
        self.gatherings = {}

    def certify(self, participant, level="new", organisation=None):
        organisation = organisation or participant.organisations.first()
        if level not in self.gatherings:
            self.gatherings[level] = make_gathering(
                self.organisations, level=level, status="completed"
            )
        enrolment = Enrolment.objects.create(
            participant=participant,
            gathering=self.gatherings[level],
            organisation=organisation,
            state=Enrolment.State.CONFIRMED,
        )
        return Certificate.objects.create(
            code=f"TEST{next(_codes):08d}",
            enrolment=enrolment,
            level=level,
            holder_name=participant.full_name,
            issued_at=timezone.now(),
        )


def make_member(
    certifier,
    organisation,
    *,
    name=None,
    levels=("new",),
    state=Membership.State.ACTIVE,
    age=22,
    **profile,
):
    """A member (active by default) certified for `levels`, with the profile and visibility
    given (everything hidden and unlisted unless said)."""
    participant = make_participant(organisation, name=name, age=age)
    for level in levels:
        certifier.certify(participant, level, organisation)
    now = timezone.now()
    return Membership.objects.create(
        participant=participant,
        state=state,
        consent_given_at=now,
        consent_version="1",
        joined_at=now if state == Membership.State.ACTIVE else None,
        last_active_at=now,
        **profile,
    )


# Listed, and everything shown to members.
SHOWN = {
    "listed_for_members": True,
    "show_organisation": True,
    "members_see_fields": True,
    "members_see_levels": True,
    "members_see_participation": True,
    "members_see_county": True,
    "members_see_languages": True,
    "members_see_availability": True,
    "members_see_introduction": True,
}

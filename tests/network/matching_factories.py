"""Builders for coordinators' matching (tests/network/test_matching.py, the concurrency test
and tests/e2e/test_network_matching.py): a certified member with a profile, a confirmed
request."""

import datetime
import itertools

from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from cohorts.services import enrolment_apply
from network.models import Membership, ServiceRequest
from tests.factories import NOW, make_gathering, make_participant

_numbers = itertools.count(1)


def certify(participant, organisation, *, level="new"):
    from cohorts.models import Organisation

    everyone = {each.short_code: each for each in Organisation.objects.all()}
    gathering = make_gathering(everyone, level=level)
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisation, now=NOW
    )
    return Certificate.objects.create(
        code=new_code(),
        enrolment=enrolment,
        level=level,
        holder_name=participant.full_name,
        issued_at=timezone.now(),
    )


def member(organisation, *, name=None, levels=("new",), participant=None, **profile):
    """An active member in Oslo speaking to mental health, certified for `levels`."""
    participant = participant or make_participant(organisation, name=name)
    for level in levels:
        certify(participant, organisation, level=level)
    now = timezone.now()
    values = {
        "county": "03",
        "field_mental_health": True,
        "availability": "monthly",
        "languages": "Norsk",
        "introduction": "Jeg har erfaring fra psykisk helsevern.",
        "contact_phone": "912 34 567",
    }
    values.update(profile)
    values.setdefault("state", Membership.State.ACTIVE)
    return Membership.objects.create(
        participant=participant,
        consent_given_at=now,
        consent_version="1",
        joined_at=now,
        last_active_at=now,
        **values,
    )


def service_request(**fields):
    """A confirmed (OPEN) request: a talk in Oslo about mental health, at service level."""
    number = next(_numbers)
    values = {
        "organisation_name": f"NAV Sagene {number}",
        "contact_name": "Siri Saksbehandler",
        "contact_email": f"tjenesten{number}@nav.example",
        "contact_phone": "22 00 00 00",
        "kind": ServiceRequest.Kind.TALK,
        "title": f"Foredrag for veiledere {number}",
        "description": "Vi ønsker en ung brukermedvirker som forteller om sine erfaringer.",
        "field": "mental_health",
        "participation_level": "service",
        "county": "03",
        "starts_on": timezone.localdate() + datetime.timedelta(days=30),
        "duration": "To timer",
        "fee_paid": True,
        "travel_paid": True,
        "created_at": timezone.now(),
        "email_verified_at": timezone.now(),
        "state": ServiceRequest.State.OPEN,
    }
    values.update(fields)
    return ServiceRequest.objects.create(**values)

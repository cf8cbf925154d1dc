"""Builders for the network after the assignment: a certified member, and a request they were
confirmed for (tests/network/test_assignments.py, test_erfaringslogg.py,
test_network_report.py and the browser test)."""

import datetime
import itertools

from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from cohorts.models import Organisation
from cohorts.services import enrolment_apply
from network.models import Membership, RequestInvitation, ServiceRequest
from tests.factories import NOW, make_gathering, make_participant

_numbers = itertools.count(1)


def make_certificate(participant, organisation, *, level="new", issued_at=None):
    organisations = {o.short_code: o for o in Organisation.objects.all()}
    gathering = make_gathering(organisations, level=level)
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisation, now=NOW
    )
    return Certificate.objects.create(
        code=new_code(),
        enrolment=enrolment,
        level=level,
        holder_name=participant.full_name,
        issued_at=issued_at or timezone.now(),
    )


def make_member(organisation, *, name=None, county="03", **profile):
    """An active member with a level-1 certificate."""
    participant = make_participant(organisation, name=name)
    make_certificate(participant, organisation)
    now = timezone.now()
    return Membership.objects.create(
        participant=participant,
        state=Membership.State.ACTIVE,
        consent_given_at=now,
        consent_version="1",
        joined_at=now,
        last_active_at=now,
        county=county,
        **profile,
    )


def make_request(*, state=ServiceRequest.State.OPEN, days_ago=3, length_days=0, **fields):
    """A verified request whose assignment started `days_ago` days ago and lasted
    `length_days` more (0: one day, no end date)."""
    number = next(_numbers)
    starts_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    values = {
        "organisation_name": f"NAV Testby {number}",
        "contact_name": "Siri Saksbehandler",
        "contact_email": f"tjeneste{number}@example.org",
        "kind": ServiceRequest.Kind.TALK,
        "title": f"Foredrag om brukermedvirkning {number}",
        "description": "Vi ønsker en ung brukermedvirker til et foredrag.",
        "field": "mental_health",
        "participation_level": "service",
        "county": "03",
        "starts_on": starts_on,
        "ends_on": starts_on + datetime.timedelta(days=length_days) if length_days else None,
        "duration": "To timer",
        "created_at": timezone.now() - datetime.timedelta(days=days_ago + 20),
        "email_verified_at": timezone.now() - datetime.timedelta(days=days_ago + 20),
        "state": state,
    }
    values.update(fields)
    return ServiceRequest.objects.create(**values)


def confirm_member(request, membership, organisation, *, hours=None):
    now = timezone.now()
    return RequestInvitation.objects.create(
        request=request,
        membership=membership,
        organisation=organisation,
        state=RequestInvitation.State.CONFIRMED,
        invited_at=now,
        answered_at=now,
        confirmed_at=now,
        hours=hours,
    )


def make_assignment(membership, organisation, *, hours=None, **fields):
    """A matched request with `membership` confirmed on it."""
    fields.setdefault("state", ServiceRequest.State.MATCHED)
    request = make_request(**fields)
    return confirm_member(request, membership, organisation, hours=hours)

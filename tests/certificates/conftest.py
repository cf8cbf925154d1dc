"""Fixtures of the certificate tests (builders in tests/factories.py)."""

import datetime

import pytest
from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from cohorts.models import Session
from cohorts.services import attendance_mark, enrolment_apply
from tests.factories import NOW, make_coordinator, make_gathering, make_participant


@pytest.fixture
def finished(organisations):
    """A gathering that took place, with one session; BAR's coordinator; two participants."""
    gathering = make_gathering(
        organisations,
        level="new",
        starts_at=NOW - datetime.timedelta(days=10),
        ends_at=NOW - datetime.timedelta(days=9),
        enrolment_opens_at=NOW - datetime.timedelta(days=40),
        enrolment_closes_at=NOW - datetime.timedelta(days=20),
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Dag 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=2),
    )
    coordinator = make_coordinator(organisations["BAR"])
    gathering.coordinators.add(coordinator)
    present, absent = (
        enrolment_apply(
            participant=make_participant(organisations["BAR"], name=name),
            gathering=gathering,
            organisation=organisations["BAR"],
            now=NOW - datetime.timedelta(days=30),
        )
        for name in ("Ida Larsen", "Emil Haugen")
    )
    attendance_mark(
        enrolment=present,
        session=session,
        status="present",
        actor=coordinator,
        now=session.starts_at,
    )
    attendance_mark(
        enrolment=absent, session=session, status="absent", actor=coordinator, now=session.starts_at
    )
    return {
        "gathering": gathering,
        "coordinator": coordinator,
        "present": present,
        "absent": absent,
    }


@pytest.fixture
def certificate(organisations):
    """Ida Larsen's valid level-1 certificate (the look-up and rate-limit tests)."""
    gathering = make_gathering(organisations, level="new")
    participant = make_participant(organisations["MHU"], name="Ida Larsen")
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"], now=NOW
    )
    return Certificate.objects.create(
        code=new_code(),
        enrolment=enrolment,
        level=gathering.level,
        holder_name="Ida Larsen",
        issued_at=timezone.now(),
    )

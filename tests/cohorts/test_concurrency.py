"""Design rules 1 and 2 under a rush, on real PostgreSQL with real concurrent transactions.

Each thread has its own database connection. A control run with the seat lock switched off
must overbook — proof that the test is concurrent enough to catch the bug it guards against.
"""

import pytest

from cohorts.models import Enrolment, Gathering
from cohorts.selectors import seat_counts
from cohorts.services import EnrolmentError, enrolment_apply, enrolment_cancel, enrolment_decide
from cohorts.services import enrolment as enrolment_services
from tests.factories import make_coordinator, make_gathering, make_participant
from tests.helpers import run_concurrently

# One xdist group: two rushes at once would need more connections than PostgreSQL allows.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("postgres-rush"),
]


def rush(organisations, applicants_per_organisation=67):
    gathering = make_gathering(organisations, capacity=20, quotas=(6, 6, 6))
    applicants = [
        (make_participant(organisation), organisation)
        for organisation in organisations.values()
        for _ in range(applicants_per_organisation)
    ]
    results = run_concurrently(
        [
            lambda p=participant, o=organisation: enrolment_apply(
                participant=p, gathering=gathering, organisation=o
            )
            for participant, organisation in applicants
        ]
    )
    return gathering, applicants, results


def wrongly_waitlisted(gathering):
    counts = seat_counts(gathering)
    waiting = Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.WAITLISTED)
    return sum(1 for e in waiting if counts.has_seat_for(e.organisation_id))


def test_a_rush_of_201_applicants_fills_exactly_20_seats_within_quotas(organisations):
    gathering, applicants, results = rush(organisations)
    assert not [r for r in results if isinstance(r, Exception)]
    enrolments = Enrolment.objects.filter(gathering=gathering)
    assert enrolments.count() == len(applicants)  # no lost application
    counts = seat_counts(gathering)
    assert counts.total_held == 20
    assert counts.pool_used == 2
    for organisation in organisations.values():
        assert counts.held[organisation.pk] <= 6 + 2
    waiting = list(
        enrolments.filter(state=Enrolment.State.WAITLISTED).order_by("waitlisted_at", "pk")
    )
    assert len(waiting) == len(applicants) - 20
    # Arrival order: rows are written under the lock, so ids follow the order of arrival.
    assert [e.pk for e in waiting] == sorted(e.pk for e in waiting)
    assert wrongly_waitlisted(gathering) == 0


def test_control_run_without_the_lock_overbooks(organisations, monkeypatch):
    def read_without_lock(gathering_id):
        return Gathering.objects.get(pk=gathering_id)

    monkeypatch.setattr(enrolment_services, "_lock_gathering", read_without_lock)
    gathering, _applicants, _results = rush(organisations)
    assert seat_counts(gathering).total_held > 20, (
        "without the lock the rush should overbook; if not, the test is not concurrent enough"
    )


def test_the_same_person_applying_twice_at_once_gets_one_enrolment(organisations):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    results = run_concurrently(
        [
            lambda: enrolment_apply(
                participant=participant, gathering=gathering, organisation=organisations["MHU"]
            )
            for _ in range(10)
        ]
    )
    assert Enrolment.objects.filter(participant=participant).count() == 1
    assert sum(isinstance(r, Enrolment) for r in results) == 1
    assert {r.code for r in results if isinstance(r, EnrolmentError)} == {"duplicate"}


def test_a_cancellation_racing_acceptances_never_yields_21(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, capacity=20, quotas=(6, 6, 6), mode="application")
    coordinator = make_coordinator(mhu)
    holders = []
    for organisation in organisations.values():
        for _ in range(6 if organisation != mhu else 8):
            participant = make_participant(organisation)
            enrolment = enrolment_apply(
                participant=participant, gathering=gathering, organisation=organisation
            )
            enrolment_decide(enrolment=enrolment, decision="accept", actor=_superuser())
            holders.append(enrolment)
    assert seat_counts(gathering).total_held == 20
    pending = [
        enrolment_apply(participant=make_participant(mhu), gathering=gathering, organisation=mhu)
        for _ in range(8)
    ]
    cancelling = holders[0]
    calls = [
        lambda: enrolment_cancel(enrolment=cancelling, actor=cancelling.participant.user),
        *[
            lambda e=e: enrolment_decide(enrolment=e, decision="accept", actor=coordinator)
            for e in pending
        ],
    ]
    run_concurrently(calls)
    assert seat_counts(gathering).total_held <= 20


def _superuser():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email="super@example.org", password="x"
    )

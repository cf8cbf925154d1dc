"""The gathering lock that every seat-touching write starts with holds only inside a
transaction, so the helper refuses to run outside one."""

import pytest
from django.db import transaction

from cohorts.services import enrolment as enrolment_services
from tests.factories import make_gathering


def test_the_lock_helper_refuses_to_run_outside_a_transaction():
    # No database for this test, so no test-wide transaction: the helper must say no before
    # it queries (pytest-django would refuse the query with a different error).
    assert not transaction.get_connection().in_atomic_block
    with pytest.raises(RuntimeError, match=r"transaction\.atomic"):
        enrolment_services._lock_gathering(1)


@pytest.mark.django_db
def test_inside_a_transaction_it_locks_and_returns_the_gathering(organisations):
    gathering = make_gathering(organisations)
    with transaction.atomic():
        assert enrolment_services._lock_gathering(gathering.pk) == gathering

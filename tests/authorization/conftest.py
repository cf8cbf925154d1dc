import pytest
from django.db import transaction

from tests.authorization.data import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's shared data, built once per module inside a transaction rolled back at the
    end (each test runs in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = build_world()
        yield data
        transaction.set_rollback(True)

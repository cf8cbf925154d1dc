"""website/prepared.py: a query compiled once gives the rows the queryset would, for any
values; an insert compiled once writes the row Django's save would."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.models import AuditEntry
from website.prepared import PreparedInsert, PreparedQuery

User = get_user_model()


def _users_named(email, active):
    return User.objects.filter(email=email, is_active=True, pk__gte=active).values_list(
        "pk", "email", "date_joined"
    )


@pytest.mark.django_db
def test_a_prepared_query_gives_what_the_queryset_gives_for_each_call():
    first = User.objects.create_user(email="en@example.org", password="x")
    second = User.objects.create_user(email="to@example.org", password="x")
    prepared = PreparedQuery(_users_named, email=str, active=int)
    for user in (first, second):
        assert prepared(email=user.email, active=0) == list(_users_named(user.email, 0))
    assert prepared(email="ingen@example.org", active=0) == []
    assert prepared(email=second.email, active=second.pk + 1) == []
    (row,) = prepared(email=first.email, active=0)
    assert row[2] == first.date_joined  # through the field's converters: an aware datetime


@pytest.mark.django_db
def test_a_prepared_query_compiles_once():
    prepared = PreparedQuery(_users_named, email=str, active=int)
    with CaptureQueriesContext(connection) as captured:
        prepared(email="a@example.org", active=0)
        prepared(email="b@example.org", active=0)
    first, second = (q["sql"] for q in captured)
    assert first.replace("a@example", "b@example") == second


def test_a_value_the_query_does_not_take_is_refused():
    prepared = PreparedQuery(
        lambda email: User.objects.filter(is_active=True).values_list("pk"), email=str
    )
    with pytest.raises(ValueError, match="email"):
        prepared.sql()


@pytest.mark.django_db
def test_a_prepared_insert_writes_the_row_save_would():
    insert = PreparedInsert(AuditEntry)
    entry = insert(AuditEntry(action="export", actor_label="system", summary="CSV"))
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.action, stored.summary, stored.reason) == ("export", "CSV", "")
    assert stored.created_at is not None and stored.created_at == entry.created_at
    assert not entry._state.adding

"""The dashboard's and the gathering page's count of invites due (issue 20): the same number as
the invites page's overview, counted from one thin row per person, in a fixed number of
queries whatever the number of people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import Gathering
from cohorts.selectors import invite_overview, invites_due_count
from cohorts.services import enrolment_apply, enrolment_cancel
from tests.factories import confirmed_enrolment, make_invite_gathering, make_participant

pytestmark = pytest.mark.django_db


def same_as_the_overview(gathering):
    count = invites_due_count(gathering)
    assert count == invite_overview(gathering)[1]["due"]
    return count


def test_the_count_agrees_with_the_overview_through_a_gatherings_life(organisations, on_commit):
    gathering = make_invite_gathering(organisations)
    first = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    second = confirmed_enrolment(on_commit, gathering, organisations["BAR"])
    assert same_as_the_overview(gathering) == 0  # both sent and current
    # Written, not yet sent (its sender never ran): pending, not due.
    enrolment_apply(
        participant=make_participant(organisations["LFB"]),
        gathering=gathering,
        organisation=organisations["LFB"],
    )
    assert same_as_the_overview(gathering) == 0
    session = gathering.sessions.last()
    session.room = "Lillesalen"
    session.save()  # the two sent invites are out of date
    assert same_as_the_overview(gathering) == 2
    on_commit(enrolment_cancel, enrolment=second, actor=second.participant.user)
    # The cancellation went with the cancel; the sender that sent it also sent the third
    # person's invite, written before the room changed: now out of date, beside the first's.
    assert same_as_the_overview(gathering) == 2
    assert invite_overview(gathering)[1]["outdated"] == 2
    gathering.status = Gathering.Status.CANCELLED
    gathering.save()
    assert same_as_the_overview(gathering) == 2  # to cancel: those holding a sent REQUEST
    assert first.pk


def test_the_count_costs_the_same_queries_for_one_person_or_many(organisations, on_commit):
    gathering = make_invite_gathering(organisations)
    confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    with CaptureQueriesContext(connection) as one:
        invites_due_count(gathering)
    for code in ("MHU", "BAR", "LFB", "MHU", "BAR"):
        confirmed_enrolment(on_commit, gathering, organisations[code])
    with CaptureQueriesContext(connection) as six:
        invites_due_count(gathering)
    assert len(six) == len(one) <= 3

"""The one-response rule on real PostgreSQL: the same link sent many times at once (a double
tap, a retry on a bad connection, two tabs) gives exactly one response, and the person is
marked as answered once."""

import pytest

from evaluation.models import EvaluationInvite, GatheringResponse, ModuleRating
from evaluation.services.responses import SessionAnswer, evaluation_link, response_submit
from tests.factories import make_ended_gathering
from tests.helpers import run_concurrently

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("postgres-rush"),
]


def test_concurrent_first_submissions_of_one_link_give_one_response(organisations, site_tree):
    gathering = make_ended_gathering(organisations, site_tree, attended=2, absent=0)
    first, other = gathering.came
    token = evaluation_link(first).rstrip("/").rsplit("/", 1)[1]
    other_token = evaluation_link(other).rstrip("/").rsplit("/", 1)[1]
    session = gathering.rated[0]

    def submit(value, link=token):
        return lambda: response_submit(
            token=link,
            ratings={session.pk: SessionAnswer(usefulness=value, comment=f"Svar {value}")},
            missing=f"Forsøk {value}",
        )

    calls = [submit(1 + n % 5) for n in range(20)] + [submit(3, other_token)]
    results = run_concurrently(calls)
    assert sum(created for _response, created in results) == 2  # one per person
    assert GatheringResponse.objects.count() == 2
    assert ModuleRating.objects.count() == 2
    assert EvaluationInvite.objects.filter(answered=True).count() == 2
    mine = [response for response, _created in results[:20]]
    assert len({response.pk for response in mine}) == 1  # every call saw the same response


def test_the_unique_edit_key_alone_refuses_a_second_response(organisations, site_tree):
    """The database's own guard, under the lock: the same edit key cannot be stored twice."""
    from django.db import IntegrityError, transaction

    gathering = make_ended_gathering(organisations, site_tree, attended=1, absent=0)
    GatheringResponse.objects.create(gathering=gathering, edit_key="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        GatheringResponse.objects.create(gathering=gathering, edit_key="a" * 64)


def test_no_transaction_id_pairs_an_invite_with_an_answer(organisations, site_tree):
    """On PostgreSQL a row keeps the id of the transaction that last wrote it (`xmin`). A first
    answer rewrites every invite of the gathering in its transaction, so while the evaluation
    is open the id points at all of them; closing rewrites every invite and response, so
    afterwards none is shared at all."""
    from django.db import connection

    from evaluation.services.responses import (
        evaluation_invites_ensure,
        evaluation_window,
        evaluations_close,
    )

    gathering = make_ended_gathering(organisations, site_tree, attended=3, absent=0)
    evaluation_invites_ensure(gathering)  # as the hourly run and the thank-yous do
    for enrolment in gathering.came[:2]:
        token = evaluation_link(enrolment).rstrip("/").rsplit("/", 1)[1]
        response_submit(token=token, ratings={gathering.rated[0].pk: SessionAnswer(clarity=4)})

    def transaction_ids(table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table}")  # noqa: S608 - our own names
            return {row[0] for row in cursor.fetchall()}

    answers = transaction_ids("evaluation_gatheringresponse") | transaction_ids(
        "evaluation_modulerating"
    )
    # Open: the latest answer's transaction wrote every invite of the gathering, so its id
    # names all three people, not the one who answered (an earlier answer's id names none).
    invites = transaction_ids("evaluation_evaluationinvite")
    assert len(invites) == 1
    assert invites <= answers
    assert EvaluationInvite.objects.filter(gathering=gathering).count() == 3
    evaluations_close(now=evaluation_window(gathering).closes)
    answers = transaction_ids("evaluation_gatheringresponse") | transaction_ids(
        "evaluation_modulerating"
    )
    invites = transaction_ids("evaluation_evaluationinvite")
    assert len(invites) == 1  # one closing transaction wrote them all
    assert not invites & transaction_ids("evaluation_modulerating")

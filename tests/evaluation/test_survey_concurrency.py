"""One response per person to a kartlegging that needs a log-in, on real PostgreSQL: the same
person's submissions arriving at once, each on its own connection, leave one response and one
"has answered" row; different people's at once all go through."""

import pytest

from evaluation.models import SurveyAnswer, SurveyParticipation, SurveyResponse
from evaluation.services.surveys import SurveyError, survey_submit
from tests.evaluation.survey_factories import answers_for, make_survey
from tests.factories import make_participant
from tests.helpers import run_concurrently

# Few enough connections to share the server with the other PostgreSQL tests.
THREADS = 10

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("postgres-rush"),
]


def submit(survey, user):
    def call():
        try:
            return survey_submit(survey=survey, user=user, answers=answers_for(survey))
        except SurveyError as error:
            return error.code

    return call


def test_one_persons_simultaneous_submissions_leave_one_response(organisations):
    survey = make_survey(audience="representatives")
    participant = make_participant(organisations["MHU"])
    results = run_concurrently([submit(survey, participant.user)] * THREADS)
    assert sum(isinstance(result, SurveyResponse) for result in results) == 1
    assert results.count("already_answered") == THREADS - 1
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyParticipation.objects.filter(survey=survey).count() == 1
    assert SurveyAnswer.objects.filter(response__survey=survey).count() == 3  # text left empty


def test_different_people_answering_at_once_are_all_counted(organisations):
    survey = make_survey(audience="representatives")
    people = [make_participant(organisations["BAR"]).user for _ in range(THREADS)]
    results = run_concurrently([submit(survey, user) for user in people])
    assert all(isinstance(result, SurveyResponse) for result in results)
    assert SurveyResponse.objects.filter(survey=survey).count() == THREADS
    assert SurveyParticipation.objects.filter(survey=survey).count() == THREADS

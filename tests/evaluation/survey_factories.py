"""Kartlegging surveys for the tests (the unit tests, the PostgreSQL race, the browser test)."""

import datetime
import itertools

from django.utils import timezone

_numbers = itertools.count(1)


def make_survey(
    *, audience="representatives", opens=-1, closes=10, published=True, year=None, **fields
):
    """A survey with one question of each kind (a required scale first); `opens`/`closes` are
    days from now."""
    from evaluation.models import Survey, SurveyQuestion

    now = timezone.now()
    number = next(_numbers)
    survey = Survey.objects.create(
        slug=fields.pop("slug", f"kartlegging-{number}"),
        title=fields.pop("title", f"Kartlegging {number}"),
        title_en=fields.pop("title_en", f"Survey {number}"),
        year=year or now.year,
        audience=audience,
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
        published=published,
        **fields,
    )
    questions = [
        SurveyQuestion(
            survey=survey,
            sort_order=0,
            kind="scale",
            text="Hvor godt forberedt følte du deg?",
            text_en="How prepared did you feel?",
            required=True,
        ),
        SurveyQuestion(
            survey=survey,
            sort_order=1,
            kind="single",
            text="Hvor deltar du?",
            text_en="Where do you take part?",
            choices="Individnivå\nTjenestenivå\nSystemnivå",
            choices_en="Individual level\nService level\nSystem level",
        ),
        SurveyQuestion(
            survey=survey,
            sort_order=2,
            kind="multiple",
            text="Hva mangler i opplæringen?",
            text_en="What is missing from the training?",
            choices="Rus\nSkole\nBarnevern",
            choices_en="Substance use\nSchool\nChild welfare",
        ),
        SurveyQuestion(
            survey=survey,
            sort_order=3,
            kind="text",
            text="Hva annet bør vi vite?",
            text_en="What else should we know?",
        ),
    ]
    SurveyQuestion.objects.bulk_create(questions)
    return survey


def questions_of(survey):
    return list(survey.questions.order_by("sort_order"))


def answers_for(survey, *, scale=4, single=0, multiple=(0, 2), text=""):
    scale_q, single_q, multiple_q, text_q = questions_of(survey)
    return {
        scale_q.pk: scale,
        single_q.pk: single,
        multiple_q.pk: list(multiple),
        text_q.pk: text,
    }


def post_data(survey, *, scale="4", single="0", multiple=("0", "2"), text=""):
    scale_q, single_q, multiple_q, text_q = questions_of(survey)
    return {
        f"q{scale_q.pk}": scale,
        f"q{single_q.pk}": single,
        f"q{multiple_q.pk}": list(multiple),
        f"q{text_q.pk}": text,
    }


def fill(survey, count, *, texts=0):
    """`count` anonymous responses, the first `texts` of them with free text."""
    from evaluation.services.surveys import survey_submit

    original = survey.audience
    survey.audience = "open"
    for index in range(count):
        survey_submit(
            survey=survey,
            answers=answers_for(
                survey,
                scale=index % 5 + 1,
                single=index % 3,
                multiple=[index % 3],
                text=f"Svar nummer {index}" if index < texts else "",
            ),
        )
    survey.audience = original

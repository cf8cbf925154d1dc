"""The yearly kartlegging in the demo, from demo/data/surveys.yaml: last year's survey, closed,
with its anonymous answers and gaps (one linked to a module revised since, so this year's
results show "Changed since last year"), and this year's survey, open now. A survey that exists
(by address) is left alone.

The answers to last year's survey are written as the rows `survey_submit` writes (a response,
its answers; no person, no time): the service refuses a closed survey, and the story has it
answered a year ago. Who answered is not recorded: the demo has too few participants, and the
"has answered" rows would be deleted after the survey closed anyway.
"""

import datetime

from django.db import transaction
from wagtail.models import Page, Revision

from courses.models import ModulePage
from evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyGap,
    SurveyGapModule,
    SurveyQuestion,
    SurveyResponse,
)

from . import content
from .timeline import Clock


def _questions(survey: Survey, specs) -> list[SurveyQuestion]:
    questions = [
        SurveyQuestion(
            survey=survey,
            sort_order=index,
            kind=spec["kind"],
            text=spec["text"],
            text_en=spec.get("text_en", ""),
            help_text=spec.get("help_text", ""),
            help_text_en=spec.get("help_text_en", ""),
            choices="\n".join(spec.get("choices", [])),
            choices_en="\n".join(spec.get("choices_en", [])),
            required=spec.get("required", False),
        )
        for index, spec in enumerate(specs)
    ]
    return SurveyQuestion.objects.bulk_create(questions)


def _answers(survey: Survey, questions, rows) -> None:
    scale, single, multiple, text = questions
    answers = []
    for scale_value, single_index, chosen, free_text in rows:
        response = SurveyResponse.objects.create(survey=survey, language="nb")
        answers += [
            SurveyAnswer(response=response, question=scale, scale=scale_value),
            SurveyAnswer(response=response, question=single, chosen=[single_index]),
        ]
        if chosen:
            answers.append(
                SurveyAnswer(response=response, question=multiple, chosen=sorted(chosen))
            )
        if free_text:
            answers.append(SurveyAnswer(response=response, question=text, text=free_text))
    SurveyAnswer.objects.bulk_create(answers)


def _revise(module: ModulePage, *, before: datetime.datetime, at: datetime.datetime) -> None:
    """The module existed before the survey and got a revision at `at`, after the gap."""
    revision = module.save_revision()
    revision.publish()
    Revision.objects.filter(pk=revision.pk).update(created_at=at)
    first = module.first_published_at
    Page.objects.filter(pk=module.pk).update(
        first_published_at=min(first, before) if first else before,
        last_published_at=at,
        latest_revision_created_at=at,
    )


def _gaps(survey: Survey, questions, specs, clock: Clock) -> None:
    for spec in specs:
        gap = SurveyGap.objects.create(
            survey=survey,
            title=spec["title"],
            title_en=spec.get("title_en", ""),
            description=spec.get("description", ""),
            tags=spec.get("tags", ""),
            status=spec["status"],
        )
        gap.questions.set([questions[number - 1] for number in spec.get("questions", [])])
        gap.save()  # a cluster's many-to-many is written when the gap is saved
        recorded = clock.past(spec["recorded"])
        SurveyGap.objects.filter(pk=gap.pk).update(created_at=recorded)
        for order, slug in enumerate(spec.get("modules", [])):
            module = ModulePage.objects.get(slug=slug, locale__language_code="nb")
            SurveyGapModule.objects.create(gap=gap, module=module, sort_order=order)
            if "revised" in spec:
                _revise(module, before=survey.opens_at, at=clock.past(spec["revised"]))


@transaction.atomic
def load(*, clock: Clock, stdout) -> None:
    data = content.read("surveys.yaml")
    for spec in data["surveys"]:
        year = clock.today.year + spec["year"]
        slug = spec["slug"].format(year=year)
        if Survey.objects.filter(slug=slug).exists():
            continue
        survey = Survey.objects.create(
            slug=slug,
            title=spec["title"].format(year=year),
            title_en=spec["title_en"].format(year=year),
            intro=spec["intro"],
            intro_en=spec["intro_en"],
            year=year,
            audience=spec["audience"],
            opens_at=clock.at(spec["opens"]),
            closes_at=clock.at(spec["closes"]),
            published=True,
        )
        questions = _questions(survey, data["questions"])
        _answers(survey, questions, spec["answers"])
        _gaps(survey, questions, spec["gaps"], clock)
        stdout.write(f"  kartlegging {year}: {len(spec['answers'])} svar, /kartlegging/{slug}/")

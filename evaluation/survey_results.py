"""A kartlegging survey's results: counts per question, free text where enough people answered,
the gaps it found, and — from the survey before it — what changed in the modules those gaps led
to. Read with a fixed number of queries whatever the number of responses (the counting is done
by the database, or over one list of values), and built into the page's charts and the XLSX.

Free text is shown only when at least `TEXT_THRESHOLD` people answered that question (design
rule 10, the one threshold and the one door `free_text` in evaluation/selectors.py); with fewer,
neither the page nor the file holds any of it, and it is not even read from the database.
"""

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cohorts.reports.charts import bar_chart
from website.spreadsheets import xlsx_append

from .models import Survey, SurveyAnswer, SurveyGap, SurveyGapModule, SurveyQuestion
from .selectors import TEXT_THRESHOLD, free_text

SCALE = range(1, 6)


@dataclass
class QuestionResult:
    question: SurveyQuestion
    number: int
    answered: int
    rows: list = field(default_factory=list)  # (label, count, percent) for scale and choices
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    too_few_texts: bool = False

    @property
    def is_text(self) -> bool:
        return self.question.kind == SurveyQuestion.Kind.TEXT

    @property
    def chart(self) -> str:
        if self.is_text:
            return ""
        return bar_chart(
            chart_id=f"survey-chart-{self.question.pk}",
            title=f"{self.number}. {self.question.display_text}",
            description=_("Number of people who chose each answer; %(count)s answered.")
            % {"count": self.answered},
            bars=[(label, count) for label, count, _percent in self.rows],
        )


@dataclass
class ModuleChange:
    module: object
    changed_at: object  # the module's last publishing after the gap was recorded, or None
    is_new: bool


@dataclass
class GapResult:
    gap: SurveyGap
    question_numbers: list[int]
    modules: list[ModuleChange]


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    gaps: list[GapResult]
    previous: Survey | None
    previous_gaps: list[GapResult]


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _gap_results(gaps, numbers) -> list[GapResult]:
    results = []
    for gap in gaps:
        modules = []
        for link in gap.module_links.all():
            module = link.module
            published = module.last_published_at
            modules.append(
                ModuleChange(
                    module=module,
                    changed_at=published if published and published > gap.created_at else None,
                    is_new=bool(
                        module.first_published_at and module.first_published_at > gap.created_at
                    ),
                )
            )
        results.append(
            GapResult(
                gap=gap,
                question_numbers=sorted(numbers.get(q.pk, 0) for q in gap.questions.all()),
                modules=modules,
            )
        )
    return results


def _gaps(survey):
    return (
        SurveyGap.objects.filter(survey=survey)
        .prefetch_related(
            "questions",
            Prefetch(
                "module_links",
                queryset=SurveyGapModule.objects.select_related("module").order_by("sort_order"),
            ),
        )
        .order_by("title")
    )


def previous_survey(survey: Survey) -> Survey | None:
    """The survey of an earlier year, the closest one (its gaps show what changed)."""
    return Survey.objects.filter(year__lt=survey.year).order_by("-year", "-opens_at").first()


def survey_results(survey: Survey) -> SurveyResults:
    questions = list(survey.questions.all())
    numbers = {question.pk: index for index, question in enumerate(questions, start=1)}
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    answered = dict(answers.values_list("question_id").annotate(count=Count("id")).order_by())
    scales = defaultdict(Counter)
    for question_id, scale, count in (
        answers.filter(scale__isnull=False)
        .values_list("question_id", "scale")
        .annotate(count=Count("id"))
        .order_by()
    ):
        scales[question_id][scale] = count
    choices = defaultdict(Counter)
    for question_id, chosen in answers.filter(
        question__kind__in=[SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE]
    ).values_list("question_id", "chosen"):
        choices[question_id].update(chosen or [])
    texts = defaultdict(list)
    text_question_ids = [
        question.pk
        for question in questions
        if question.kind == SurveyQuestion.Kind.TEXT
        and answered.get(question.pk, 0) >= TEXT_THRESHOLD
    ]
    if text_question_ids:
        # Ordered by the answers' random ids: not in the order they came in.
        for question_id, text in (
            answers.filter(question_id__in=text_question_ids)
            .exclude(text="")
            .order_by("id")
            .values_list("question_id", "text")
        ):
            texts[question_id].append(text)

    results = []
    for question in questions:
        total = answered.get(question.pk, 0)
        result = QuestionResult(question=question, number=numbers[question.pk], answered=total)
        if question.kind == SurveyQuestion.Kind.SCALE:
            counts = scales[question.pk]
            result.rows = [(str(n), counts[n], _percent(counts[n], total)) for n in SCALE]
            if total:
                result.average = round(sum(n * counts[n] for n in SCALE) / total, 1)
        elif question.kind == SurveyQuestion.Kind.TEXT:
            shown = free_text(texts[question.pk]) if total >= TEXT_THRESHOLD else None
            result.too_few_texts = shown is None or not shown.shown
            result.texts = list(shown.items) if shown is not None else []
        else:
            counts = choices[question.pk]
            result.rows = [
                (label, counts[index], _percent(counts[index], total))
                for index, label in enumerate(question.display_choices)
            ]
        results.append(result)

    previous = previous_survey(survey)
    return SurveyResults(
        survey=survey,
        responses=survey.responses.count(),
        questions=results,
        gaps=_gap_results(_gaps(survey), numbers),
        previous=previous,
        previous_gaps=_gap_results(_gaps(previous), {}) if previous else [],
    )


def survey_results_xlsx(results: SurveyResults) -> bytes:
    """The results as a workbook (through website/spreadsheets.py's typed cells): one sheet of
    counts, one of free text (only for questions with at least `TEXT_THRESHOLD`
    answers; the others say so)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    xlsx_append(sheet, [results.survey.display_title], bold=True)
    xlsx_append(sheet, [_("Responses"), results.responses])
    xlsx_append(sheet, [])
    xlsx_append(
        sheet,
        [_("No."), _("Question"), _("Answer"), _("Count"), _("Share of those who answered (%)")],
        bold=True,
    )
    for result in results.questions:
        text = result.question.display_text
        if result.is_text:
            xlsx_append(
                sheet,
                [result.number, text, _("Free text (see the sheet “Free text”)"), result.answered],
            )
            continue
        for label, count, percent in result.rows:
            xlsx_append(sheet, [result.number, text, label, count, percent])
        if result.average is not None:
            xlsx_append(sheet, [result.number, text, _("Average (1–5)"), result.average])
    for column, width in zip("ABCDE", (6, 50, 40, 10, 18), strict=True):
        sheet.column_dimensions[column].width = width

    texts = workbook.create_sheet(_("Free text")[:31])
    xlsx_append(texts, [_("No."), _("Question"), _("Answer")], bold=True)
    for result in results.questions:
        if not result.is_text:
            continue
        if result.too_few_texts:
            xlsx_append(
                texts, [result.number, result.question.display_text, _("Too few answers to show")]
            )
        for text in result.texts:
            xlsx_append(texts, [result.number, result.question.display_text, text])
    for column, width in zip("ABC", (6, 50, 80), strict=True):
        texts.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The yearly kartlegging: who may answer a survey and when, and the one write with rules —
an answer, stored anonymously.

- **When**: a published survey can be answered from `opens_at` until `closes_at`; a draft is
  not there at all (its address answers 404).
- **Who**: representatives with an account (a signed-in user with a participant profile), the
  three organisations' staff (`website.policy.is_staff`), or anyone with the link (services).
- **Once**: for the audiences that log in, one response per person. The submission locks the
  survey's row, then inserts the "has answered" row (`SurveyParticipation`, unique per survey
  and user) before the answers, in one transaction; a second submission at the same moment
  waits on the lock and then fails on the unique key, so it writes nothing. The response itself
  has no link to the person, no time and a random id (design rule 10), and every
  participation of the survey is rewritten in the same transaction so that PostgreSQL's `xmin`
  does not pair a person with their answer (`_participations_restamp`).
- **Bad input** refuses the whole submission: nothing is saved.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website import policy
from website.rules import RuleError

from ..models import (
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)

TEXT_MAX_LENGTH = 4000

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"


class SurveyError(RuleError):
    messages = {
        "upcoming": _("The survey has not opened yet. It opens %(opens)s."),
        "closed": _("The survey closed %(closes)s. Thank you for your interest."),
        "log_in": _("Log in to answer this survey."),
        "not_for_you": _("This survey is for someone else."),
        "already_answered": _("You have already answered this survey. Thank you!"),
        "required": _("Answer the question “%(question)s” – it must be answered."),
        "not_a_choice": _("Choose one of the options for “%(question)s”."),
        "not_a_scale": _("Choose a number from 1 to 5 for “%(question)s”."),
        "text_unreadable": _(
            "The answer to “%(question)s” must be plain text of at most %(limit)s characters."
        ),
        "unknown_question": _("The survey has changed since you opened it. Load the page again."),
    }

    def __init__(self, code: str, *, question: SurveyQuestion | None = None, **values):
        self.question = question
        if question is not None:
            values["question"] = question.display_text
        super().__init__(code, **values)


def survey_state(survey: Survey, *, at=None) -> str:
    """`upcoming`, `open` or `closed` at `at` (now)."""
    at = at or timezone.now()
    if at < survey.opens_at:
        return UPCOMING
    if at >= survey.closes_at:
        return CLOSED
    return OPEN


def survey_refusal(survey: Survey, user) -> str | None:
    """Why `user` may not answer `survey` because of who they are (a code of `SurveyError`),
    or None. Says nothing about the period or an earlier answer."""
    if survey.audience == Survey.Audience.OPEN:
        return None
    if not (user and user.is_authenticated and user.is_active):
        return "log_in"
    accounts = get_user_model().objects.filter(pk=user.pk)
    if survey.audience == Survey.Audience.STAFF:
        # The policy's own definition of staff (`is_staff` asks the same of a user object).
        in_audience = accounts.filter(policy.staff_filter()).exists()
    else:
        in_audience = accounts.filter(participant__isnull=False).exists()
    return None if in_audience else "not_for_you"


def survey_needs_log_in(survey: Survey) -> bool:
    return survey.audience != Survey.Audience.OPEN


def survey_has_answered(survey: Survey, user) -> bool:
    if not survey_needs_log_in(survey) or not (user and user.is_authenticated):
        return False
    return SurveyParticipation.objects.filter(survey=survey, user=user).exists()


def _answer(question: SurveyQuestion, value) -> SurveyAnswer | None:
    """The answer to store for `value` (None when left empty), or SurveyError."""
    empty = value in (None, "", [], ())
    if empty:
        if question.required:
            raise SurveyError("required", question=question)
        return None
    answer = SurveyAnswer(question=question)
    if question.kind == SurveyQuestion.Kind.SCALE:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise SurveyError("not_a_scale", question=question)
        answer.scale = value
    elif question.kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE):
        chosen = value if isinstance(value, list | tuple) else [value]
        count = len(question.choice_list)
        if (
            any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count for i in chosen)
            or len(set(chosen)) != len(chosen)
            or (question.kind == SurveyQuestion.Kind.SINGLE and len(chosen) != 1)
        ):
            raise SurveyError("not_a_choice", question=question)
        answer.chosen = sorted(chosen)
    else:
        text = str(value).strip()
        if "\x00" in text or len(text) > TEXT_MAX_LENGTH:
            raise SurveyError("text_unreadable", question=question, limit=TEXT_MAX_LENGTH)
        if not text:
            if question.required:
                raise SurveyError("required", question=question)
            return None
        answer.text = text
    return answer


def survey_answers_check(*, survey: Survey, questions, answers: dict) -> list[SurveyAnswer]:
    """The answers to store, checked against the questions (`answers`: question id → an int
    for a scale, a choice's index or a list of indexes, or text); SurveyError on the first
    that is wrong. Every question of the survey is looked at, answered or not."""
    known = {question.pk for question in questions}
    if any(question_id not in known for question_id in answers):
        raise SurveyError("unknown_question")
    stored = []
    for question in questions:
        answer = _answer(question, answers.get(question.pk))
        if answer is not None:
            stored.append(answer)
    return stored


def survey_submit(
    *, survey: Survey, user=None, answers: dict, language: str = ""
) -> SurveyResponse:
    """Store one anonymous response to `survey` (one transaction); SurveyError when the
    survey is not open, the user is not in its audience, has answered already, or an answer
    is wrong — and then nothing is written."""
    state = survey_state(survey)
    if state == UPCOMING:
        raise SurveyError(
            "upcoming", opens=timezone.localtime(survey.opens_at).strftime("%d.%m.%Y %H:%M")
        )
    if state == CLOSED:
        raise SurveyError(
            "closed", closes=timezone.localtime(survey.closes_at).strftime("%d.%m.%Y")
        )
    refusal = survey_refusal(survey, user)
    if refusal:
        raise SurveyError(refusal)
    questions = list(survey.questions.all())
    stored = survey_answers_check(survey=survey, questions=questions, answers=answers)
    needs_log_in = survey_needs_log_in(survey)
    try:
        with transaction.atomic():
            if needs_log_in:
                # One submission of this survey at a time (the re-stamp below rewrites every
                # "has answered" row), then the person's own row first: a second submission by
                # the same person fails on the unique key and writes nothing.
                Survey.objects.select_for_update().filter(pk=survey.pk).exists()
                SurveyParticipation.objects.create(survey=survey, user=user)
            response = SurveyResponse.objects.create(survey=survey, language=language[:8])
            for answer in stored:
                answer.response = response
            SurveyAnswer.objects.bulk_create(stored)
            if needs_log_in:
                _participations_restamp(survey)
    except IntegrityError:
        raise SurveyError("already_answered") from None
    return response


def _participations_restamp(survey: Survey) -> None:
    """Rewrite every "has answered" row of the survey in the submitting transaction.

    PostgreSQL keeps with every row the transaction that wrote it (`xmin`, readable with a plain
    SELECT). Written in one transaction, a person's participation and their answer would carry
    the same number and a join on it would pair them. Rewritten together, all participations
    carry the number of the newest answer: the join links everyone who has answered to it, which
    says nothing about who wrote it (tests/evaluation/test_anonymity.py). The rows' physical
    order is not hidden by this; retention deletes the participations when the survey closes."""
    SurveyParticipation.objects.filter(survey=survey).update(user=F("user"))


# --- Questions once there are answers (the admin's form asks here) ---------------------------


class SurveyEditError(RuleError):
    messages = {
        "answered_removed": _(
            "“%(question)s” has answers and cannot be removed. Close the survey and make a new "
            "one instead."
        ),
        "answered_kind": _(
            "“%(question)s” has answers, so its kind cannot change (the answers would no longer "
            "fit)."
        ),
        "answered_choices": _(
            "“%(question)s” has answers: its choices can be corrected and new ones added at the "
            "end, but none can be removed (the answers point at them by their place)."
        ),
        "choices_missing": _("“%(question)s” needs at least two choices, one per line."),
        "choices_english": _(
            "“%(question)s” has %(norwegian)s choices in Norwegian and %(english)s in English. "
            "Give each choice in both languages, in the same order, or leave the English empty."
        ),
    }


def survey_question_changes_check(
    *, question: SurveyQuestion, text: str, kind: str, choices: str, choices_en: str, deleted: bool
) -> None:
    """May `question` (saved or new) become `kind` with `choices`, or be deleted?
    SurveyEditError if the change would break the answers it has, or the choices are
    incomplete."""
    lines = [line.strip() for line in (choices or "").splitlines() if line.strip()]
    english = [line.strip() for line in (choices_en or "").splitlines() if line.strip()]
    name = text or question.text or "?"
    if not deleted and kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE):
        if len(lines) < 2:
            raise SurveyEditError("choices_missing", question=name)
        if english and len(english) != len(lines):
            raise SurveyEditError(
                "choices_english", question=name, norwegian=len(lines), english=len(english)
            )
    # The question as stored (a bound form has already copied its new values onto `question`).
    stored = SurveyQuestion.objects.filter(pk=question.pk).first() if question.pk else None
    if stored is None or not stored.answers.exists():
        return
    question = stored
    if deleted:
        raise SurveyEditError("answered_removed", question=name)
    if kind != question.kind:
        raise SurveyEditError("answered_kind", question=name)
    if len(lines) < len(question.choice_list):
        raise SurveyEditError("answered_choices", question=name)


def survey_has_answers(survey: Survey) -> bool:
    return bool(survey.pk) and SurveyResponse.objects.filter(survey=survey).exists()

"""The kartlegging survey at `/kartlegging/<slug>/` (design.md): one page that answers for the
survey's state — not yet open, closed, not for this visitor (with a log-in link), answered
already, or the form — and a receipt. A draft or unknown address answers 404.

Pages that show whether someone has answered are never cached. Posts count against the
`survey_answer` limit of the one rate limiter (website/ratelimit.py), and the open-link form
has a honeypot field; there is no third-party CAPTCHA.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..models import Survey
from ..services.surveys import (
    CLOSED,
    UPCOMING,
    SurveyError,
    survey_has_answered,
    survey_refusal,
    survey_state,
    survey_submit,
)
from ..survey_forms import SurveyAnswerForm

RECEIPT_SESSION_KEY = "survey_answered"


def _published(slug) -> Survey:
    return get_object_or_404(Survey, slug=slug, published=True)


def _notice(request, survey, kind, *, status=200):
    return render(
        request,
        "evaluation/survey/notice.html",
        {"survey": survey, "kind": kind, "login_url": _login_url(request)},
        status=status,
    )


def _login_url(request) -> str:
    return f"{reverse('account_login')}?next={request.path}"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey_answer(request, slug):
    survey = _published(slug)
    state = survey_state(survey)
    if state in (UPCOMING, CLOSED):
        return _notice(request, survey, state)
    refusal = survey_refusal(survey, request.user)
    if refusal == "log_in" and request.method == "POST":
        return redirect_to_login(request.path)
    if refusal:
        return _notice(request, survey, refusal, status=403 if refusal == "not_for_you" else 200)
    if survey_has_answered(survey, request.user):
        return _notice(request, survey, "already_answered")
    questions = list(survey.questions.all())
    # Bound on every POST, an empty one too: `request.POST or None` showed the blank form again
    # (200, no message) instead of saying which required question is missing.
    form = SurveyAnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST":
        if form.is_spam():
            # Answered as bad input: nothing saved, and nothing that tells a program why.
            form.add_error(None, SurveyError("unknown_question").message)
        elif form.is_valid():
            try:
                survey_submit(
                    survey=survey,
                    user=request.user if request.user.is_authenticated else None,
                    answers=form.answers(),
                    language=translation.get_language() or "",
                )
            except SurveyError as error:
                if error.code == "already_answered":
                    return _notice(request, survey, "already_answered")
                if error.code in (UPCOMING, CLOSED):
                    return _notice(request, survey, error.code)
                form.add_refusal(error)
            else:
                request.session[RECEIPT_SESSION_KEY] = survey.slug
                return redirect("survey_receipt", slug=survey.slug)
    return render(
        request,
        "evaluation/survey/answer.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@require_safe
def survey_receipt(request, slug):
    survey = _published(slug)
    answered = request.session.get(RECEIPT_SESSION_KEY) == survey.slug or survey_has_answered(
        survey, request.user
    )
    if not answered:
        return redirect("survey_answer", slug=survey.slug)
    return render(request, "evaluation/survey/receipt.html", {"survey": survey})


urlpatterns = [
    path("kartlegging/<slug:slug>/", survey_answer, name="survey_answer"),
    path("kartlegging/<slug:slug>/takk/", survey_receipt, name="survey_receipt"),
]

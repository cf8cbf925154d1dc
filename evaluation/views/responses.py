"""A participant's evaluation of a gathering at `/evaluering/<token>/` (design.md), and its
receipt at `/evaluering/<token>/takk/`.

The token is the whole authority: no log-in (the link comes by e-mail and may be opened on a
phone where the person is not logged in). An unknown token, or one whose evaluation has closed,
answers 404 with a page saying the link may have expired. The pages show what the person
answered, so they are never cached.
"""

from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..response_forms import EvaluationForm
from ..services.responses import (
    EvaluationError,
    evaluation_window,
    invite_for_token,
    rated_sessions,
    response_for_token,
    response_submit,
)


def _not_found(request):
    return render(request, "evaluation/respond/not_found.html", status=404)


def _page_context(invite) -> dict:
    gathering = invite.gathering
    return {
        "gathering": gathering,
        "closes": timezone.localtime(evaluation_window(gathering).closes),
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def evaluation_respond(request, token):
    """The form, with the saved answers when the person has answered before."""
    invite = invite_for_token(token)
    if invite is None:
        return _not_found(request)
    gathering = invite.gathering
    sessions = rated_sessions(gathering)
    response = response_for_token(token)
    if request.method == "POST":
        form = EvaluationForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                response_submit(token=token, language=translation.get_language(), **form.answers())
            except EvaluationError as refusal:
                if refusal.code in ("unknown", "closed"):
                    return _not_found(request)
                form.add_error(None, refusal.message)
            else:
                return redirect("evaluation_receipt", token=token)
    else:
        form = EvaluationForm(sessions=sessions, response=response)
    return render(
        request,
        "evaluation/respond/form.html",
        {**_page_context(invite), "form": form, "answered": response is not None},
        # Refused input answers 400, as every other form of the site does.
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_safe
def evaluation_receipt(request, token):
    """After sending: thanks, until when the answers can be changed, and the way back."""
    invite = invite_for_token(token)
    if invite is None:
        return _not_found(request)
    if response_for_token(token) is None:
        return redirect("evaluation_respond", token=token)
    return render(
        request, "evaluation/respond/receipt.html", {**_page_context(invite), "token": token}
    )


urlpatterns = [
    path("evaluering/<str:token>/", evaluation_respond, name="evaluation_respond"),
    path("evaluering/<str:token>/takk/", evaluation_receipt, name="evaluation_receipt"),
]

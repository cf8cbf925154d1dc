"""The matrix's rows for the evaluation app (issue 17): a participant's evaluation of a
gathering (a capability link), the yearly kartlegging survey, the staff pages of aggregates
(the module report, a gathering's results, marking a comment taken in) and the kartlegging's
admin (administrators only).

To add a URL: one entry here, keyed by the pattern's name (with namespace); see `harness.Row`.
A refused role gets 404 (`REFUSED`), as if the page did not exist. Unknown, closed and draft
addresses, and a comment under the threshold, are compared with absent ones in `absent.py`.
"""

from tests.authorization import data, states
from tests.authorization.harness import (
    ADMIN_GATE,
    ADMINISTRATOR_ONLY,
    GATHERING_TEAM_VIEW,
    REDIRECT,
    REFUSED,
    ROLES,
    UNCHANGED_LOGIN,
    UNCHANGED_REFUSED,
    Row,
    administrators_only,
    cells,
    post,
)

# The curriculum's editors (anyone who may change a page) and administrators read the figures
# per module. Reviewers approve a version and see what it answers on the page under review
# (the review panel), not the report; coordinators see their gatherings' results instead.
MODULE_EDITORS = cells(
    **ADMIN_GATE, editor=200, reviewer=REFUSED, coordinators=REFUSED, administrator=200
)


def _evaluation_answer(w):
    session = w.evaluated_gathering.rated[0]
    prefix = f"session_{session.pk}"
    return {
        f"{prefix}_usefulness": "4",
        f"{prefix}_clarity": "5",
        f"{prefix}_comment": "",
        "missing": "Mer tid til spørsmål",
        "keep": "",
        "ready_individual": "yes",
        "ready_service": "partly",
        "ready_system": "",
    }


def _survey_answer(w):
    from tests.evaluation.survey_factories import post_data

    return post_data(w.survey)


def _module_revision(w):
    from wagtail.models import Page

    return {"revision": Page.objects.get(pk=w.module_page.pk).latest_revision_id}


def _survey_form(w):
    """A whole survey with no questions: what a refused role sends must change nothing."""
    return {
        "title": "Overtatt",
        "slug": w.survey.slug,
        "year": w.survey.year,
        "audience": "open",
        "opens_at": "2026-01-01 00:00",
        "closes_at": "2027-01-01 00:00",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }


def _gap_form(w):
    return {"survey": w.survey.pk, "title": "Overtatt", "status": "addressed"}


ROWS = {
    # --- a participant's evaluation of a gathering -----------------------------------------------
    # The token in the e-mailed link is the whole authority, not the session: whoever holds a
    # live link answers, logged in as anyone or not at all (a closed or made-up link is a 404,
    # identical to an unknown one: absent.py).
    "evaluation_respond": Row(
        data.evaluation_url(),
        cells(200),
        post=post(
            _evaluation_answer,
            states.evaluation_responses,
            **{role: (REDIRECT, True) for role in ROLES},
        ),
    ),
    # Until the link has an answer, the receipt leads to the form.
    "evaluation_receipt": Row(data.evaluation_url("takk/"), cells(REDIRECT)),
    # --- the yearly kartlegging (the representatives' survey) ----------------------------------
    # Anonymous visitors get the page with a log-in link, representatives the form (BAR1 has
    # answered: "already answered"). Staff get a 403 page "this survey is for …": the survey is
    # public and its audience is no secret (it is named on the page), so the answer says why
    # instead of pretending the page does not exist — the one 403 of the app, on purpose.
    "survey_answer": Row(
        "/kartlegging/{survey_slug}/",
        cells(403, anonymous=200, participants=200),
        post=post(
            _survey_answer,
            states.survey_answers,
            anonymous=UNCHANGED_LOGIN,
            participant=(REDIRECT, True),
            other_participant=(200, False),  # answered already: said so, nothing stored
            editorial=(403, False),
            coordinators=(403, False),
            administrator=(403, False),
        ),
    ),
    # The receipt is for those who have answered; everyone else is led to the survey.
    "survey_receipt": Row(
        "/kartlegging/{survey_slug}/takk/", cells(REDIRECT, other_participant=200)
    ),
    # --- staff: aggregates and comments over the threshold -------------------------------------
    "evaluation_module_report": Row("/admin/rapporter/moduler/", MODULE_EDITORS),
    "evaluation_module_report_file": Row("/admin/rapporter/moduler/rapport.xlsx", MODULE_EDITORS),
    # A gathering's results: its own coordinators and administrators (policy.RUN).
    "evaluation_gathering_results": Row("/admin/evaluering/samling/{eg}/", GATHERING_TEAM_VIEW),
    # Marking a shown comment taken in: those who may edit the module's page (the MHU editors
    # may edit the whole curriculum) and administrators.
    "evaluation_comment_mark": Row(
        "/admin/evaluering/kommentar/{rating}/",
        MODULE_EDITORS,
        post=post(
            _module_revision,
            states.comment_marks,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            reviewer=UNCHANGED_REFUSED,
            coordinators=UNCHANGED_REFUSED,
            editor=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    # --- the kartlegging's admin: programme administrators only --------------------------------
    "evaluation_surveys:index": Row("/admin/kartlegging/", ADMINISTRATOR_ONLY),
    "evaluation_surveys:index_results": Row("/admin/kartlegging/results/", ADMINISTRATOR_ONLY),
    "evaluation_surveys:add": Row(
        "/admin/kartlegging/new/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(
            lambda w: {**_survey_form(w), "slug": "ny-kartlegging"}, states.surveys
        ),
    ),
    "evaluation_surveys:edit": Row(
        "/admin/kartlegging/edit/{survey}/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(_survey_form, states.surveys),
    ),
    "evaluation_surveys:delete": Row(
        "/admin/kartlegging/delete/{survey}/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(lambda w: {}, states.surveys),
    ),
    "evaluation_surveys:history": Row("/admin/kartlegging/history/{survey}/", ADMINISTRATOR_ONLY),
    "evaluation_surveys:history_results": Row(
        "/admin/kartlegging/history-results/{survey}/", ADMINISTRATOR_ONLY
    ),
    "evaluation_surveys:usage": Row("/admin/kartlegging/usage/{survey}/", ADMINISTRATOR_ONLY),
    "evaluation_survey_results": Row("/admin/kartlegging/{survey}/resultater/", ADMINISTRATOR_ONLY),
    "evaluation_survey_results_file": Row(
        "/admin/kartlegging/{survey}/resultater.xlsx", ADMINISTRATOR_ONLY
    ),
    "evaluation_survey_gaps:index": Row("/admin/kartlegging-funn/", ADMINISTRATOR_ONLY),
    "evaluation_survey_gaps:index_results": Row(
        "/admin/kartlegging-funn/results/", ADMINISTRATOR_ONLY
    ),
    "evaluation_survey_gaps:add": Row(
        "/admin/kartlegging-funn/new/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(_gap_form, states.gaps),
    ),
    "evaluation_survey_gaps:edit": Row(
        "/admin/kartlegging-funn/edit/{gap}/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(_gap_form, states.gaps),
    ),
    "evaluation_survey_gaps:delete": Row(
        "/admin/kartlegging-funn/delete/{gap}/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(lambda w: {}, states.gaps),
    ),
    "evaluation_survey_gaps:history": Row(
        "/admin/kartlegging-funn/history/{gap}/", ADMINISTRATOR_ONLY
    ),
    "evaluation_survey_gaps:history_results": Row(
        "/admin/kartlegging-funn/history-results/{gap}/", ADMINISTRATOR_ONLY
    ),
    "evaluation_survey_gaps:usage": Row("/admin/kartlegging-funn/usage/{gap}/", ADMINISTRATOR_ONLY),
}

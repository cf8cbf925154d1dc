"""The yearly kartlegging (issue 17 item 4): who may answer and when, one response per person,
bad input, the admin for administrators only, results with the free-text threshold on the page
and in the XLSX, gaps and what changed since last year."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page

from evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyGap,
    SurveyGapModule,
    SurveyParticipation,
    SurveyResponse,
)
from evaluation.services.surveys import SurveyError, survey_submit
from evaluation.survey_results import survey_results
from tests.evaluation.survey_factories import (
    answers_for,
    fill,
    make_survey,
    post_data,
    questions_of,
)
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_course,
    make_module,
    make_participant,
    make_programme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limiter_clock(steady_limiter_clock):
    return steady_limiter_clock


def url(survey):
    return f"/kartlegging/{survey.slug}/"


# --- Periods and drafts ---------------------------------------------------------------------


def test_an_unknown_address_or_a_draft_answers_404(client):
    draft = make_survey(published=False, audience="open")
    assert client.get("/kartlegging/finnes-ikke/").status_code == 404
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), post_data(draft)).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_before_it_opens_the_page_says_when_and_takes_no_answers(client):
    survey = make_survey(audience="open", opens=2, closes=9)
    response = client.get(url(survey))
    assert response.status_code == 200
    assert "Kartleggingen har ikke åpnet ennå" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main", 1)[1]
    client.post(url(survey), post_data(survey))
    assert SurveyResponse.objects.count() == 0


def test_after_it_closes_the_page_says_so_and_takes_no_answers(client):
    survey = make_survey(audience="open", opens=-9, closes=-1)
    response = client.get(url(survey))
    assert response.status_code == 200
    assert "Kartleggingen ble avsluttet" in response.content.decode()
    client.post(url(survey), post_data(survey))
    assert SurveyResponse.objects.count() == 0
    with pytest.raises(SurveyError) as refused:
        survey_submit(survey=survey, answers=answers_for(survey))
    assert refused.value.code == "closed"


# --- Audiences ------------------------------------------------------------------------------


def test_representatives_survey_asks_a_visitor_to_log_in(client):
    survey = make_survey(audience="representatives")
    response = client.get(url(survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert "unge brukermedvirkere med konto" in html
    assert f"/konto/login/?next=/kartlegging/{survey.slug}/" in html
    assert client.post(url(survey), post_data(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 0


def test_representatives_survey_refuses_an_account_without_a_participant_profile(client, user):
    survey = make_survey(audience="representatives")
    client.force_login(user)
    response = client.post(url(survey), post_data(survey))
    assert response.status_code == 403
    assert "ikke er i gruppen" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_participant_answers_once_and_a_second_time_changes_nothing(client, organisations):
    survey = make_survey(audience="representatives")
    participant = make_participant(organisations["MHU"])
    client.force_login(participant.user)
    assert client.get(url(survey)).status_code == 200
    response = client.post(url(survey), post_data(survey, text="Mer om skole"))
    assert response.status_code == 302
    assert response["Location"] == f"/kartlegging/{survey.slug}/takk/"
    receipt = client.get(response["Location"])
    assert "Takk for svarene dine" in receipt.content.decode()
    assert "no-store" in receipt["Cache-Control"]
    again = client.post(url(survey), post_data(survey, scale="1"))
    assert "Du har allerede svart" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SurveyParticipation.objects.filter(survey=survey, user=participant.user).count() == 1
    assert set(SurveyAnswer.objects.values_list("scale", flat=True)) == {4, None}
    with pytest.raises(SurveyError) as refused:
        survey_submit(survey=survey, user=participant.user, answers=answers_for(survey))
    assert refused.value.code == "already_answered"


def test_staff_survey_is_for_staff_only(client, organisations):
    survey = make_survey(audience="staff")
    participant = make_participant(organisations["BAR"])
    client.force_login(participant.user)
    assert client.get(url(survey)).status_code == 403
    coordinator = make_coordinator(organisations["BAR"])
    client.force_login(coordinator)
    assert client.get(url(survey)).status_code == 200
    assert client.post(url(survey), post_data(survey)).status_code == 302
    assert SurveyParticipation.objects.get().user == coordinator


def test_the_open_link_takes_anyone_and_records_no_person(client):
    survey = make_survey(audience="open")
    assert client.post(url(survey), post_data(survey)).status_code == 302
    assert client.post(url(survey), post_data(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 2
    assert SurveyParticipation.objects.count() == 0


def test_the_open_link_refuses_a_filled_in_honeypot(client):
    survey = make_survey(audience="open")
    response = client.post(url(survey), {**post_data(survey), "nettside": "http://spam"})
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_the_open_link_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey_answer": (2, 3600)}
    survey = make_survey(audience="open")
    for _ in range(2):
        assert client.post(url(survey), post_data(survey)).status_code == 302
    refused = client.post(url(survey), post_data(survey))
    assert refused.status_code == 429
    assert SurveyResponse.objects.count() == 2


def test_pages_that_show_whether_someone_answered_are_never_cached(client):
    survey = make_survey(audience="open")
    assert "no-store" in client.get(url(survey))["Cache-Control"]


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scale": ""}, "må besvares"),
        ({"scale": "9"}, "Velg ett av alternativene"),
        ({"single": "7"}, "Velg ett av alternativene"),
        ({"multiple": ("0", "x")}, "Velg ett av alternativene"),
        ({"text": "x" * 4001}, "høyst 4000 tegn"),
    ],
)
def test_bad_input_gets_a_norwegian_message_and_saves_nothing(client, change, message):
    survey = make_survey(audience="open")
    response = client.post(url(survey), post_data(survey, **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SurveyResponse.objects.count() == 0
    assert SurveyAnswer.objects.count() == 0


def test_the_service_refuses_bad_answers_whatever_the_form_let_through():
    survey = make_survey(audience="open")
    scale_q, single_q, multiple_q, text_q = questions_of(survey)
    for answers, code in [
        ({**answers_for(survey), scale_q.pk: 0}, "not_a_scale"),
        ({**answers_for(survey), scale_q.pk: None}, "required"),
        ({**answers_for(survey), single_q.pk: [0, 1]}, "not_a_choice"),
        ({**answers_for(survey), multiple_q.pk: [1, 1]}, "not_a_choice"),
        ({**answers_for(survey), text_q.pk: "a\x00b"}, "text_unreadable"),
        ({**answers_for(survey), 999999: 1}, "unknown_question"),
    ]:
        with pytest.raises(SurveyError) as refused:
            survey_submit(survey=survey, answers=answers)
        assert refused.value.code == code
    assert SurveyResponse.objects.count() == 0


def test_the_form_says_which_questions_must_be_answered(client):
    survey = make_survey(audience="open")
    html = client.get(url(survey)).content.decode()
    assert "Må besvares." in html
    assert "valgfritt" in html
    assert 'type="radio"' in html and 'type="checkbox"' in html and "<textarea" in html


def test_the_survey_is_shown_in_english_to_an_english_visitor(english_visitor):
    survey = make_survey(audience="open")
    html = english_visitor.get(url(survey)).content.decode()
    assert "How prepared did you feel?" in html
    assert "Substance use" in html


# --- The admin: administrators only ------------------------------------------------------------

ADMIN_URLS = (
    "/admin/kartlegging/",
    "/admin/kartlegging/new/",
    "/admin/kartlegging/edit/{pk}/",
    "/admin/kartlegging/{pk}/resultater/",
    "/admin/kartlegging/{pk}/resultater.xlsx",
    "/admin/kartlegging-funn/",
    "/admin/kartlegging-funn/new/",
)


def test_only_administrators_reach_the_survey_admin(client, organisations, admin_user):
    survey = make_survey()
    coordinator = make_coordinator(organisations["LFB"])
    log_in_with_admin_access(client, coordinator)
    for address in ADMIN_URLS:
        assert client.get(address.format(pk=survey.pk)).status_code == 404, address
    assert "/admin/kartlegging/" not in client.get("/admin/").content.decode()
    client.force_login(admin_user)
    for address in ADMIN_URLS:
        assert client.get(address.format(pk=survey.pk)).status_code == 200, address
    assert client.get("/admin/kartlegging/999999/resultater/").status_code == 404


def survey_form_data(survey, questions, **changes):
    """The admin edit form's data for `survey` with its questions (dicts of field values)."""
    local = timezone.localtime
    data = {
        "title": survey.title,
        "title_en": survey.title_en,
        "slug": survey.slug,
        "year": survey.year,
        "intro": "",
        "intro_en": "",
        "audience": survey.audience,
        "opens_at": local(survey.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": local(survey.closes_at).strftime("%Y-%m-%d %H:%M"),
        "published": "on" if survey.published else "",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(sum(1 for q in questions if q.get("id"))),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        for key, value in question.items():
            data[f"questions-{index}-{key}"] = value
        data[f"questions-{index}-ORDER"] = str(index + 1)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def question_data(question, **changes):
    data = {
        "id": str(question.pk),
        "kind": question.kind,
        "text": question.text,
        "text_en": question.text_en,
        "help_text": "",
        "help_text_en": "",
        "choices": question.choices,
        "choices_en": question.choices_en,
        "required": "on" if question.required else "",
        "DELETE": "",
    }
    data.update(changes)
    return data


def test_an_administrator_creates_a_survey_with_questions_in_both_languages(client, admin_user):
    client.force_login(admin_user)
    now = timezone.localtime()
    data = {
        "title": "Kartlegging 2031",
        "title_en": "Survey 2031",
        "slug": "kartlegging-2031",
        "year": "2031",
        "intro": "Hva mangler?",
        "intro_en": "What is missing?",
        "audience": "open",
        "opens_at": now.strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "published": "on",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-kind": "single",
        "questions-0-text": "Hvor jobber du?",
        "questions-0-text_en": "Where do you work?",
        "questions-0-choices": "NAV\nKommune",
        "questions-0-choices_en": "NAV\nMunicipality",
        "questions-0-ORDER": "1",
    }
    response = client.post("/admin/kartlegging/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(slug="kartlegging-2031")
    question = survey.questions.get()
    assert (question.text_en, question.choice_list) == ("Where do you work?", ["NAV", "Kommune"])


def test_a_survey_must_close_after_it_opens(client, admin_user):
    survey = make_survey()
    client.force_login(admin_user)
    questions = [question_data(q) for q in questions_of(survey)]
    data = survey_form_data(
        survey, questions, closes_at=timezone.localtime(survey.opens_at).strftime("%Y-%m-%d %H:%M")
    )
    response = client.post(f"/admin/kartlegging/edit/{survey.pk}/", data)
    assert response.status_code == 200
    assert "må stenge etter at den åpner" in response.content.decode()


def test_questions_with_answers_cannot_be_removed_change_kind_or_lose_choices(client, admin_user):
    survey = make_survey(audience="open")
    fill(survey, 1)
    client.force_login(admin_user)
    page = client.get(f"/admin/kartlegging/edit/{survey.pk}/").content.decode()
    assert "Denne kartleggingen har svar" in page
    scale_q, single_q, multiple_q, text_q = questions_of(survey)
    base = [question_data(q) for q in (scale_q, single_q, multiple_q, text_q)]
    for index, change, message in [
        (0, {"DELETE": "on"}, "kan ikke fjernes"),
        (0, {"kind": "text"}, "kan ikke endre type"),
        (
            1,
            {"choices": "Individnivå\nTjenestenivå", "choices_en": "Individual\nService"},
            "ingen kan fjernes",
        ),
        (2, {"choices_en": "Substance use"}, "3 alternativer på norsk og 1 på engelsk"),
    ]:
        questions = [dict(q) for q in base]
        questions[index].update(change)
        response = client.post(
            f"/admin/kartlegging/edit/{survey.pk}/", survey_form_data(survey, questions)
        )
        assert response.status_code == 200, change
        assert message in response.content.decode(), change
    survey.refresh_from_db()
    assert [q.kind for q in questions_of(survey)] == ["scale", "single", "multiple", "text"]
    assert len(single_q.choice_list) == 3
    # A correction and a new choice at the end are fine.
    questions = [dict(q) for q in base]
    questions[1]["choices"] = "Individnivå\nTjenestenivå\nSystemnivå\nAnnet"
    questions[1]["choices_en"] = "Individual level\nService level\nSystem level\nOther"
    response = client.post(
        f"/admin/kartlegging/edit/{survey.pk}/", survey_form_data(survey, questions)
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


# --- Results and the threshold -------------------------------------------------------------------


def test_results_show_a_chart_and_a_table_for_each_question(client, admin_user):
    survey = make_survey(audience="open")
    fill(survey, 6, texts=5)
    client.force_login(admin_user)
    html = client.get(f"/admin/kartlegging/{survey.pk}/resultater/").content.decode()
    assert 'id="survey-response-count">6<' in html
    assert html.count('role="img"') == 3  # scale, single, multiple
    assert html.count('class="listing report-data"') == 3
    assert "Svar nummer 4" in html
    assert "sensitive opplysninger" in html


def test_four_free_text_answers_are_shown_nowhere(client, admin_user):
    survey = make_survey(audience="open")
    fill(survey, 8, texts=4)
    client.force_login(admin_user)
    html = client.get(f"/admin/kartlegging/{survey.pk}/resultater/").content.decode()
    assert "For få svar til å vise" in html
    assert "Svar nummer" not in html
    workbook = load_workbook(
        io.BytesIO(client.get(f"/admin/kartlegging/{survey.pk}/resultater.xlsx").content)
    )
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert not any("Svar nummer" in cell for cell in cells)
    assert "For få svar til å vise" in cells


def test_five_free_text_answers_are_in_the_file(client, admin_user):
    survey = make_survey(audience="open")
    fill(survey, 5, texts=5)
    client.force_login(admin_user)
    response = client.get(f"/admin/kartlegging/{survey.pk}/resultater.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    texts = [row[2] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert sorted(texts) == [f"Svar nummer {n}" for n in range(5)]
    counts = list(workbook.worksheets[0].iter_rows(min_row=5, values_only=True))
    scale_rows = [row for row in counts if row[0] == 1 and row[2] in {"1", "2", "3", "4", "5"}]
    assert [row[3] for row in scale_rows] == [1, 1, 1, 1, 1]
    assert isinstance(scale_rows[0][3], int)


def test_results_are_counted_right():
    survey = make_survey(audience="open")
    fill(survey, 10)
    results = survey_results(survey)
    scale, single, multiple, text = results.questions
    assert results.responses == 10
    assert [count for _label, count, _p in scale.rows] == [2, 2, 2, 2, 2]
    assert scale.average == 3.0
    assert [count for _label, count, _p in single.rows] == [4, 3, 3]
    assert [label for label, _c, _p in multiple.rows] == ["Rus", "Skole", "Barnevern"]
    assert text.answered == 0 and text.too_few_texts


def test_results_take_the_same_number_of_queries_for_20_and_200_responses():
    survey = make_survey(audience="open")
    counts = []
    for total in (20, 200):
        fill(survey, total - SurveyResponse.objects.filter(survey=survey).count(), texts=total)
        with CaptureQueriesContext(connection) as queries:
            survey_results(survey)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


# --- Gaps and what changed ------------------------------------------------------------------------


@pytest.fixture
def module(site_tree):
    programme = make_programme(site_tree)
    course = make_course(programme)
    return make_module(course, title="Rus i familien", slug="rus-i-familien")


def test_next_years_results_show_what_changed_in_the_modules_a_gap_led_to(
    client, admin_user, module
):
    long_ago = timezone.now() - datetime.timedelta(days=300)
    other = make_module(module.get_parent().specific, title="Skolen", slug="skolen")
    Page.objects.filter(pk__in=[module.pk, other.pk]).update(
        first_published_at=long_ago, last_published_at=long_ago
    )
    last_year = make_survey(year=2030, opens=-400, closes=-380)
    this_year = make_survey(year=2031)
    gap = SurveyGap.objects.create(survey=last_year, title="Lite om rus", tags="rus, familie")
    gap.questions.set([questions_of(last_year)[2]])
    gap.save()
    SurveyGapModule.objects.create(gap=gap, module=module)
    SurveyGap.objects.filter(pk=gap.pk).update(created_at=long_ago + datetime.timedelta(days=1))
    unchanged = SurveyGap.objects.create(survey=last_year, title="Lite om skole")
    SurveyGapModule.objects.create(gap=unchanged, module=other)
    module.refresh_from_db()
    module.save_revision().publish()  # the module revised after the gap was recorded

    client.force_login(admin_user)
    html = client.get(f"/admin/kartlegging/{this_year.pk}/resultater/").content.decode()
    assert "Endret siden i fjor" in html
    changed = html.split("Lite om rus", 1)[1].split("</tr>", 1)[0]
    assert "Rus i familien" in changed and "endret" in changed and "ny modul" not in changed
    assert "historikk" in changed
    not_changed = html.split("Lite om skole", 1)[1].split("</tr>", 1)[0]
    assert "Skolen" in not_changed and "ikke endret siden" in not_changed
    last_year_html = client.get(f"/admin/kartlegging/{last_year.pk}/resultater/").content.decode()
    own_gap = last_year_html.split("Lite om rus", 1)[1].split("</tr>", 1)[0]
    assert "rus, familie" in own_gap
    assert "<td>3</td>" in own_gap  # the question that showed it, by its number
    assert "Endret siden i fjor" not in last_year_html


def test_an_administrator_records_a_gap_with_its_questions_and_modules(client, admin_user, module):
    survey = make_survey()
    question = questions_of(survey)[2]
    client.force_login(admin_user)
    form = client.get(f"/admin/kartlegging-funn/new/?survey={survey.pk}").content.decode()
    assert question.text in form
    response = client.post(
        "/admin/kartlegging-funn/new/",
        {
            "survey": survey.pk,
            "title": "Lite om rus",
            "title_en": "Little on substance use",
            "description": "",
            "tags": "rus",
            "questions": [question.pk],
            "status": "in_progress",
            "module_links-TOTAL_FORMS": "1",
            "module_links-INITIAL_FORMS": "0",
            "module_links-MIN_NUM_FORMS": "0",
            "module_links-MAX_NUM_FORMS": "1000",
            "module_links-0-module": module.pk,
            "module_links-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    gap = SurveyGap.objects.get()
    assert list(gap.questions.all()) == [question]
    assert [link.module_id for link in gap.module_links.all()] == [module.pk]


def test_a_gap_cannot_name_another_surveys_question(client, admin_user):
    survey, other = make_survey(), make_survey()
    client.force_login(admin_user)
    response = client.post(
        "/admin/kartlegging-funn/new/",
        {
            "survey": survey.pk,
            "title": "Feil",
            "status": "found",
            "questions": [questions_of(other)[0].pk],
            "module_links-TOTAL_FORMS": "0",
            "module_links-INITIAL_FORMS": "0",
            "module_links-MIN_NUM_FORMS": "0",
            "module_links-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert SurveyGap.objects.count() == 0


def test_no_survey_table_links_an_answer_to_a_person():
    user_model = get_user_model()
    for model in (SurveyResponse, SurveyAnswer):
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) is not user_model, (model, field)
            assert not getattr(field, "auto_now", False) and not getattr(
                field, "auto_now_add", False
            )

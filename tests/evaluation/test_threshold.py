"""The k ≥ 5 rule (design.md rule 10, issue 17): free text of one question at one gathering is
shown only when at least 5 people wrote an answer to it — with 4, no text reaches any page,
file or API staff can open; with 5, the pages and files show it. And everything staff see is
computed in a fixed number of queries, whatever the number of responses."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import selectors
from tests.factories import (
    make_course,
    make_evaluation_responses,
    make_gathering,
    make_module,
    make_programme,
)

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("Hemmelig kommentar", "Hemmelig savn", "Hemmelig behold")


@pytest.fixture
def module(site_tree, organisations):
    course = make_course(make_programme(site_tree))
    return make_module(course, title="Retten til å bli hørt", slug="retten")


@pytest.fixture
def gathering(organisations, admin_user):
    gathering = make_gathering(organisations, title="Høstsamling")
    gathering.coordinators.add(admin_user)
    return gathering


def _answers(gathering, module, count):
    make_evaluation_responses(
        gathering,
        count,
        module=module,
        comment="Hemmelig kommentar {n}",
        missing="Hemmelig savn {n}",
        keep="Hemmelig behold {n}",
    )


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def _everything_staff_can_open(client, gathering, module) -> dict:
    """Each page, file and API answer that could carry an evaluation's free text."""
    texts = {}
    for name, url in {
        "module panel": reverse("wagtailadmin_pages:edit", args=[module.pk]),
        "module report": reverse("evaluation_module_report"),
        "gathering page": reverse("evaluation_gathering_results", args=[gathering.pk]),
        "admin API": f"/admin/api/main/pages/{module.pk}/",
        "dashboard": reverse("wagtailadmin_home"),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, name
        texts[name] = response.content.decode()
    response = client.get(reverse("evaluation_module_report_file"))
    assert response.status_code == 200
    texts["report XLSX"] = _xlsx_text(response.content)
    return texts


def _public_read_api(gathering, module) -> dict:
    """Every answer of the public read API (issue 19) about the gathering and the module, as a
    visitor from another site gets it: lists and details with every field, both languages."""
    visitor = Client()
    urls = [
        "/api/samlinger/",
        "/api/samlinger/?lang=en",
        "/api/v2/pages/?fields=*&limit=50",
        "/api/v2/pages/?type=courses.ModulePage&fields=*",
        f"/api/v2/pages/{module.pk}/?fields=*",
        f"/api/v2/pages/?search={module.title}",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
        "/api/schema/",
        "/samlinger/innebygd/",
    ]
    texts = {}
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    assert gathering.slug in texts["/api/samlinger/"]
    assert module.title in texts[f"/api/v2/pages/{module.pk}/?fields=*"]
    return texts


@pytest.mark.parametrize("answers", [4, 5])
def test_the_public_read_api_carries_no_free_text_at_all(gathering, module, answers):
    """Not even above the threshold: evaluations are for staff, and the read API publishes
    the curriculum and the gatherings only."""
    _answers(gathering, module, answers)
    for url, text in _public_read_api(gathering, module).items():
        assert "Hemmelig" not in text, url  # nor the module's facilitator note ("Hemmelig …")


def test_four_answers_show_no_free_text_anywhere(client, admin_user, gathering, module):
    _answers(gathering, module, 4)
    client.force_login(admin_user)

    texts = _everything_staff_can_open(client, gathering, module)

    for name, text in texts.items():
        for word in SECRET_WORDS:
            assert word not in text, f"{word} in {name}"
    for name in ("module panel", "gathering page", "report XLSX"):
        assert "For få svar til å vise" in texts[name], name
    feedback = selectors.module_feedback(module.translation_key)
    assert feedback.shown_comments == []
    assert feedback.gatherings[0].comments.answered == 4


def test_five_answers_show_the_free_text_on_staff_pages_and_files(
    client, admin_user, gathering, module
):
    _answers(gathering, module, 5)
    client.force_login(admin_user)

    texts = _everything_staff_can_open(client, gathering, module)

    assert "Hemmelig kommentar 5" in texts["module panel"]
    assert "Hemmelig kommentar 5" in texts["report XLSX"]
    page = texts["gathering page"]
    assert all(f"{word} 5" in page for word in SECRET_WORDS)
    # Wagtail's admin API carries no free text at all (nor the public read API: see above).
    assert not any(word in texts["admin API"] for word in SECRET_WORDS)
    assert "kan inneholde sensitive opplysninger" in texts["module panel"]
    assert "kan inneholde sensitive opplysninger" in page


def test_the_threshold_counts_each_question_at_each_gathering_apart(
    organisations, module, gathering
):
    other = make_gathering(organisations, title="Vårsamling")
    # 5 answered "what was missing" at the gathering, only 3 "what to keep"; 4 more
    # comments at another gathering do not lift this one's 4 over the line.
    make_evaluation_responses(gathering, 3, module=module, missing="Savn {n}", keep="Behold {n}")
    make_evaluation_responses(gathering, 1, module=module, missing="Savn x", keep="")
    make_evaluation_responses(gathering, 1, module=None, missing="Savn y", keep="")
    make_evaluation_responses(other, 4, module=module)

    results = selectors.gathering_evaluation(gathering)
    assert results.missing.shown and len(results.missing.items) == 5
    assert not results.keep.shown and results.keep.items == ()
    assert results.keep.answered == 3
    feedback = selectors.module_feedback(module.translation_key)
    assert [row.comments.shown for row in feedback.gatherings] == [False, False]


def test_empty_and_blank_answers_do_not_count_towards_the_threshold():
    assert not selectors.free_text(["a", "b", "c", "d", "   ", ""]).shown
    shown = selectors.free_text(["a", "b", "c", "d", "e", " "])
    assert shown.shown and shown.items == ("a", "b", "c", "d", "e")
    assert selectors.TEXT_THRESHOLD == 5


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "view",
    ["module panel", "module report", "report XLSX", "gathering page", "dashboard"],
)
def test_staff_views_make_the_same_queries_for_10_and_200_responses(
    client, admin_user, organisations, module, gathering, view
):
    other = make_module(module.get_parent(), title="Egen erfaring", slug="egen")
    urls = {
        "module panel": reverse("wagtailadmin_pages:edit", args=[module.pk]),
        "module report": reverse("evaluation_module_report"),
        "report XLSX": reverse("evaluation_module_report_file"),
        "gathering page": reverse("evaluation_gathering_results", args=[gathering.pk]),
        "dashboard": reverse("wagtailadmin_home"),
    }
    client.force_login(admin_user)
    second = make_gathering(organisations, title="Vårsamling")
    make_evaluation_responses(gathering, 5, module=module, missing="Savn {n}")
    make_evaluation_responses(gathering, 5, module=other)
    make_evaluation_responses(second, 1, module=module)
    few = _queries(client, urls[view])
    make_evaluation_responses(gathering, 90, module=module, missing="Savn {n}")
    make_evaluation_responses(gathering, 50, module=other)
    make_evaluation_responses(second, 49, module=module, keep="Behold {n}")
    many = _queries(client, urls[view])
    assert many == few

"""Feedback where content is edited (issue 17): an editor sees what participants said about a
module beside its content, takes a comment in with a new version of the page, and the
reviewers of that version see which comments it answers."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in
from tests.factories import make_evaluation_responses

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "redaktor.mhu@medvirk.localhost"
REVIEWER = "bruker.godkjenner@medvirk.localhost"


@pytest.fixture
def rated_module(demo_site):
    from cohorts.models import Gathering
    from courses.models import ModulePage

    module = ModulePage.objects.get(slug="fortell-historien-din", locale__language_code="nb")
    gathering = Gathering.objects.order_by("starts_at").first()
    make_evaluation_responses(
        gathering,
        5,
        module=module,
        usefulness=lambda n: 1 + n % 5,
        comment="Øvelsen trengte mer tid, sa nummer {n}",
    )
    return module


def test_an_editor_takes_a_comment_in_and_the_reviewer_sees_it(rated_module, new_tab):
    editor = new_tab()
    log_in(editor, EDITOR)
    editor.goto(f"/admin/pages/{rated_module.pk}/edit/")
    editor.get_by_role("tab", name="Tilbakemeldinger fra deltakerne").click()
    trend = editor.locator("#feedback-trend")
    expect(trend).to_be_visible()
    expect(trend.get_by_role("row", name=re.compile("Alle samlinger"))).to_contain_text("5")
    expect(editor.get_by_text("Øvelsen trengte mer tid, sa nummer 3")).to_be_visible()
    expect(editor.get_by_text("kan inneholde sensitive opplysninger")).to_be_visible()

    # A new version that takes the comment in.
    editor.get_by_role("tab", name="Innhold").click()
    editor.locator("#id_summary").fill("Å fortelle sin historie, med god tid til øvelsene.")
    editor.locator("footer").get_by_role("button", name="Lagre kladd").click()
    expect(editor.locator(".messages .success")).to_contain_text("er oppdatert")

    editor.get_by_role("tab", name="Tilbakemeldinger fra deltakerne").click()
    comment = editor.locator("li", has_text="Øvelsen trengte mer tid, sa nummer 3")
    comment.get_by_role("link", name="Merk som tatt inn").click()
    expect(editor.get_by_role("heading", name="Kommentaren")).to_be_visible()
    expect(editor.get_by_role("radio", name=re.compile("den nyeste"))).to_be_checked()
    assert_accessible(editor)
    editor.get_by_role("button", name="Merk som tatt inn").click()
    expect(editor.get_by_text("Kommentaren er merket som tatt inn.")).to_be_visible()
    comment = editor.locator("li", has_text="Øvelsen trengte mer tid, sa nummer 3")
    expect(comment.get_by_text("Tatt inn", exact=True)).to_be_visible()

    footer = editor.locator("footer")
    footer.get_by_role("button", name="Flere handlinger").click()
    footer.get_by_role("button", name="Send inn til Godkjenning av opplæringsprogrammet").click()
    expect(editor.get_by_text("sendt til godkjenning")).to_be_visible()

    reviewer = new_tab(390, 844)
    log_in(reviewer, REVIEWER)
    panel = reviewer.locator("#evaluation-review-answers-section, [id^=evaluation-review-answers]")
    expect(
        reviewer.get_by_text("Denne versjonen svarer på 1 kommentar fra deltakerne.")
    ).to_be_visible()
    expect(panel.first).to_contain_text("Øvelsen trengte mer tid, sa nummer 3")
    reviewer.get_by_role("link", name=rated_module.title).first.click()
    notice = reviewer.locator("[data-evaluation-review]")
    expect(notice).to_contain_text("Denne versjonen svarer på 1 kommentar fra deltakerne.")
    expect(notice).to_contain_text("Øvelsen trengte mer tid, sa nummer 3")
    expect(notice).not_to_contain_text("nummer 1")


def test_the_module_report_and_the_gathering_results_read_well(rated_module, new_tab):
    from cohorts.models import Gathering

    administrator = new_tab(390, 844)
    log_in(administrator, "admin@medvirk.localhost")
    administrator.goto("/admin/rapporter/moduler/")
    table = administrator.locator("#module-report")
    expect(table.get_by_role("link", name=rated_module.title)).to_be_visible()
    assert_accessible(administrator)

    gathering = Gathering.objects.order_by("starts_at").first()
    administrator.goto(f"/admin/evaluering/samling/{gathering.pk}/")
    expect(administrator.locator("#gathering-modules")).to_contain_text(rated_module.title)
    expect(administrator.get_by_text("Øvelsen trengte mer tid, sa nummer 5")).to_be_visible()
    assert_accessible(administrator)

"""What staff see of the evaluations (issue 17, item 3): the figures per module and gathering,
the trend, both language versions, marking a comment taken in, who may see and do what."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from evaluation import selectors
from evaluation.models import CommentAddressed
from evaluation.services.feedback import (
    FeedbackError,
    comment_mark_addressed,
    comment_unmark_addressed,
)
from tests.factories import (
    NOW,
    log_in_with_admin_access,
    make_coordinator,
    make_course,
    make_evaluation_responses,
    make_gathering,
    make_module,
    make_programme,
    user_in_group,
)
from website.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(site_tree, organisations):
    programme = make_programme(site_tree)
    course = make_course(programme)
    return make_module(
        course, title="Retten til å bli hørt", slug="retten", organisations=[organisations["MHU"]]
    )


@pytest.fixture
def english_module(module):
    english = Locale.objects.get_or_create(language_code="en")[0]
    programme = module.get_parent().get_parent().specific
    programme.copy_for_translation(english, copy_parents=True).save_revision().publish()
    course = module.get_parent().specific
    course.copy_for_translation(english).save_revision().publish()
    translated = module.copy_for_translation(english)
    translated.title = "The right to be heard"
    translated.save_revision().publish()
    return translated


@pytest.fixture
def editor(db):
    return user_in_group("redaktor@example.org", "MHU redaktører")


@pytest.fixture
def gatherings(organisations):
    spring = make_gathering(
        organisations,
        title="Vårsamling",
        year=NOW.year - 1,
        starts_at=NOW.replace(year=NOW.year - 1, month=3),
    )
    autumn = make_gathering(organisations, title="Høstsamling")
    return spring, autumn


def _rating_of(text):
    from evaluation.models import ModuleRating

    return ModuleRating.objects.get(comment=text)


def test_a_module_shows_count_means_and_distribution_per_gathering_oldest_first(module, gatherings):
    spring, autumn = gatherings
    make_evaluation_responses(autumn, 4, module=module, usefulness=lambda n: n, clarity=5)
    make_evaluation_responses(spring, 2, module=module, usefulness=2, clarity=None)

    feedback = selectors.module_feedback(module.translation_key)

    assert [row.gathering for row in feedback.gatherings] == [spring, autumn]  # the trend
    first, second = (row.ratings for row in feedback.gatherings)
    assert (first.count, first.usefulness, first.clarity) == (2, 2, None)
    assert first.usefulness_counts == [0, 2, 0, 0, 0]
    assert (second.count, second.usefulness, second.clarity) == (4, 2.5, 5)
    assert second.usefulness_counts == [1, 1, 1, 1, 0]
    assert second.clarity_counts == [0, 0, 0, 0, 4]
    assert feedback.total.count == 6
    assert feedback.total.usefulness == pytest.approx(14 / 6)


def test_both_language_versions_of_a_module_show_the_same_figures(
    client, module, english_module, gatherings, admin_user
):
    make_evaluation_responses(gatherings[1], 5, module=module, comment="Felles kommentar {n}")
    client.force_login(admin_user)
    pages = []
    for page in (module, english_module):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        pages.append(response.content.decode())
    for html in pages:
        assert 'id="tab-feedback"' in html
        assert "Felles kommentar 5" in html
        assert "Høstsamling" in html
    assert english_module.translation_key == module.translation_key


def test_the_module_report_lists_lowest_rated_first_and_filters_by_year_and_level(
    client, module, gatherings, admin_user, organisations
):
    other = make_module(module.get_parent(), title="Egen erfaring", slug="egen")
    spring, autumn = gatherings
    make_evaluation_responses(autumn, 3, module=module, usefulness=5)
    make_evaluation_responses(autumn, 3, module=other, usefulness=2)
    make_evaluation_responses(spring, 3, module=module, usefulness=1)

    rows = selectors.module_report()
    assert [row.page for row in rows] == [other, module]  # 2.0 before (15 + 3) / 6 = 3.0
    rows = selectors.module_report(year=spring.year)
    assert [(row.page, row.ratings.usefulness) for row in rows] == [(module, 1)]
    assert selectors.module_report(level="advanced") == []

    client.force_login(admin_user)
    response = client.get(reverse("evaluation_module_report"), {"ar": autumn.year})
    html = response.content.decode()
    assert html.index("Egen erfaring") < html.index("Retten til å bli hørt")
    assert reverse("wagtailadmin_pages:edit", args=[other.pk]) in html
    response = client.get(reverse("evaluation_module_report"), {"ar": "1999"})
    assert response.status_code == 400
    assert "Det finnes ingen evalueringer for året «1999»" in response.content.decode()


def test_an_editor_marks_a_shown_comment_taken_in_by_a_revision_and_takes_it_back(
    module, gatherings, editor
):
    make_evaluation_responses(gatherings[1], 5, module=module)
    rating = _rating_of("Kommentar 3")
    revision = module.save_revision(user=editor)

    mark = comment_mark_addressed(rating=rating, revision=revision, user=editor)

    assert mark.revision == revision and mark.by == editor
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_ADDRESSED)
    assert entry.actor == editor and entry.object_label == module.title
    feedback = selectors.module_feedback(module.translation_key)
    assert [c.text for c in feedback.shown_comments if c.addressed] == ["Kommentar 3"]

    comment_unmark_addressed(rating=rating, user=editor)
    assert not CommentAddressed.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_UNADDRESSED).count() == 1


def test_a_comment_below_the_threshold_cannot_be_marked(module, gatherings, editor):
    make_evaluation_responses(gatherings[1], 4, module=module)
    revision = module.save_revision(user=editor)
    with pytest.raises(FeedbackError) as refusal:
        comment_mark_addressed(rating=_rating_of("Kommentar 1"), revision=revision, user=editor)
    assert refusal.value.code == "not_shown"
    assert not CommentAddressed.objects.exists()
    assert not AuditEntry.objects.exists()


def test_only_editors_of_the_page_may_mark_and_only_with_a_revision_of_the_module(
    module, gatherings, editor, organisations
):
    make_evaluation_responses(gatherings[1], 5, module=module)
    rating = _rating_of("Kommentar 1")
    reviewer = user_in_group("godkjenner@example.org", "Godkjennere faglig")
    coordinator = make_coordinator(organisations["MHU"])
    revision = module.save_revision(user=editor)
    for outsider in (reviewer, coordinator):
        with pytest.raises(FeedbackError) as refusal:
            comment_mark_addressed(rating=rating, revision=revision, user=outsider)
        assert refusal.value.code == "not_editor"
    other = make_module(module.get_parent(), title="Annen modul", slug="annen")
    with pytest.raises(FeedbackError) as refusal:
        comment_mark_addressed(rating=rating, revision=other.latest_revision, user=editor)
    assert refusal.value.code == "wrong_revision"
    assert not CommentAddressed.objects.exists()


def test_the_marking_page_marks_with_the_newest_revision_by_default(
    client, module, gatherings, editor
):
    make_evaluation_responses(gatherings[1], 5, module=module)
    rating = _rating_of("Kommentar 2")
    newest = module.save_revision(user=editor)
    log_in_with_admin_access(client, editor)
    url = reverse("evaluation_comment_mark", args=[rating.pk])

    response = client.get(url, {"side": module.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{newest.pk}" checked' in html

    response = client.post(url, {"side": module.pk, "revision": newest.pk, "action": "mark"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/pages/{module.pk}/edit/#tab-feedback")
    assert CommentAddressed.objects.get().revision == newest

    response = client.post(url, {"side": module.pk, "revision": "nonsense"})
    assert response.status_code == 400
    assert "Velg en versjon av modulens side." in response.content.decode()
    assert CommentAddressed.objects.get().revision == newest  # nothing changed


def test_the_marking_page_answers_404_to_others_and_for_hidden_comments(
    client, module, gatherings, organisations
):
    make_evaluation_responses(gatherings[1], 5, module=module)
    make_evaluation_responses(gatherings[0], 4, module=module, comment="Skjult {n}")
    coordinator = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, coordinator)
    shown = reverse("evaluation_comment_mark", args=[_rating_of("Kommentar 1").pk])
    assert client.get(shown).status_code == 404
    assert client.post(shown, {"action": "mark"}).status_code == 404

    editor = user_in_group("red2@example.org", "MHU redaktører")
    log_in_with_admin_access(client, editor)
    assert client.get(shown).status_code == 200
    hidden = reverse("evaluation_comment_mark", args=[_rating_of("Skjult 1").pk])
    assert client.get(hidden).status_code == 404
    unknown = reverse("evaluation_comment_mark", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(unknown).status_code == 404


def test_the_gathering_page_is_for_its_coordinators_and_administrators_only(
    client, module, gatherings, organisations, admin_user
):
    spring, autumn = gatherings
    make_evaluation_responses(autumn, 5, module=module, missing="Mangler {n}", keep="")
    url = reverse("evaluation_gathering_results", args=[autumn.pk])
    runner = make_coordinator(organisations["BAR"])
    autumn.coordinators.add(runner)
    log_in_with_admin_access(client, runner)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "0 av 0 inviterte har svart" in html
    assert "Mangler 5" in html
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )

    assert client.get(reverse("evaluation_gathering_results", args=[spring.pk])).status_code == 404
    assert client.get(reverse("evaluation_gathering_results", args=[99999])).status_code == 404
    other = make_coordinator(organisations["LFB"])
    log_in_with_admin_access(client, other)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_the_gathering_page_counts_invites_and_readiness(module, gatherings, organisations):
    from evaluation.models import EvaluationInvite
    from tests.factories import make_participant

    autumn = gatherings[1]
    for number in range(3):
        EvaluationInvite.objects.create(
            gathering=autumn,
            participant=make_participant(organisations["MHU"]),
            answered=number < 2,
        )
    make_evaluation_responses(autumn, 2, module=module, readiness=("yes", "no", ""))
    results = selectors.gathering_evaluation(autumn)
    assert (results.invited, results.answered, results.responses) == (3, 2, 2)
    individual = dict((choice.value, count) for choice, count in results.readiness[0].counts)
    assert individual == {"yes": 2, "partly": 0, "no": 0, "unsure": 0}
    service = dict((choice.value, count) for choice, count in results.readiness[1].counts)
    assert service["no"] == 2


def test_the_module_report_is_for_editors_and_administrators(client, module, organisations):
    coordinator = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, coordinator)
    assert client.get(reverse("evaluation_module_report")).status_code == 404
    assert client.get(reverse("evaluation_module_report_file")).status_code == 404
    editor = user_in_group("red3@example.org", "LFB redaktører")
    log_in_with_admin_access(client, editor)
    assert client.get(reverse("evaluation_module_report")).status_code == 200


def test_reviewers_see_what_the_version_in_review_answers(client, module, gatherings, editor):
    from wagtail.models import Page

    make_evaluation_responses(gatherings[1], 5, module=module)
    revision = module.save_revision(user=editor)
    for text in ("Kommentar 1", "Kommentar 4"):
        comment_mark_addressed(rating=_rating_of(text), revision=revision, user=editor)
    page = Page.objects.get(pk=module.pk).specific
    page.get_workflow().start(page, editor)

    reviewer = user_in_group("bruker@example.org", "Godkjennere brukerrepresentant")
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert "Denne versjonen svarer på 2 kommentarer fra deltakerne." in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Denne versjonen svarer på 2 kommentarer fra deltakerne." in dashboard
    assert "Kommentar 4" in dashboard

    published = Page.objects.get(pk=module.pk)
    published.get_latest_revision().publish()  # once live, the notice is gone
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert "svarer på" not in html


def test_editors_dashboard_lists_their_modules_with_comments_not_taken_in(
    client, module, gatherings, editor, organisations
):
    hidden = make_module(module.get_parent(), title="Egen erfaring", slug="egen")
    make_evaluation_responses(gatherings[1], 6, module=module)
    make_evaluation_responses(gatherings[1], 4, module=hidden, comment="Skjult {n}")
    comment_mark_addressed(
        rating=_rating_of("Kommentar 1"), revision=module.save_revision(user=editor), user=editor
    )
    log_in_with_admin_access(client, editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Deltakernes kommentarer til modulene dine" in html
    assert "5 kommentarer er ikke tatt inn ennå" in html
    assert f"/admin/pages/{module.pk}/edit/#tab-feedback" in html
    assert "Egen erfaring" not in html  # 4 comments: not shown, so nothing waits

    coordinator = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Deltakernes kommentarer" not in html


def test_the_feedback_pages_speak_english_to_english_staff(
    client, module, english_module, gatherings, admin_user, settings
):
    make_evaluation_responses(gatherings[1], 4, module=module)
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english_module.pk])).content.decode()
    assert "Feedback from participants" in html
    assert "Too few answers to show" in html
    html = client.get(reverse("evaluation_module_report")).content.decode()
    assert "The right to be heard" in html  # the module in the reader's language
    html = client.get(
        reverse("evaluation_gathering_results", args=[gatherings[1].pk])
    ).content.decode()
    assert "0 of 0 invited have answered." in html

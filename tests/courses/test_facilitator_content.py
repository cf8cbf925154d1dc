"""Facilitator notes and guides: for coordinators and staff only — never in a visitor's or a
participant's HTML, and never in search results."""

import pytest

from courses import editorial
from tests.factories import user_in_group

pytestmark = pytest.mark.django_db

NOTE = "Hemmelig kursholdertips"
GUIDE = "Kursholderveiledning: start med en runde"


def module_html(client, module):
    response = client.get(module.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_the_module_but_no_facilitator_content(client, modules):
    html = module_html(client, modules[0])
    assert "Brukermedvirkning i barnevernet" in html
    assert NOTE not in html
    assert GUIDE not in html
    assert "Facilitator" not in html and "kursholder" not in html.lower()


def test_a_logged_in_participant_sees_no_facilitator_content(client, modules, user):
    client.force_login(user)
    html = module_html(client, modules[0])
    assert NOTE not in html
    assert GUIDE not in html


@pytest.mark.parametrize(
    "group",
    [editorial.COORDINATOR_GROUP, editorial.EDITOR_GROUPS["BAR"], editorial.USER_REVIEWER_GROUP],
)
def test_coordinators_editors_and_reviewers_see_notes_and_guide(client, modules, group):
    client.force_login(user_in_group("stab@example.org", group))
    html = module_html(client, modules[0])
    assert NOTE in html
    assert GUIDE in html


def test_administrators_see_notes_and_guide(client, modules, admin_user):
    client.force_login(admin_user)
    assert NOTE in module_html(client, modules[0])


def test_rendering_a_module_body_without_a_request_leaves_notes_out(modules):
    assert NOTE not in str(modules[0].body)
    assert NOTE not in modules[0].body.render_as_block()


@pytest.mark.parametrize("query", ["kursholdertips", "Kursholderveiledning", "runde"])
def test_facilitator_text_is_never_found_by_search(client, modules, admin_user, query):
    for viewer in (None, admin_user):
        if viewer:
            client.force_login(viewer)
        response = client.get("/sok/", {"q": query})
        assert response.status_code == 200
        assert "0 results" in response.content.decode() or "0 treff" in response.content.decode()

"""The authorization matrix's tests: the tables cover every URL pattern of our apps, every
cell holds (GET and POST, per role), and no one else's personal data shows in what a
coordinator or participant can open. See `tests/authorization/__init__.py`."""

import html

import pytest
from django.test import Client

from tests.authorization import (
    table_certificates,
    table_cohorts,
    table_courses,
    table_evaluation,
    table_network,
    table_privacy,
    table_website,
)
from tests.authorization.absent import OUT_OF_SCOPE, absent_cases, absent_url
from tests.authorization.harness import (
    ROLE_GROUPS,
    ROLES,
    cells,
    check_outcome,
    client_for,
    describe,
    get_cases,
    matrix,
    our_url_patterns,
    post_cases,
    resolved_id,
)
from tests.authorization.leaks import (
    CAPABILITY_PAGES,
    DOOR_PAGES,
    EXTRA_PAGES,
    LEAK_VIEWERS,
    body_text,
    comparable_bytes,
    entries,
    foreign_members,
    foreign_values,
    leak_cases,
    names_network_wide_members,
    organisation_shown,
    squash,
)
from tests.factories import make_gathering

# Every row of every app's table, by URL pattern id.
MATRIX = matrix(
    table_website.ROWS,
    table_courses.ROWS,
    table_cohorts.ROWS,
    table_certificates.ROWS,
    table_privacy.ROWS,
    table_evaluation.ROWS,
    table_network.ROWS,
)

# ----------------------------------------------------------------------------------------------
# Tests: the matrix is complete, and it holds
# ----------------------------------------------------------------------------------------------


def test_every_url_pattern_of_our_apps_has_an_entry_in_the_matrix():
    missing = sorted(set(our_url_patterns()) - set(MATRIX))
    assert not missing, (
        "URL patterns without a row (add one to the app's table, tests/authorization/table_*.py, "
        "with the expected outcome per role): "
        + ", ".join(f"{pid!r} ({our_url_patterns()[pid]})" for pid in missing)
    )


def test_every_matrix_entry_names_an_existing_url_pattern():
    stale = sorted(set(MATRIX) - set(our_url_patterns()))
    assert not stale, "Rows for URL patterns that no longer exist: " + ", ".join(
        repr(pid) for pid in stale
    )


def test_every_entry_covers_every_role():
    for pid, row in MATRIX.items():
        assert set(row.get) == set(ROLES), pid
        for role in row.post_expectations():
            assert role in ROLES, (pid, role)


def test_the_scope_includes_the_coordinator_views_and_our_viewsets():
    patterns = our_url_patterns()
    assert "cohorts_admin_review" in patterns
    assert "certificates_admin_change" in patterns
    assert "organisations:edit" in patterns
    assert "gatherings:edit" in patterns
    assert "evaluation_comment_mark" in patterns
    assert "evaluation_surveys:edit" in patterns
    assert not any(pid.startswith(("wagtailadmin", "wagtailsettings")) for pid in patterns)


@pytest.mark.parametrize(("pid", "role"), list(get_cases(MATRIX)))
def test_get(pid, role, world, db):
    row = MATRIX[pid]
    url = row.url_for(world, role)
    assert resolved_id(url) == pid, f"the matrix URL {url} does not reach {pid}"
    response = client_for(world, role).get(url)
    check_outcome(response, row.expected_get(role), f"GET {url} as {role}")
    if response.status_code == 200 and role not in ROLE_GROUPS["anonymous"]:
        # design rule 9: what a logged-in person is shown is never stored on the way
        assert "no-store" in response.get("Cache-Control", ""), f"GET {url} as {role}"


@pytest.mark.parametrize(("pid", "role"), list(post_cases(MATRIX)))
def test_post(pid, role, world, db):
    row = MATRIX[pid]
    spec = row.post
    expected, changes = row.post_expectations()[role]
    url = row.url_for(world, role)
    assert resolved_id(url) == pid
    before = spec["state"](world)
    response = client_for(world, role).post(url, spec["data"](world))
    after = spec["state"](world)
    if changes:
        assert after != before, f"POST {url} as {role} should have changed {before}"
    else:
        assert after == before, f"POST {url} as {role} changed {before} → {after}"
    check_outcome(response, expected, f"POST {url} as {role}")


# ----------------------------------------------------------------------------------------------
# Tests: no one else's personal data in what a coordinator (or a participant) can open
# ----------------------------------------------------------------------------------------------


def open_page(world, role, page):
    """What `role` is shown on `page` (a matrix row's GET, or one of the EXTRA_PAGES)."""
    client = client_for(world, role)
    if page in MATRIX:
        method, url, data = "get", MATRIX[page].url_for(world, role), None
    else:
        _viewers, method, build_url, build_data = EXTRA_PAGES[page]
        url, data = build_url(world, role), build_data and build_data(world)
    if method.startswith("post"):
        response = client.post(url, data, follow=method == "post-follow")
    else:
        response = client.get(url)
    what = f"{method.upper()} {url} as {role}"
    assert response.status_code == 200, f"{what}: {describe(response)}"
    return response, what


@pytest.mark.parametrize(("role", "page"), list(leak_cases(MATRIX)))
def test_no_one_elses_personal_data(role, page, world, db):
    response, what = open_page(world, role, page)
    text = squash(body_text(response))
    leaked = sorted(
        f"{where}={value!r}"
        for where, value in foreign_values(world, role).items()
        if squash(value) in text
    )
    assert not leaked, f"{what} {LEAK_VIEWERS[role]} shows: {leaked}"


COORDINATORS = ("coordinator_same", "coordinator_other")
COORDINATOR_PAGES = [case for case in leak_cases(MATRIX) if case.values[0] in COORDINATORS]


@pytest.mark.parametrize(("role", "page"), COORDINATOR_PAGES)
def test_no_page_names_another_organisations_members_organisation(role, page, world, db):
    """Design rule 6: at the door of a gathering they run, a coordinator sees the names of
    everyone with a confirmed seat and nothing more about another organisation's members;
    every other page, message and file shows their own organisations' members only."""
    response, what = open_page(world, role, page)
    text = html.unescape(body_text(response))
    shown = entries(response)
    for label, (name, code, organisation_name, confirmed) in foreign_members(world, role).items():
        at_the_door = page in DOOR_PAGES and confirmed
        matching = label in world.network_wide and names_network_wide_members(page)
        if page not in CAPABILITY_PAGES and not at_the_door and not matching:
            assert name not in text, f"{what} lists {label} of {code}"
        together = organisation_shown(shown, name, code, organisation_name)
        assert not together, f"{what} names the organisation of {label}: {together}"


def test_the_door_shows_other_organisations_confirmed_members_by_name(world, db):
    """The control for the test above: the names are there, so the search would see them."""
    response, _what = open_page(world, "coordinator_same", "cohorts_admin_checkin")
    name = world.people["BAR1"].full_name
    assert name in html.unescape(body_text(response))
    assert organisation_shown(["Deltaker BAR1 BAR"], name, "BAR", "Barn av rusmisbrukere")
    assert not organisation_shown(["Deltaker BAR1"], name, "BAR", "Barn av rusmisbrukere")


# ----------------------------------------------------------------------------------------------
# Tests: out of scope answers exactly as absent
# ----------------------------------------------------------------------------------------------


def _send(client, method, url, data):
    return client.post(url, data) if method == "post" else client.get(url)


def assert_same_answer(refused, absent, what):
    assert refused.status_code == absent.status_code == 404, (
        f"{what}: {describe(refused)} / absent: {describe(absent)}"
    )
    assert refused.get("Content-Type") == absent.get("Content-Type"), what
    refused_body = comparable_bytes(refused, refused.wsgi_request.path)
    absent_body = comparable_bytes(absent, absent.wsgi_request.path)
    assert refused_body == absent_body, f"{what}: the bodies differ"


@pytest.mark.parametrize(("pid", "role", "method", "field"), list(absent_cases(MATRIX)))
def test_a_refused_id_answers_as_one_that_does_not_exist(pid, role, method, field, world, db):
    row = MATRIX[pid]
    data = row.post["data"](world) if method == "post" else None
    client = client_for(world, role)
    url = row.url_for(world, role)
    refused = _send(client, method, url, data)
    absent = _send(client, method, absent_url(row.url, world, field), data)
    assert_same_answer(refused, absent, f"{method.upper()} {url} as {role} ({field})")


@pytest.mark.parametrize("case", list(OUT_OF_SCOPE))
def test_another_organisations_id_answers_as_one_that_does_not_exist(case, world, db):
    role, method, build_url, build_data = OUT_OF_SCOPE[case]
    client = client_for(world, role)
    refused = _send(client, method, build_url(world, False), build_data and build_data(world))
    absent = _send(
        client, method, build_url(world, True), build_data and build_data(world, absent=True)
    )
    assert_same_answer(refused, absent, f"{case} as {role}")


@pytest.mark.parametrize(
    ("role", "label", "extension"),
    [
        ("coordinator_same", "MHU1", "csv"),
        ("coordinator_same", "MHU1", "xlsx"),
        ("coordinator_other", "BAR1", "csv"),
        ("coordinator_other", "BAR1", "xlsx"),
    ],
)
def test_the_search_finds_own_organisations_values_in_the_export(role, label, extension, world, db):
    """The control for the test above: the same search finds the values it must find."""
    from cohorts.models import Participant

    response = client_for(world, role).get(
        f"/admin/pameldinger/{world.gathering.pk}/eksport.{extension}"
    )
    assert response.status_code == 200
    text = squash(body_text(response))
    for field in Participant.SENSITIVE_FIELDS:
        assert squash(world.values[label][field]) in text, (field, extension)


def test_the_coordinator_sees_own_sensitive_fields_on_the_participant_page(world, db):
    from cohorts.models import Participant

    response = client_for(world, "coordinator_same").get(
        f"/admin/pameldinger/pamelding/{world.enrolments['MHU1'].pk}/"
    )
    text = squash(body_text(response))
    for field in Participant.SENSITIVE_FIELDS:
        assert squash(world.values["MHU1"][field]) in text, field


def test_a_coordinator_sees_a_gathering_where_their_member_applied_through_the_pool(world, db):
    from cohorts.models import Quota
    from cohorts.services import enrolment_apply

    gathering = make_gathering(
        world.organisations, quotas=(10, 0, 0), mode="application", slug="uten-bar-kvote"
    )
    Quota.objects.filter(gathering=gathering, seats=0).delete()
    enrolment = enrolment_apply(
        participant=world.people["BARAPPL"],
        gathering=gathering,
        organisation=world.organisations["BAR"],
    )
    client = client_for(world, "coordinator_other")
    detail = client.get(f"/admin/pameldinger/pamelding/{enrolment.pk}/")
    check_outcome(detail, 200, "the applicant's own page")
    review = client.get(f"/admin/pameldinger/{gathering.pk}/")
    check_outcome(review, 200, "GET the gathering's applications as the BAR coordinator")


def test_a_real_feed_address_works_for_anyone_who_holds_it(world, db):
    """The token, not the session, is what opens a personal feed (README: secret address)."""
    response = Client().get(f"/kalender/{world.feed_token}.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


# ----------------------------------------------------------------------------------------------
# Tests: the kartlegging's open link (services answer without an account)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_an_open_link_kartlegging_is_for_everyone(role, world, db):
    url = f"/kartlegging/{world.open_survey.slug}/"
    response = client_for(world, role).get(url)
    check_outcome(response, 200, f"GET {url} as {role}")
    assert "no-store" in response.get("Cache-Control", ""), f"GET {url} as {role}"


# The staff's kartlegging (policy.staff_filter: administrators, anyone in a group, coordinators):
# the form for them; a log-in page for anonymous visitors; participants are told it is for
# someone else (403, as the representatives' one tells staff: see table_evaluation.py).
STAFF_SURVEY = cells(200, participants=403)


@pytest.mark.parametrize("role", ROLES)
def test_the_staff_kartlegging_is_for_staff(role, world, db):
    url = f"/kartlegging/{world.staff_survey.slug}/"
    response = client_for(world, role).get(url)
    check_outcome(response, STAFF_SURVEY[role], f"GET {url} as {role}")
    form = b'name="q' in response.content
    assert form == (role not in (*ROLE_GROUPS["anonymous"], *ROLE_GROUPS["participants"])), role


def test_anyone_with_the_open_link_answers_and_bad_input_stores_nothing(world, db):
    from evaluation.models import SurveyResponse
    from tests.evaluation.survey_factories import post_data

    url = f"/kartlegging/{world.open_survey.slug}/"
    responses = SurveyResponse.objects.filter(survey=world.open_survey)
    client = Client()
    empty = client.post(url, {})  # the required question unanswered
    check_outcome(empty, 400, f"an empty POST to {url}")
    assert responses.count() == 0
    answered = client.post(url, post_data(world.open_survey))
    assert answered["Location"] == f"{url}takk/", describe(answered)
    assert responses.count() == 1
    check_outcome(client.get(f"{url}takk/"), 200, "the receipt in the same browser")


# ----------------------------------------------------------------------------------------------
# Tests: the network's values in the leak search (issue 18)
# ----------------------------------------------------------------------------------------------


def test_the_leak_search_knows_who_may_see_each_network_value(world, db):
    """The control for the leak search's network values: the rules it searches by."""
    from tests.authorization.leaks import may_see

    # Coordinators: their own organisation's members, and the profile (never the contact) of
    # a member visible network-wide.
    assert may_see(world, "coordinator_same", "MHUHIDDEN", "network_contact_email")
    assert may_see(world, "coordinator_same", "BARMEM", "network_introduction")
    assert not may_see(world, "coordinator_same", "BARMEM", "network_contact_email")
    assert not may_see(world, "coordinator_same", "BARMEM", "phone")
    assert not may_see(world, "coordinator_other", "MHUMEM", "network_introduction")
    # Members: what another listed member chose to show, nothing of one not listed.
    assert may_see(world, "member", "BARMEM", "network_languages")
    assert not may_see(world, "member", "BARMEM", "network_contact_email")
    assert not may_see(world, "member", "MHUHIDDEN", "network_introduction")
    # The service: the contact of the member who accepted, not of the one only invited.
    assert may_see(world, "service_requester", "BARMEM", "network_contact_email")
    assert not may_see(world, "service_requester", "MHUMEM", "network_contact_email")


def test_the_search_finds_the_members_own_network_values_in_my_data(world, db):
    response = client_for(world, "member").get("/min-side/mine-data/?format=json")
    text = squash(body_text(response))
    for field, value in world.values["MHUMEM"].items():
        if field.startswith("network_"):
            assert squash(value) in text, field


def test_the_service_sees_the_contact_of_the_member_who_accepted_and_no_other(world, db):
    """Design rule 11 on the request's page: BARMEM accepted, MHUMEM is invited, MHUHIDDEN
    declined."""
    from tests.authorization.data import service_request_url

    url = service_request_url()(world, "service_requester")
    text = squash(body_text(client_for(world, "service_requester").get(url)))
    assert squash(world.values["BARMEM"]["network_contact_email"]) in text
    for label in ("MHUMEM", "MHUHIDDEN"):
        for field in ("network_contact_email", "network_contact_phone", "email"):
            assert squash(world.values[label][field]) not in text, (label, field)

"""The door's check-in list stays fast for a big gathering (issue 20, item 5): one form for the
whole list (one CSRF token, not one per button), the same number of queries for 10 and 200
participants, a page of HTML within budget at 1,000, pages named by their first and last
person, a mark that brings the page back at the same row, and door minimisation as before."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts.models import Attendance, Session
from cohorts.views.checkin import CHECKIN_PAGE_SIZE
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    many_applications,
    mark_present,
)

pytestmark = pytest.mark.django_db

# Bytes of HTML for the check-in page at 1,000 confirmed participants (it was 4.7 MB).
PAGE_BUDGET = 400 * 1024


@pytest.fixture
def door(client, organisations):
    now = timezone.now()
    gathering = make_gathering(
        organisations,
        capacity=2000,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        enrolment_opens_at=now - datetime.timedelta(days=20),
        enrolment_closes_at=now - datetime.timedelta(days=1),
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Morgenøkt",
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=85),
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    log_in_with_admin_access(client, coordinator)
    return gathering, session


def confirm(gathering, organisation, count, session=None):
    enrolments = many_applications(gathering, organisation, count, states=("confirmed",))
    if session is not None:  # half of them already here: the status column has something
        mark_present(enrolments[::2], session)
    return enrolments


def url(gathering, session, **params):
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/pameldinger/{gathering.pk}/innsjekk/?okt={session.pk}{extra}"


def test_the_list_is_one_form_with_one_token(client, door, organisations):
    gathering, session = door
    confirm(gathering, organisations["MHU"], 5)
    html = client.get(url(gathering, session)).content.decode()
    assert html.count("<form") == 2  # the session and search bar, and the list
    assert html.count('name="csrfmiddlewaretoken"') == 1
    assert html.count('name="mark"') == 5 * len(Attendance.Status.choices)


def test_the_query_count_does_not_grow_with_the_list(client, door, organisations):
    gathering, session = door
    confirm(gathering, organisations["MHU"], 10, session)
    client.get(url(gathering, session))  # warm: the session's own first queries
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url(gathering, session)).status_code == 200
    confirm(gathering, organisations["BAR"], 190, session)
    with CaptureQueriesContext(connection) as two_hundred:
        response = client.get(url(gathering, session))
    assert response.status_code == 200
    assert response.content.decode().count("data-enrolment=") == CHECKIN_PAGE_SIZE
    assert len(two_hundred) == len(ten)


def test_a_thousand_participants_fit_the_budget_in_pages_named_by_person(
    client, door, organisations
):
    gathering, session = door
    enrolments = confirm(gathering, organisations["MHU"], 1000, session)
    response = client.get(url(gathering, session))
    assert len(response.content) < PAGE_BUDGET
    html = response.content.decode()
    in_order = sorted(enrolments, key=lambda e: e.participant.full_name)
    names = [e.participant.full_name for e in in_order]
    pages = -(-1000 // CHECKIN_PAGE_SIZE)
    assert html.count('aria-current="page"') == 1
    # Each page link says who is on it; the last page has the last person.
    assert f"{names[0]} – {names[CHECKIN_PAGE_SIZE - 1]}" in html
    assert f'side={pages}">{names[(pages - 1) * CHECKIN_PAGE_SIZE]} – {names[-1]}</a>' in html
    last = client.get(url(gathering, session, side=pages)).content.decode()
    assert f'<tr id="rad-{in_order[-1].pk}"' in last
    assert f'<tr id="rad-{in_order[0].pk}"' not in last
    # The search looks through the whole list, not one page.
    found = client.get(url(gathering, session, q=names[-1].replace(" ", "+"))).content.decode()
    assert names[-1] in found and "door__pages" not in found


def test_a_mark_from_the_list_comes_back_at_the_same_row_and_page(client, door, organisations):
    gathering, session = door
    enrolments = confirm(gathering, organisations["MHU"], CHECKIN_PAGE_SIZE + 5)
    last = sorted(enrolments, key=lambda e: e.participant.full_name)[-1]
    response = client.post(
        f"/admin/pameldinger/{gathering.pk}/innsjekk/marker/",
        {"session": session.pk, "mark": f"{last.pk}:late", "side": "2", "q": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?okt={session.pk}&side=2#rad-{last.pk}")
    assert Attendance.objects.get(enrolment=last, session=session).status == "late"
    page = client.get(response["Location"]).content.decode()
    row = re.search(rf'<tr id="rad-{last.pk}".*?</tr>', page, re.S).group(0)
    assert "Kom for sent" in row and 'aria-pressed="true">Kom for sent<' in row


def test_a_bad_mark_changes_nothing(client, door, organisations):
    gathering, session = door
    (enrolment,) = confirm(gathering, organisations["MHU"], 1)
    for mark in (f"{enrolment.pk}:nonsense", "abc:present", "", f"{enrolment.pk}"):
        response = client.post(
            f"/admin/pameldinger/{gathering.pk}/innsjekk/marker/",
            {"session": session.pk, "mark": mark},
        )
        assert response.status_code in (302, 404), mark
    assert not Attendance.objects.exists()


def test_the_change_fields_open_for_one_row_only(client, door, organisations):
    gathering, session = door
    first, second = confirm(gathering, organisations["MHU"], 2)
    html = client.get(url(gathering, session, endre=first.pk)).content.decode()
    assert html.count('name="minutes"') == 1 and f'id="minutes-{first.pk}"' in html
    assert f'name="enrolment" value="{first.pk}"' in html
    assert f"endre={second.pk}#rad-{second.pk}" in html  # the other row has its link
    client.post(
        f"/admin/pameldinger/{gathering.pk}/innsjekk/marker/",
        {"session": session.pk, "enrolment": first.pk, "status": "late", "minutes": "40"},
    )
    assert Attendance.objects.get(enrolment=first).minutes_attended == 40


def test_other_organisations_participants_show_their_names_only(client, door, organisations):
    gathering, session = door
    (own,) = confirm(gathering, organisations["MHU"], 1)
    (other,) = confirm(gathering, organisations["BAR"], 1)
    html = client.get(url(gathering, session)).content.decode()
    rows = {
        pk: re.search(rf'<tr id="rad-{pk}".*?</tr>', html, re.S).group(0)
        for pk in (own.pk, other.pk)
    }
    assert other.participant.full_name in rows[other.pk]
    assert "BAR" not in rows[other.pk] and "<small>" not in rows[other.pk]
    assert "MHU" in rows[own.pk] and "<small>" in rows[own.pk]

"""The network's figures for the organisations' reports (`/admin/rapporter/nettverk/`):
requests received, matched and completed by kind, field, level and county (digital apart);
members by field and county for administrators, or a coordinator's own organisations only;
small counts as "< 5"; an XLSX with the same values; coordinators and administrators only."""

import io

import pytest
from openpyxl import load_workbook

from network.models import ServiceRequest
from network.selectors.figures import network_figures
from network.services.assignments import assignments_complete
from tests.factories import log_in_with_admin_access, make_coordinator, make_participant
from tests.network.assignment_factories import (
    confirm_member,
    make_assignment,
    make_member,
    make_request,
)

pytestmark = pytest.mark.django_db

URL = "/admin/rapporter/nettverk/"
XLSX_URL = "/admin/rapporter/nettverk/rapport.xlsx"
State = ServiceRequest.State


def _table(breakdowns, title):
    breakdown = next(b for b in breakdowns if str(b.title) == title)
    return {key: values for key, _label, values in breakdown.rows}, breakdown.total


@pytest.fixture
def world(organisations):
    mhu_members = [make_member(organisations["MHU"], county="46") for _ in range(6)]
    bar_member = make_member(organisations["BAR"], county="46", field_substance_use=True)
    for member in mhu_members:
        member.field_mental_health = True
        member.save()
    # Eight requests this year: six for mental health in Oslo (five of them completed with a
    # member), one digital about child welfare still ahead, one unconfirmed (not counted).
    for member in mhu_members[:5]:
        make_assignment(member, organisations["MHU"], days_ago=5, field="mental_health")
    make_request(field="mental_health", state=State.OPEN)
    digital = make_request(
        field="child_welfare", county="", digital=True, state=State.MATCHED, days_ago=-3
    )
    confirm_member(digital, bar_member, organisations["BAR"])
    make_request(state=State.UNVERIFIED, email_verified_at=None)
    assignments_complete()
    return {"mhu": mhu_members, "bar": bar_member}


def test_requests_are_counted_by_state_field_and_county_with_small_counts_hidden(world, admin_user):
    from django.utils import timezone

    figures = network_figures(user=admin_user, year=timezone.localdate().year)
    _rows, total = _table(figures.requests, "Forespørsler i alt")
    assert total == [7, 6, 5]  # received, matched, completed; the unconfirmed left out
    by_field, _total = _table(figures.requests, "Etter område")
    # One hidden part of a shown total hides the next smallest as "≥ 5" (else 7 − 6 = 1).
    assert by_field["mental_health"] == ["≥ 5", "≥ 5", 5]
    assert by_field["child_welfare"] == ["< 5", "< 5", 0]
    by_county, _total = _table(figures.requests, "Etter fylke")
    assert by_county["03"] == ["≥ 5", "≥ 5", 5]
    assert by_county["digital"] == ["< 5", "< 5", 0]
    assert by_county["46"] == [0, 0, 0]


def test_a_total_with_one_hidden_part_hides_another(admin_user, organisations):
    from django.utils import timezone

    for _ in range(6):
        make_request(kind="talk")
    make_request(kind="board")
    figures = network_figures(user=admin_user, year=timezone.localdate().year)
    by_kind, total = _table(figures.requests, "Etter type")
    assert total[0] == 7
    assert by_kind["board"][0] == "< 5"
    assert by_kind["talk"][0] == "≥ 5"  # else 7 − 6 would give the board's 1 away


def make_superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(email="sjef@example.org", password="x")


def test_members_are_counted_for_the_coordinators_own_organisation_only(world, organisations):
    from django.utils import timezone

    year = timezone.localdate().year
    mhu = network_figures(user=make_coordinator(organisations["MHU"]), year=year)
    by_field, total = _table(mhu.members, "Etter område")
    assert total == [6]
    assert by_field["mental_health"] == [6]
    assert by_field["substance_use"] == [0]  # the BAR member is not counted for MHU
    by_county, _total = _table(mhu.members, "Etter fylke")
    assert by_county["46"] == [6]
    lfb = network_figures(user=make_coordinator(organisations["LFB"]), year=year)
    assert _table(lfb.members, "Etter område")[1] == [0]
    everyone = network_figures(user=make_superuser(), year=year)
    by_field, total = _table(everyone.members, "Etter område")
    assert total == [7]
    assert by_field["substance_use"] == ["< 5"]


def test_the_page_and_the_file_show_the_same_suppressed_figures(client, world, admin_user):
    log_in_with_admin_access(client, admin_user)
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "&lt; 5" in body
    assert "Nettverkstall" in body
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Etter fylke", "Digitalt", "< 5", "< 5", 0] in values
    assert ["Etter område", "Psykisk helse", "≥ 5", "≥ 5", 5] in values


def test_only_coordinators_and_administrators_see_the_figures(client, world, organisations):
    participant = make_participant(organisations["MHU"])
    client.force_login(participant.user)
    assert client.get(URL).status_code in (302, 404)
    client.logout()
    assert client.get(URL).status_code == 302
    coordinator = make_coordinator(organisations["LFB"])
    log_in_with_admin_access(client, coordinator)
    page = client.get(URL)
    assert page.status_code == 200
    assert client.get(XLSX_URL).status_code == 200
    assert client.get(URL + "?ar=1999").status_code == 404
    assert client.get(XLSX_URL + "?ar=tull").status_code == 404


def test_the_figures_take_a_fixed_number_of_queries(
    world, organisations, django_assert_num_queries
):
    from django.utils import timezone

    coordinator = make_coordinator(organisations["MHU"])
    year = timezone.localdate().year
    with django_assert_num_queries(7):
        network_figures(user=coordinator, year=year)
    for _ in range(5):
        make_request(field="substance_use", county="50")
    with django_assert_num_queries(7):
        network_figures(user=coordinator, year=year)

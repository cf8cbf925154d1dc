"""The coordinator's applications list for a busy season (issue 16): counts per gathering,
filters, sorting, search, pages, the bulk confirmation, moves and copies over HTTP, and the
query count pinned for 10 and 1,000 applications."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cohorts.models import Enrolment, Gathering, Participant
from courses.editorial import COORDINATOR_GROUP
from tests.factories import NOW, log_in_with_admin_access, make_gathering, make_participant
from tests.helpers import admin_form_data, queries_for

pytestmark = pytest.mark.django_db
State = Enrolment.State


def _enrol(gathering, participant, organisation, state=State.APPLIED, **fields):
    return Enrolment.objects.create(
        participant=participant,
        gathering=gathering,
        organisation=organisation,
        state=state,
        waitlisted_at=NOW if state == State.WAITLISTED else None,
        **fields,
    )


@pytest.fixture
def season(organisations):
    """One gathering (by application) with MHU's and BAR's applicants, and MHU's coordinator."""
    mhu, bar = organisations["MHU"], organisations["BAR"]
    gathering = make_gathering(organisations, mode="application", capacity=10, quotas=(2, 2, 2))
    people = {
        "anna": _enrol(gathering, make_participant(mhu, name="Anna Aasen"), mhu),
        "ung": _enrol(gathering, make_participant(mhu, name="Ung Utsikt", age=16), mhu),
        "venter": _enrol(
            gathering, make_participant(mhu, name="Vera Venter"), mhu, State.WAITLISTED
        ),
        "bo": _enrol(gathering, make_participant(bar, name="Bo Barsen"), bar),
    }
    Enrolment.objects.filter(pk=people["anna"].pk).update(applied_at=NOW - datetime.timedelta(3))
    coordinator = get_user_model().objects.create_user(email="k@mhu.example", password="x")
    mhu.coordinators.add(coordinator)
    return {"gathering": gathering, "coordinator": coordinator, **people}


def _names(html):
    return re.findall(r'href="/admin/pameldinger/pamelding/\d+/">([^<]+)</a>', html)


def _list(client, season, query=""):
    log_in_with_admin_access(client, season["coordinator"])
    response = client.get(f"/admin/pameldinger/{season['gathering'].pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_gathering_index_counts_applications_to_decide_per_gathering(client, season):
    html = _list(client, season, "")  # logs in
    html = client.get("/admin/pameldinger/").content.decode()
    row = html[html.index(season["gathering"].title) :]
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)[:7]
    assert "<strong>2</strong>" in cells[2]  # Anna and Ung, not BAR's Bo
    assert cells[6].strip() == "1"  # Vera on the waiting list
    assert f"/admin/pameldinger/{season['gathering'].pk}/?state=applied" in html


def test_the_list_filters_by_state_and_under_18(client, season):
    assert _names(_list(client, season, "?state=applied")) == ["Anna Aasen", "Ung Utsikt"]
    assert _names(_list(client, season, "?state=applied&under_18=true")) == ["Ung Utsikt"]
    assert _names(_list(client, season, "?under_18=false&sort=name")) == [
        "Anna Aasen",
        "Vera Venter",
    ]


def test_the_list_searches_by_name_and_sorts(client, season):
    assert _names(_list(client, season, "?q=vera")) == ["Vera Venter"]
    assert _names(_list(client, season, "?sort=-name")) == [
        "Vera Venter",
        "Ung Utsikt",
        "Anna Aasen",
    ]
    assert _names(_list(client, season, "?sort=age"))[0] == "Ung Utsikt"
    assert _names(_list(client, season, "?sort=applied"))[0] == "Anna Aasen"


def test_the_list_filters_by_applied_date(client, season):
    today = timezone.localdate()
    since = (today - datetime.timedelta(days=1)).isoformat()
    names = _names(_list(client, season, f"?applied_from={since}&sort=name"))
    assert names == ["Ung Utsikt", "Vera Venter"]
    until = (today - datetime.timedelta(days=2)).isoformat()
    assert _names(_list(client, season, f"?applied_to={until}")) == ["Anna Aasen"]


def test_the_age_column_tags_the_under_18s(client, season):
    html = _list(client, season, "?q=ung")
    assert ">16 <span" in html and "under 18" in html


def test_an_invalid_filter_says_so_in_norwegian_and_filters_nothing(client, season):
    html = _list(client, season, "?state=nonsense&applied_from=31.02.2026&sort=name")
    assert "Noen filtre kunne ikke brukes" in html
    assert "Velg et gyldig valg" in html
    assert _names(html) == ["Anna Aasen", "Ung Utsikt", "Vera Venter"]


def test_the_organisation_filter_offers_only_the_coordinators_own(client, season, organisations):
    html = _list(client, season)
    select = re.search(r'<select name="organisation".*?</select>', html, re.S).group(0)
    assert "Mental Helse Ungdom" in select and "Barn av rusmisbrukere" not in select
    # Asking for BAR's by id is an invalid choice, not a way in.
    html = _list(client, season, f"?organisation={organisations['BAR'].pk}")
    assert "Bo Barsen" not in html and "Noen filtre kunne ikke brukes" in html


def test_an_administrator_is_offered_every_organisation(client, season):
    admin = get_user_model().objects.create_superuser(email="a@x.example", password="x")
    client.force_login(admin)
    html = client.get(f"/admin/pameldinger/{season['gathering'].pk}/").content.decode()
    select = re.search(r'<select name="organisation".*?</select>', html, re.S).group(0)
    assert "Barn av rusmisbrukere" in select
    assert "Bo Barsen" in html


def test_the_list_across_gatherings_filters_by_level(client, season, organisations):
    mhu = organisations["MHU"]
    advanced = make_gathering(organisations, level="advanced", mode="application")
    _enrol(advanced, make_participant(mhu, name="Ada Avansert"), mhu)
    log_in_with_admin_access(client, season["coordinator"])
    html = client.get("/admin/pameldinger/alle/?level=advanced").content.decode()
    assert _names(html) == ["Ada Avansert"]
    html = client.get("/admin/pameldinger/alle/?state=applied&sort=name").content.decode()
    assert _names(html) == ["Ada Avansert", "Anna Aasen", "Ung Utsikt"]


def test_another_organisations_gathering_and_application_answer_404(client, season, organisations):
    lfb = organisations["LFB"]
    elsewhere = make_gathering(organisations, quotas=(0, 1, 1))
    elsewhere.quotas.filter(organisation__short_code="MHU").delete()
    _enrol(elsewhere, make_participant(lfb), lfb)
    log_in_with_admin_access(client, season["coordinator"])
    assert client.get(f"/admin/pameldinger/{elsewhere.pk}/").status_code == 404
    bo = season["bo"]
    assert client.get(f"/admin/pameldinger/pamelding/{bo.pk}/").status_code == 404
    target = make_gathering(organisations)
    response = client.post(
        f"/admin/pameldinger/pamelding/{bo.pk}/ny-samling/",
        {"gathering": target.pk, "reason": "x"},
    )
    assert response.status_code == 404
    bo.refresh_from_db()
    assert bo.gathering == season["gathering"]


def test_the_bulk_confirmation_says_what_will_happen_to_whom(client, season):
    gathering = season["gathering"]
    Gathering.objects.filter(pk=gathering.pk).update(capacity=2)
    gathering.quotas.update(seats=0)
    log_in_with_admin_access(client, season["coordinator"])
    chosen = [season[name].pk for name in ("anna", "ung", "venter", "bo")]
    url = f"/admin/pameldinger/{gathering.pk}/samlet/"
    html = client.post(
        url, {"decision": "accept", "enrolment": chosen, "query": "state=applied"}
    ).content.decode()
    assert "Bo Barsen" not in html  # BAR's: not the coordinator's to decide
    assert "1 får plass og blir tatt opp" in html  # Anna, who came first
    assert "1 under 18 blir tatt opp" in html  # Ung: held for the guardian
    assert "1 kan ikke tas opp" in html  # Vera: both seats are taken by then
    assert Enrolment.objects.filter(state=State.APPLIED).count() == 3  # nothing done yet
    response = client.post(
        url,
        {"decision": "accept", "enrolment": chosen, "confirmed": "yes", "query": "state=applied"},
    )
    assert response["Location"] == f"/admin/pameldinger/{gathering.pk}/?state=applied"
    states = {
        name: Enrolment.objects.get(pk=season[name].pk).state
        for name in season
        if name in ("anna", "ung", "venter", "bo")
    }
    assert states == {
        "anna": State.CONFIRMED,
        "ung": State.GUARDIAN_PENDING,
        "venter": State.WAITLISTED,
        "bo": State.APPLIED,
    }


def test_a_coordinator_moves_an_application_to_another_gathering(client, season, organisations):
    target = make_gathering(organisations, title="Høstsamling")
    log_in_with_admin_access(client, season["coordinator"])
    anna = season["anna"]
    detail = client.get(f"/admin/pameldinger/pamelding/{anna.pk}/").content.decode()
    assert f'<option value="{target.pk}">Høstsamling' in detail
    response = client.post(
        f"/admin/pameldinger/pamelding/{anna.pk}/ny-samling/",
        {"gathering": target.pk, "reason": "Passer bedre"},
    )
    moved = Enrolment.objects.get(gathering=target, participant=anna.participant)
    assert response["Location"] == f"/admin/pameldinger/pamelding/{moved.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Flyttet fra" in html and "Passer bedre" in html
    anna.refresh_from_db()
    assert anna.state == State.CANCELLED


def test_a_refused_move_explains_and_changes_nothing(client, season, organisations):
    log_in_with_admin_access(client, season["coordinator"])
    anna = season["anna"]
    target = make_gathering(organisations, level="advanced")
    response = client.post(
        f"/admin/pameldinger/pamelding/{anna.pk}/ny-samling/",
        {"gathering": target.pk, "reason": "Nivå"},
        follow=True,
    )
    assert "krever kursbevis fra samlingen for nye" in response.content.decode()
    anna.refresh_from_db()
    assert anna.state == State.APPLIED and anna.gathering == season["gathering"]


# --- The gathering form and its copy view ----------------------------------------------------


def test_the_gathering_form_offers_only_staff_in_the_coordinators_group(client, organisations):
    gathering = make_gathering(organisations)
    admin = get_user_model().objects.create_superuser(email="a@x.example", password="x")
    staff = get_user_model().objects.create_user(
        email="kari@mhu.example", password="x", first_name="Kari", last_name="Koordinator"
    )
    staff.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    young = make_participant(organisations["MHU"], age=16, name="Seksten År")
    client.force_login(admin)
    html = client.get(f"/admin/gatherings/edit/{gathering.pk}/").content.decode()
    assert "Kari Koordinator (kari@mhu.example)" in html
    assert young.user.email not in html
    assert "Nettadresse" in html and "/samlinger/&lt;adresse&gt;/" in html
    assert 'data-controller="w-slug"' in html and "w-sync" in html
    # A participant's id posted anyway is refused by the field.
    data = admin_form_data(gathering) | {"coordinators": [young.user.pk]}
    response = client.post(f"/admin/gatherings/edit/{gathering.pk}/", data)
    assert response.status_code == 200
    assert not gathering.coordinators.exists()


def test_an_administrator_copies_a_gathering_for_next_year(client, organisations):
    gathering = make_gathering(organisations, slug=f"nye-{NOW.year}", year=NOW.year)
    admin = get_user_model().objects.create_superuser(email="a@x.example", password="x")
    client.force_login(admin)
    listing = client.get("/admin/gatherings/").content.decode()
    assert f"/admin/gatherings/copy/{gathering.pk}/" in listing
    form = client.get(f"/admin/gatherings/copy/{gathering.pk}/").content.decode()
    assert f'value="nye-{NOW.year + 1}"' in form
    starts_on = (timezone.localdate() + datetime.timedelta(weeks=60)).isoformat()
    response = client.post(
        f"/admin/gatherings/copy/{gathering.pk}/", {"starts_on": starts_on, "slug": "ny-kopi"}
    )
    copy = Gathering.objects.get(slug="ny-kopi")
    assert response["Location"] == f"/admin/gatherings/edit/{copy.pk}/"
    assert copy.status == Gathering.Status.DRAFT
    taken = client.post(
        f"/admin/gatherings/copy/{gathering.pk}/", {"starts_on": starts_on, "slug": "ny-kopi"}
    )
    assert "har allerede denne nettadressen" in taken.content.decode()


def test_a_coordinator_cannot_copy_gatherings(client, season):
    log_in_with_admin_access(client, season["coordinator"])
    url = f"/admin/gatherings/copy/{season['gathering'].pk}/"
    assert client.get(url).status_code == 404


# --- Query counts ----------------------------------------------------------------------------


def _applications(gathering, organisation, count):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"mange{gathering.pk}-{n}@example.org") for n in range(count)
    )
    born = NOW.date().replace(year=NOW.year - 20)
    participants = Participant.objects.bulk_create(
        Participant(user=user, full_name=f"Person {n:04}", birth_date=born)
        for n, user in enumerate(users)
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            participant=participant,
            gathering=gathering,
            organisation=organisation,
            state=State.WAITLISTED if n % 3 == 0 else State.APPLIED,
            waitlisted_at=NOW if n % 3 == 0 else None,
        )
        for n, participant in enumerate(participants)
    )


def test_the_list_makes_as_many_queries_for_1000_applications_as_for_10(
    client, organisations, django_assert_num_queries
):
    mhu = organisations["MHU"]
    small = make_gathering(organisations, mode="application")
    large = make_gathering(organisations, mode="application")
    _applications(small, mhu, 10)
    _applications(large, mhu, 1000)
    coordinator = get_user_model().objects.create_user(email="k@mhu.example", password="x")
    mhu.coordinators.add(coordinator)
    for gathering in (small, large):  # the gathering's own too: check-in and invites show
        gathering.coordinators.add(coordinator)
    log_in_with_admin_access(client, coordinator)
    for query in ("", "?state=applied&under_18=false&sort=name&q=person"):
        few = queries_for(client, f"/admin/pameldinger/{small.pk}/{query}")
        with django_assert_num_queries(few):
            response = client.get(f"/admin/pameldinger/{large.pk}/{query}")
        assert response.status_code == 200
    many = queries_for(client, "/admin/pameldinger/")
    _applications(make_gathering(organisations, mode="application"), mhu, 10)
    with django_assert_num_queries(many):
        client.get("/admin/pameldinger/")

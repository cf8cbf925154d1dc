"""The admin dashboard per role (issue 16): what waits for a coordinator, the seats, the
administrator's panels, and the same number of queries for 10 and for 1,000 applications."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts.models import Enrolment
from tests.factories import (
    NOW,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    many_applications,
    user_in_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(organisations, site_tree):
    """One gathering ahead with MHU and BAR applications in every state; MHU's coordinator."""
    gathering = make_gathering(organisations, mode="application", title="Samling i Bodø")
    mhu = many_applications(gathering, organisations["MHU"], 10)
    bar = many_applications(gathering, organisations["BAR"], 7)
    coordinator = make_coordinator(organisations["MHU"])
    return {"gathering": gathering, "mhu": mhu, "bar": bar, "coordinator": coordinator}


def dashboard(client, user):
    log_in_with_admin_access(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_coordinator_sees_what_waits_in_their_own_organisation_with_links(client, season):
    gathering = season["gathering"]
    # One of MHU's two offers expires in three days: not yet "within 48 hours".
    late = next(e for e in season["mhu"] if e.state == "offered")
    Enrolment.objects.filter(pk=late.pk).update(offer_expires_at=NOW + datetime.timedelta(days=3))
    page = dashboard(client, season["coordinator"])
    review = f"/admin/pameldinger/{gathering.pk}/"
    # MHU has 2 of each of the five states (BAR's 7 applications are not counted).
    assert f'<a href="{review}?state=applied"><strong>Samling i Bodø</strong>: 2 ' in page
    assert f'{review}?state=guardian_pending"><strong>Samling i Bodø</strong>: 2 ' in page
    assert f'{review}?state=offered"><strong>Samling i Bodø</strong>: 1 ' in page
    assert "Ingenting venter på deg" not in page


def test_a_coordinator_does_not_get_the_page_search_nor_page_panels(client, season):
    page = dashboard(client, season["coordinator"])
    assert 'role="search"' not in page
    assert "awaiting-review" not in page


def test_an_editor_keeps_the_page_search(client, site_tree):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Redaktører-test")
    GroupPagePermission.objects.create(
        group=group,
        page=site_tree,
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = user_in_group("redaktor@example.org", "Redaktører-test")
    assert 'role="search"' in dashboard(client, editor)


def test_a_coordinator_with_nothing_waiting_is_told_so(client, organisations, site_tree):
    gathering = make_gathering(organisations)
    many_applications(gathering, organisations["MHU"], 3, states=("confirmed",))
    page = dashboard(client, make_coordinator(organisations["MHU"]))
    assert "Ingenting venter på deg" in page
    assert "dashboard-tasks" not in page


def test_seats_show_the_own_organisations_quota_and_the_shared_pool(client, season):
    # capacity 20, quotas 6+6+6: a pool of 2. MHU holds 6 (2 guardian pending, 2 offered,
    # 2 confirmed) of its quota of 6; BAR holds 3 of 6 (one of each).
    page = dashboard(client, season["coordinator"])
    assert "Mental Helse Ungdom: 6 av 6 kvoteplasser brukt" in page
    assert "Barn av rusmisbrukere:" not in page  # another organisation's figures
    assert "Felles pott: 0 av 2 brukt" in page
    assert "9 av 20 plasser tatt i alt" in page


def test_an_administrator_sees_every_organisation_and_the_retention_job(client, season, admin_user):
    page = dashboard(client, admin_user)
    assert "Mental Helse Ungdom: 6 av 6 kvoteplasser brukt" in page
    assert "Barn av rusmisbrukere: 3 av 6 kvoteplasser brukt" in page
    assert "Den daglige slettejobben har ikke kjørt ennå." in page
    assert "/admin/pameldinger/sletting/" in page
    # 2 + 2 applications to decide from MHU and BAR
    assert "<strong>Samling i Bodø</strong>: 4 påmeldinger til behandling" in page


def test_invites_out_of_date_are_shown_to_the_gatherings_coordinators(
    client, season, organisations
):
    gathering, coordinator = season["gathering"], season["coordinator"]
    gathering.coordinators.add(coordinator)
    page = dashboard(client, coordinator)
    # MHU's 2 and BAR's 1 confirmed seats have no invite yet: the run sends to everyone
    assert (
        f'/admin/pameldinger/{gathering.pk}/kalender/"><strong>Samling i Bodø</strong>: '
        "3 kalenderinvitasjoner er utdatert" in page
    )
    other = make_coordinator(organisations["BAR"])
    assert "kalenderinvitasjon" not in dashboard(client, other)  # not a coordinator of it


def test_the_dashboard_costs_the_same_queries_for_10_and_1000_applications(
    client, organisations, site_tree, django_assert_num_queries
):
    coordinator = make_coordinator(organisations["MHU"])
    gatherings = [make_gathering(organisations, mode="application") for _ in range(3)]
    for gathering in gatherings:
        gathering.coordinators.add(coordinator)
        many_applications(gathering, organisations["MHU"], 3)
        many_applications(gathering, organisations["BAR"], 1)
    ended = make_gathering(
        organisations,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    many_applications(ended, organisations["MHU"], 1, states=("confirmed",))
    log_in_with_admin_access(client, coordinator)
    client.get("/admin/")  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/").status_code == 200
    for gathering in gatherings:
        many_applications(gathering, organisations["MHU"], 330)
        many_applications(gathering, organisations["LFB"], 3)
    assert Enrolment.objects.count() > 1000
    with django_assert_num_queries(len(few)):
        response = client.get("/admin/")
    assert "Samling" in response.content.decode()

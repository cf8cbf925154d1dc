"""Naming an organisation's coordinators gives them the *Koordinatorer* group (admin access and
the curriculum's facilitator content) and takes it back from those who coordinate nothing any
more (`organisation_coordinators_set`), whether from the admin's form or any other caller."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cohorts.services import organisation_coordinators_set
from courses.editorial import COORDINATOR_GROUP, ensure_editorial_setup
from tests.factories import make_gathering

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def people(db):
    ensure_editorial_setup(apps)  # the group with its permissions
    return {
        name: User.objects.create_user(email=f"{name}@example.org", password="x")
        for name in ("kari", "ola", "per")
    }


def in_group(user) -> bool:
    return User.objects.get(pk=user.pk).groups.filter(name=COORDINATOR_GROUP).exists()


def may_coordinate(user) -> bool:
    fresh = User.objects.get(pk=user.pk)  # permissions are cached on the object
    return fresh.has_perm("wagtailadmin.access_admin") and fresh.has_perm(
        "courses.view_facilitator_content"
    )


def test_named_coordinators_get_access_and_lose_it_when_taken_off(organisations, people):
    mhu = organisations["MHU"]
    kari, ola = people["kari"], people["ola"]
    organisation_coordinators_set(organisation=mhu, coordinators=[kari, ola])
    assert set(mhu.coordinators.all()) == {kari, ola}
    assert may_coordinate(kari) and may_coordinate(ola)
    organisation_coordinators_set(organisation=mhu, coordinators=[ola])
    assert list(mhu.coordinators.all()) == [ola]
    assert not in_group(kari) and not may_coordinate(kari)
    assert in_group(ola)


def test_access_stays_while_they_coordinate_another_organisation_or_a_gathering(
    organisations, people
):
    mhu, bar = organisations["MHU"], organisations["BAR"]
    kari, ola, per = people["kari"], people["ola"], people["per"]
    organisation_coordinators_set(organisation=mhu, coordinators=[kari, ola, per])
    organisation_coordinators_set(organisation=bar, coordinators=[kari])
    make_gathering(organisations).coordinators.add(ola)
    organisation_coordinators_set(organisation=mhu, coordinators=[])
    assert in_group(kari)  # still BAR's coordinator
    assert in_group(ola)  # still runs a gathering's check-in
    assert not in_group(per)


def test_a_superuser_and_people_never_named_keep_their_groups(organisations, people):
    mhu = organisations["MHU"]
    group = Group.objects.get(name=COORDINATOR_GROUP)
    admin = User.objects.create_superuser(email="admin.org@example.org", password="x")
    bystander = people["per"]
    group.user_set.add(admin, bystander)
    organisation_coordinators_set(organisation=mhu, coordinators=[admin])
    organisation_coordinators_set(organisation=mhu, coordinators=[])
    assert in_group(admin) and in_group(bystander)


def test_taking_a_coordinator_off_in_the_admin_takes_their_access(
    client, admin_user, organisations, people
):
    bar = organisations["BAR"]
    kari, ola = people["kari"], people["ola"]
    organisation_coordinators_set(organisation=bar, coordinators=[kari, ola])
    client.force_login(admin_user)
    response = client.post(
        f"/admin/organisations/edit/{bar.pk}/",
        {
            "name": bar.name,
            "short_code": "BAR",
            "contact_email": "",
            "website": "",
            "coordinators": [ola.pk],
        },
    )
    assert response.status_code == 302
    assert list(bar.coordinators.all()) == [ola]
    assert not may_coordinate(kari) and may_coordinate(ola)
    client.force_login(kari)
    assert client.get("/admin/pameldinger/").status_code != 200

"""The door tablet's page (issue 16): full screen without the admin's sidebar, the session
open now named, and plain forms that work without JavaScript."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Session
from cohorts.services import enrolment_apply
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(client, organisations):
    now = timezone.now()
    gathering = make_gathering(
        organisations,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        enrolment_opens_at=now - datetime.timedelta(days=20),
        enrolment_closes_at=now - datetime.timedelta(days=1),
    )
    for title, start in (("Morgenøkt", -5), ("Ettermiddag", 240)):
        Session.objects.create(
            gathering=gathering,
            title=title,
            starts_at=now + datetime.timedelta(minutes=start),
            ends_at=now + datetime.timedelta(minutes=start + 90),
        )
    enrolment_apply(
        participant=make_participant(organisations["MHU"], name="Mia Hansen"),
        gathering=gathering,
        organisation=organisations["MHU"],
        now=now - datetime.timedelta(days=10),
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    log_in_with_admin_access(client, coordinator)
    return gathering


def test_the_door_page_is_full_screen_and_names_the_session_open_now(client, door):
    html = client.get(f"/admin/pameldinger/{door.pk}/innsjekk/").content.decode()
    assert 'id="wagtail-sidebar"' not in html
    assert "css/checkin-door.css" in html and "wagtailadmin/css/core.css" in html
    assert "Åpen nå:</strong> Morgenøkt" in html
    assert "Morgenøkt (åpen nå)" in html and "Ettermiddag (åpen nå)" not in html
    # The search and the count stay on screen (the sticky bar) and the marks are plain forms.
    bar = html.split("data-checkin-bar")[1].split("</div>\n{% endif %}")[0]
    assert 'id="checkin-search"' in bar and "checkin-count" in bar
    assert f'action="/admin/pameldinger/{door.pk}/innsjekk/marker/"' in html
    assert 'aria-label="Til stede: Mia Hansen"' in html


def test_the_next_session_says_that_none_is_open(client, door):
    later = door.sessions.get(title="Ettermiddag")
    html = client.get(f"/admin/pameldinger/{door.pk}/innsjekk/?okt={later.pk}").content.decode()
    assert "Åpen nå:</strong> Morgenøkt" in html  # the one open now, whichever is shown
    door.sessions.filter(title="Morgenøkt").delete()
    html = client.get(f"/admin/pameldinger/{door.pk}/innsjekk/").content.decode()
    assert "Ingen økt er åpen nå." in html

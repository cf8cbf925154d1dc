"""My page, withdrawing and offers (issue 15): one row per gathering with its history folded
in, "Fullført" with attendance, one way to decline an offer, and a withdrawal that says what
it will do (from a waiting list no seat goes to anyone)."""

import datetime

import pytest

from cohorts.models import Attendance, Enrolment
from cohorts.services import enrolment_apply, enrolment_cancel
from tests.factories import NOW, add_sessions, make_gathering, make_participant

pytestmark = pytest.mark.django_db
State = Enrolment.State


def test_reapplying_shows_the_gathering_once_with_its_history(client, organisations):
    gathering = make_gathering(organisations, title="Samling for nye")
    participant = make_participant(organisations["MHU"])
    first = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    enrolment_cancel(enrolment=first, actor=participant.user)
    enrolment_apply(participant=participant, gathering=gathering, organisation=organisations["MHU"])
    client.force_login(participant.user)
    html = client.get("/min-side/").content.decode()
    assert html.count('class="ds-card my-gathering"') == 1
    assert "Tidligere søknader til denne samlingen" in html


def test_a_completed_gathering_says_fullfort_with_attendance(client, organisations):
    gathering = make_gathering(
        organisations,
        starts_at=NOW - datetime.timedelta(days=3),
        ends_at=NOW - datetime.timedelta(days=2),
        enrolment_opens_at=NOW - datetime.timedelta(days=30),
        enrolment_closes_at=NOW - datetime.timedelta(days=5),
        status="completed",
    )
    sessions = list(add_sessions(gathering, count=2).sessions.all())
    participant = make_participant(organisations["MHU"])
    enrolment = Enrolment.objects.create(
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
        state=State.CONFIRMED,
    )
    for session in sessions:
        Attendance.objects.create(
            enrolment=enrolment,
            session=session,
            status=Attendance.Status.PRESENT,
            minutes_attended=session.minutes,
            marked_at=NOW,
        )
    client.force_login(participant.user)
    html = client.get("/min-side/").content.decode()
    assert "Fullført" in html
    assert "Oppmøte: 100 %" in html
    assert "Meld meg av" not in html


def test_withdrawing_from_the_waiting_list_does_not_promise_anyone_a_seat(client, organisations):
    gathering = make_gathering(organisations, capacity=1, quotas=(0, 0, 0))
    holder = make_participant(organisations["MHU"])
    enrolment_apply(participant=holder, gathering=gathering, organisation=organisations["MHU"])
    waiting = make_participant(organisations["MHU"])
    enrolment = enrolment_apply(
        participant=waiting, gathering=gathering, organisation=organisations["MHU"]
    )
    assert enrolment.state == State.WAITLISTED
    client.force_login(waiting.user)
    page = client.get(f"/min-side/pameldinger/{enrolment.pk}/meld-av/").content.decode()
    assert "Du går av ventelisten" in page
    assert "neste" not in page
    response = client.post(f"/min-side/pameldinger/{enrolment.pk}/cancel/", follow=True)
    enrolment.refresh_from_db()
    assert enrolment.state == State.CANCELLED
    text = response.content.decode()
    assert "Du har meldt deg av" in text and "Du går av ventelisten" in text


def test_withdrawing_a_seat_says_it_goes_to_the_next_person(client, organisations):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    client.force_login(participant.user)
    page = client.get(f"/min-side/pameldinger/{enrolment.pk}/meld-av/").content.decode()
    assert "Du gir fra deg plassen" in page
    assert "Avbryt" in page  # "Cancel" on the form, not "Meld av"


def test_an_offer_has_one_way_to_decline(client, organisations):
    gathering = make_gathering(organisations, capacity=1, quotas=(0, 0, 0))
    holder = make_participant(organisations["MHU"])
    held = enrolment_apply(
        participant=holder, gathering=gathering, organisation=organisations["MHU"]
    )
    waiting = make_participant(organisations["MHU"])
    enrolment = enrolment_apply(
        participant=waiting, gathering=gathering, organisation=organisations["MHU"]
    )
    enrolment_cancel(enrolment=held, actor=holder.user)
    enrolment.refresh_from_db()
    assert enrolment.state == State.OFFERED
    client.force_login(waiting.user)
    html = client.get("/min-side/").content.decode()
    assert "Takk nei til plassen" in html
    assert f"/min-side/pameldinger/{enrolment.pk}/meld-av/" not in html
    assert f"/min-side/pameldinger/{enrolment.pk}/cancel/" not in html

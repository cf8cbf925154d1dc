"""A gathering's public status (issue 15): computed from the rules `enrolment_apply` enforces,
shown as a tag on every card and page. A gathering past its deadline never looks open."""

import datetime

import pytest

from cohorts.services import gathering_status
from tests.factories import NOW, apply_for_seat, make_gathering, make_participant

pytestmark = pytest.mark.django_db


def _fill(gathering, organisation, seats):
    for _ in range(seats):
        apply_for_seat(gathering, make_participant(organisation), organisation)


def test_a_gathering_with_many_free_seats_is_open(organisations):
    gathering = make_gathering(organisations, capacity=20)
    status = gathering_status(gathering, now=NOW)
    assert (status.code, status.colour, status.seats_left) == ("open", "success", 20)
    assert status.can_apply and status.shows_seats


def test_a_gathering_with_few_free_seats_says_so(organisations):
    gathering = make_gathering(organisations, capacity=10, quotas=(0, 0, 0))
    _fill(gathering, organisations["MHU"], 8)
    status = gathering_status(gathering, now=NOW)
    assert (status.code, status.colour, status.seats_left) == ("few_seats", "warning", 2)
    assert status.can_apply


def test_a_full_gathering_with_a_waiting_list_takes_waiting_list_applications(organisations):
    gathering = make_gathering(organisations, capacity=2, quotas=(0, 0, 0))
    _fill(gathering, organisations["MHU"], 2)
    status = gathering_status(gathering, now=NOW)
    assert status.code == "waitlist"
    assert status.can_apply and status.goes_to_waiting_list and not status.shows_seats


def test_a_full_gathering_without_a_waiting_list_is_full(organisations):
    gathering = make_gathering(organisations, capacity=1, quotas=(0, 0, 0), has_waiting_list=False)
    _fill(gathering, organisations["MHU"], 1)
    status = gathering_status(gathering, now=NOW)
    assert status.code == "full"
    assert not status.can_apply


def test_a_gathering_past_its_deadline_is_closed_whatever_seats_it_has(organisations):
    gathering = make_gathering(
        organisations,
        capacity=20,
        enrolment_opens_at=NOW - datetime.timedelta(days=10),
        enrolment_closes_at=NOW - datetime.timedelta(minutes=1),
    )
    status = gathering_status(gathering, now=NOW)
    assert (status.code, status.colour, status.seats_left) == ("closed", "neutral", 20)
    assert not status.can_apply and not status.shows_seats


def test_a_gathering_not_yet_open_says_it_opens_soon(organisations):
    gathering = make_gathering(organisations, enrolment_opens_at=NOW + datetime.timedelta(days=1))
    assert gathering_status(gathering, now=NOW).code == "not_open_yet"


def test_a_cancelled_gathering_is_cancelled(organisations):
    gathering = make_gathering(organisations, status="cancelled")
    status = gathering_status(gathering, now=NOW)
    assert (status.code, status.colour) == ("cancelled", "danger")
    assert not status.can_apply


def test_a_gathering_that_has_ended_has_taken_place(organisations):
    gathering = make_gathering(
        organisations,
        starts_at=NOW - datetime.timedelta(days=3),
        ends_at=NOW - datetime.timedelta(days=1),
        enrolment_opens_at=NOW - datetime.timedelta(days=30),
        enrolment_closes_at=NOW - datetime.timedelta(days=5),
    )
    assert gathering_status(gathering, now=NOW).code == "completed"


def test_the_status_agrees_with_the_service_at_the_deadline(organisations):
    """One instant before the deadline it is open; at the deadline it is closed — the same
    instant `enrolment_apply` starts refusing."""
    closes = NOW + datetime.timedelta(hours=1)
    gathering = make_gathering(organisations, enrolment_closes_at=closes)
    before = closes - datetime.timedelta(microseconds=1)
    assert gathering_status(gathering, now=before).code == "open"
    assert gathering_status(gathering, now=closes).code == "closed"


def test_the_list_shows_a_closed_gathering_as_closed_and_never_offers_to_apply(
    client, organisations
):
    gathering = make_gathering(
        organisations,
        title="Samling for viderekomne",
        enrolment_opens_at=NOW - datetime.timedelta(days=10),
        enrolment_closes_at=NOW - datetime.timedelta(hours=1),
    )
    html = client.get("/samlinger/").content.decode()
    card = html[html.index(f'data-gathering="{gathering.slug}"') :]
    card = card[: card.index("</article>")]
    assert 'data-status="closed"' in card
    assert "Søknadsfristen er ute" in card
    assert "ledige plasser" not in card
    assert "Søk plass" not in card
    page = client.get(gathering.get_absolute_url()).content.decode()
    assert "Søknadsfristen er ute" in page
    assert "Logg inn for å søke" not in page
    assert "/pamelding/" not in page


def test_the_gathering_page_shows_the_tag_and_facts(client, organisations):
    gathering = make_gathering(organisations, capacity=20)
    html = client.get(gathering.get_absolute_url()).content.decode()
    assert 'data-status="open"' in html
    assert "Åpen for søknader" in html
    assert "Overnatting" in html
    assert "20 av 20 ledige" in html
    assert "Søknadsfrist" in html

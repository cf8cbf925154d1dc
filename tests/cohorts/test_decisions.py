"""A coordinator's decisions come from one table (`cohorts.services.enrolment.DECISIONS`): the
service refuses what it does not allow, and the admin offers exactly what it allows."""

import datetime

import pytest

from cohorts.models import Enrolment
from cohorts.services import (
    DECISIONS,
    EnrolmentError,
    decisions_for,
    enrolment_apply,
    enrolment_decide,
    moves_for,
)
from tests.factories import (
    NOW,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)

pytestmark = pytest.mark.django_db
State = Enrolment.State


def application_in(organisations, state):
    """An MHU application in `state`, alone in a gathering of its own (so seats are free)."""
    mhu = organisations["MHU"]
    enrolment = enrolment_apply(
        participant=make_participant(mhu),
        gathering=make_gathering(organisations, mode="application"),
        organisation=mhu,
    )
    put_in(enrolment, state)
    return enrolment


def put_in(enrolment, state):
    """Set the state directly, with the timestamps the pages read for it."""
    Enrolment.objects.filter(pk=enrolment.pk).update(
        state=state, waitlisted_at=NOW, offer_expires_at=NOW + datetime.timedelta(days=2)
    )
    enrolment.refresh_from_db()


def test_the_table_says_which_states_each_decision_is_taken_from():
    assert DECISIONS == {
        "accept": (State.APPLIED, State.WAITLISTED),
        "reject": (State.APPLIED, State.WAITLISTED),
        "waitlist": (State.APPLIED,),
    }


@pytest.mark.parametrize("state", State.values)
def test_the_service_takes_a_decision_exactly_when_the_table_offers_it(organisations, state):
    coordinator = make_coordinator(organisations["MHU"])
    for decision in DECISIONS:
        enrolment = application_in(organisations, state)
        offered = decision in decisions_for(enrolment)
        assert offered == (state in DECISIONS[decision])
        try:
            enrolment_decide(enrolment=enrolment, decision=decision, actor=coordinator)
        except EnrolmentError as error:
            assert not offered, f"{decision} from {state} is offered but refused: {error.code}"
            assert error.code == "wrong_state"
            enrolment.refresh_from_db()
            assert enrolment.state == state  # refused: nothing changed
        else:
            assert offered, f"{decision} from {state} is not offered but the service took it"


@pytest.mark.parametrize("state", State.values)
def test_moves_are_the_decisions_and_cancel_while_the_application_is_live(organisations, state):
    enrolment = application_in(organisations, state)
    expected = decisions_for(enrolment) + (["cancel"] if state in Enrolment.LIVE_STATES else [])
    assert moves_for(enrolment) == expected


def test_the_review_page_and_the_detail_page_offer_what_the_table_allows(client, organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, mode="application")
    coordinator = make_coordinator(mhu)
    applied, waiting, confirmed = (
        enrolment_apply(participant=make_participant(mhu), gathering=gathering, organisation=mhu)
        for _ in range(3)
    )
    put_in(waiting, State.WAITLISTED)
    put_in(confirmed, State.CONFIRMED)
    log_in_with_admin_access(client, coordinator)
    html = client.get(f"/admin/pameldinger/{gathering.pk}/").content.decode()
    for enrolment in (applied, waiting, confirmed):
        enrolment.refresh_from_db()
        offered = {
            decision
            for decision in ("accept", "reject", "waitlist")
            if f'action="/admin/pameldinger/pamelding/{enrolment.pk}/{decision}/"' in html
        }
        assert offered == set(decisions_for(enrolment)), enrolment.state
        detail = client.get(f"/admin/pameldinger/pamelding/{enrolment.pk}/").content.decode()
        radios = {m for m in ("accept", "reject", "waitlist", "cancel") if f'value="{m}"' in detail}
        assert radios == set(moves_for(enrolment)), enrolment.state


def test_a_decision_the_table_does_not_allow_is_refused_by_the_view_too(client, organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, mode="application")
    coordinator = make_coordinator(mhu)
    waiting = enrolment_apply(
        participant=make_participant(mhu), gathering=gathering, organisation=mhu
    )
    put_in(waiting, State.WAITLISTED)
    log_in_with_admin_access(client, coordinator)
    response = client.post(f"/admin/pameldinger/pamelding/{waiting.pk}/waitlist/", follow=True)
    assert "Dette kan ikke gjøres med søknaden slik den står nå." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == State.WAITLISTED
    bulk = client.post(
        f"/admin/pameldinger/{gathering.pk}/samlet/",
        {"decision": "waitlist", "enrolment": [waiting.pk], "confirmed": "yes"},
        follow=True,
    )
    assert "Velg minst én søknad" in bulk.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == State.WAITLISTED

"""Calendar invites by e-mail: cancelled when the seat or the gathering goes, never sent for
a cancel recorded before its request went; the span of an invite."""

import pytest
from django.core import mail

from cohorts.models import CalendarInvite, Gathering
from cohorts.selectors import invite_overview
from cohorts.services import (
    InviteError,
    enrolment_apply,
    enrolment_cancel,
    gathering_invites_follow,
)
from tests.factories import confirmed_enrolment, make_invite_gathering, make_participant
from tests.helpers import calendar_part, ics_of, invites_to
from website.models import OutboxMessage
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations):
    """A gathering of two sessions a day apart, with an MHU coordinator (`.coordinator`)."""
    return make_invite_gathering(organisations)


# Cancellations --------------------------------------------------------------------------------


def test_a_cancelled_seat_gets_a_cancel_with_the_same_uid_and_a_higher_sequence(
    organisations, gathering, on_commit
):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    on_commit(enrolment_cancel, enrolment=enrolment, actor=enrolment.participant.user)
    request, cancel = invites_to(enrolment.participant.user.email)
    assert calendar_part(cancel).get_param("method") == "CANCEL"
    calendar = ics_of(cancel)
    assert calendar["METHOD"] == "CANCEL"
    first, last = ics_of(request).walk("VEVENT")[0], calendar.walk("VEVENT")[0]
    assert last["UID"] == first["UID"]
    assert last.decoded("SEQUENCE") == first.decoded("SEQUENCE") + 1
    assert last["STATUS"] == "CANCELLED"
    assert cancel.subject == f"Fjernet fra kalenderen din: {gathering.title}"


def test_applying_again_after_cancelling_sends_a_request_above_the_cancel(
    organisations, gathering, on_commit
):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    participant = enrolment.participant
    on_commit(enrolment_cancel, enrolment=enrolment, actor=participant.user)
    on_commit(
        enrolment_apply,
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    sequences = [
        (ics_of(m)["METHOD"], ics_of(m).walk("VEVENT")[0].decoded("SEQUENCE"))
        for m in invites_to(participant.user.email)
    ]
    assert sequences == [("REQUEST", 0), ("CANCEL", 1), ("REQUEST", 2)]
    # the new one reads as an invitation, not as an update of the cancelled one
    assert invites_to(participant.user.email)[-1].subject.startswith("Kalenderinvitasjon")


def test_cancelling_the_gathering_cancels_every_invite_but_sends_nothing_to_others(
    organisations, gathering, on_commit
):
    holders = [confirmed_enrolment(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR")]
    gone = confirmed_enrolment(on_commit, gathering, organisations["LFB"])
    on_commit(enrolment_cancel, enrolment=gone, actor=gone.participant.user)
    mail.outbox.clear()
    gathering.status = Gathering.Status.CANCELLED
    gathering.save()
    on_commit(gathering_invites_follow, gathering=gathering)
    messages = [m for m in mail.outbox if calendar_part(m) is not None]
    assert sorted(m.to[0] for m in messages) == sorted(h.participant.user.email for h in holders)
    for message in messages:
        assert calendar_part(message).get_param("method") == "CANCEL"
        assert message.subject == f"Avlyst: {gathering.title}"
        [event] = ics_of(message).walk("VEVENT")
        assert event["STATUS"] == "CANCELLED" and event.decoded("SEQUENCE") == 1
    assert invite_overview(gathering)[1]["cancelled"] == 3


def test_a_cancel_recorded_before_its_request_was_sent_sends_neither(organisations, gathering):
    # Both rows recorded, no task ran (say, the queue was down): by the time the sender gets
    # to them, the person never had the invite, so neither the invite nor its cancel is sent.
    participant = make_participant(organisations["MHU"])
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    enrolment_cancel(enrolment=enrolment, actor=participant.user)
    request, cancel = CalendarInvite.objects.filter(enrolment=enrolment).order_by("sequence")
    outbox_send_due()
    assert invites_to(participant.user.email) == []
    assert len(mail.outbox) == 2  # the seat (also the receipt), cancelled: no calendar e-mail
    for invite in (request, cancel):
        invite.refresh_from_db()
        assert invite.skipped and invite.message.state == OutboxMessage.State.SKIPPED


def test_invite_errors_read_in_norwegian():
    assert str(InviteError("over").message) == "Samlingen er over; invitasjoner sendes ikke lenger."


def test_the_span_is_from_the_first_session_to_the_last(organisations, gathering, on_commit):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    [event] = ics_of(invites_to(enrolment.participant.user.email)[0]).walk("VEVENT")
    sessions = list(gathering.sessions.order_by("starts_at"))
    assert event.decoded("DTSTART") == sessions[0].starts_at
    assert event.decoded("DTEND") == sessions[-1].ends_at
    assert sessions[0].starts_at != gathering.starts_at  # the times come from the sessions

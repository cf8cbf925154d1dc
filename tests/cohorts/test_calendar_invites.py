"""Calendar invites by e-mail: sent when a seat is confirmed, each version sent once, and
updated only to those who had an earlier version."""

import datetime

import icalendar
import pytest
import vobject
from django.core import mail
from django.utils import timezone

from cohorts.models import CalendarInvite, Enrolment, InviteRun
from cohorts.selectors import invite_overview
from cohorts.services import (
    InviteError,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
    guardian_confirm,
    guardian_token,
    invite_resend,
    invite_run_execute,
    invite_run_start,
)
from tests.factories import (
    confirmed_enrolment,
    make_coordinator,
    make_gathering,
    make_invite_gathering,
    make_participant,
)
from tests.helpers import as_sent, calendar_part, ics_of, invites_to
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations):
    """A gathering of two sessions a day apart, with an MHU coordinator (`.coordinator`)."""
    return make_invite_gathering(organisations)


# The invite e-mail --------------------------------------------------------------------------


def test_a_confirmed_seat_gets_one_invite_with_a_calendar_part_and_an_attachment_that_agree(
    organisations, gathering, on_commit
):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    assert enrolment.state == Enrolment.State.CONFIRMED
    [message] = invites_to(enrolment.participant.user.email)
    assert message.subject == f"Kalenderinvitasjon: {gathering.title}"
    assert message.reply_to == [gathering.coordinator.email]
    parsed = as_sent(message)
    types = [part.get_content_type() for part in parsed.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
        "application/ics",
    ]
    part = calendar_part(message)
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    [attachment] = [p for p in parsed.walk() if p.get_filename()]
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_payload(decode=True) == part.get_payload(decode=True)
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    assert calendar["METHOD"] == part.get_param("method")
    [event] = calendar.walk("VEVENT")
    assert event["ATTENDEE"] == f"mailto:{enrolment.participant.user.email}"
    assert event["ATTENDEE"].params["CN"] == enrolment.participant.full_name
    assert event["ORGANIZER"] == f"mailto:{gathering.coordinator.email}"
    assert event["ORGANIZER"].params["CN"] == "Kari Koordinator"
    assert str(event["LOCATION"]) == "Scandic Oslo, Storgata 1, Oslo"
    assert event.decoded("SEQUENCE") == 0
    # the readable parts say it too, with the programme
    text = message.body
    assert "Plassen din på" in text and "Velkommen (Storsalen)" in text
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert "Oppsummering (Fløyen)" in html
    # and the independent parser reads the same file
    assert vobject.readOne(part.get_payload(decode=True).decode()).method.value == "REQUEST"


def test_the_invite_is_written_in_the_participants_language(organisations, gathering, on_commit):
    participant = make_participant(organisations["MHU"])
    participant.language = "en"
    participant.save()
    on_commit(
        enrolment_apply,
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    [message] = invites_to(participant.user.email)
    assert message.subject == f"Calendar invitation: {gathering.title}"
    assert "Programme:" in str(ics_of(message).walk("VEVENT")[0]["DESCRIPTION"])


def test_no_invite_for_a_waiting_list_place_or_a_seat_held_for_the_guardian(
    organisations, on_commit
):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    mhu = organisations["MHU"]
    holder = confirmed_enrolment(on_commit, gathering, mhu)
    waiting = confirmed_enrolment(on_commit, gathering, mhu)
    assert waiting.state == Enrolment.State.WAITLISTED
    minor = confirmed_enrolment(on_commit, gathering, organisations["BAR"], age=16)
    assert minor.state == Enrolment.State.GUARDIAN_PENDING
    assert CalendarInvite.objects.filter(gathering=gathering).count() == 1
    assert len(invites_to(holder.participant.user.email)) == 1
    # the guardian confirms: now the seat is confirmed and the invite goes
    on_commit(guardian_confirm, token=guardian_token(minor))
    assert len(invites_to(minor.participant.user.email)) == 1


def test_an_application_accepted_by_a_coordinator_gets_its_invite(organisations, on_commit):
    gathering = make_gathering(organisations, mode="application")
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["LFB"])
    assert invites_to(enrolment.participant.user.email) == []
    on_commit(
        enrolment_decide,
        enrolment=enrolment,
        decision="accept",
        actor=make_coordinator(organisations["LFB"]),
    )
    assert len(invites_to(enrolment.participant.user.email)) == 1


# Once only (design rule 7) --------------------------------------------------------------------


def test_sending_twice_or_running_the_task_again_sends_one_invite(
    organisations, gathering, on_commit
):
    from website.tasks import send_outbox

    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    invite = CalendarInvite.objects.get(enrolment=enrolment)
    assert invite.sent_at is not None
    assert send_outbox() == 0
    assert outbox_send_due(now=timezone.now() + datetime.timedelta(hours=1)) == 0
    assert len(invites_to(enrolment.participant.user.email)) == 1


def test_an_invite_whose_task_was_lost_is_sent_by_the_sweep(organisations, gathering):
    # no on_commit: the row is recorded, the queued task never runs
    enrolment = enrolment_apply(
        participant=make_participant(organisations["MHU"]),
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    assert invites_to(enrolment.participant.user.email) == []
    assert outbox_send_due() == 2  # the schedule's sender: seat confirmed, and the invite
    assert outbox_send_due() == 0
    assert len(invites_to(enrolment.participant.user.email)) == 1


def test_the_scheduled_sender_also_sends_lost_notifications(organisations, gathering):
    from website.tasks import send_outbox

    enrolment = enrolment_apply(
        participant=make_participant(organisations["MHU"]),
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    assert send_outbox() == 2  # seat confirmed (and received: one e-mail), and the invite
    assert send_outbox() == 0
    assert len([m for m in mail.outbox if enrolment.participant.user.email in m.to]) == 2


# Updates ---------------------------------------------------------------------------------------


def test_a_changed_room_makes_invites_out_of_date_and_updates_go_only_to_earlier_recipients(
    organisations, gathering, on_commit
):
    first = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    second = confirmed_enrolment(on_commit, gathering, organisations["BAR"])
    on_commit(enrolment_cancel, enrolment=second, actor=second.participant.user)
    assert invite_overview(gathering)[1]["due"] == 0
    session = gathering.sessions.last()
    session.room = "Lillesalen"
    session.save()
    rows, counts = invite_overview(gathering)
    assert counts["outdated"] == 1 and counts["due"] == 1
    assert [row.enrolment.pk for row in rows if row.status == "outdated"] == [first.pk]
    mail.outbox.clear()
    run = on_commit(
        invite_run_start, gathering=gathering, kind="update", actor=gathering.coordinator
    )
    run.refresh_from_db()
    assert run.finished_at is not None and run.total == 2 and run.processed == 2
    [message] = [m for m in mail.outbox if calendar_part(m) is not None]
    assert message.to == [first.participant.user.email]
    assert message.subject == f"Oppdatert: {gathering.title}"
    [event] = ics_of(message).walk("VEVENT")
    assert event.decoded("SEQUENCE") == 1
    assert "Lillesalen" in str(event["DESCRIPTION"])
    original = CalendarInvite.objects.filter(enrolment=first).order_by("sequence")
    assert [i.sequence for i in original] == [0, 1]
    assert event["UID"] == f"gathering-{gathering.pk}-participant-{first.participant_id}@medvirk.no"
    assert invite_overview(gathering)[1]["due"] == 0
    # running the same run again sends nothing
    assert invite_run_execute(run_id=run.pk) is None
    new_run = on_commit(
        invite_run_start, gathering=gathering, kind="update", actor=gathering.coordinator
    )
    assert new_run.pk != run.pk
    assert len([m for m in mail.outbox if calendar_part(m) is not None]) == 1


def test_a_person_confirmed_after_a_change_gets_the_current_version_not_an_update(
    organisations, gathering, on_commit
):
    session = gathering.sessions.first()
    session.starts_at -= datetime.timedelta(minutes=30)
    session.save()
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["LFB"])
    [message] = invites_to(enrolment.participant.user.email)
    assert message.subject.startswith("Kalenderinvitasjon")
    [event] = ics_of(message).walk("VEVENT")
    assert event.decoded("DTSTART") == session.starts_at


def test_resend_to_everyone_sends_the_current_version_again_once_per_person(
    organisations, gathering, on_commit
):
    people = [
        confirmed_enrolment(on_commit, gathering, organisations[code]) for code in ("MHU", "BAR")
    ]
    mail.outbox.clear()
    run = on_commit(
        invite_run_start, gathering=gathering, kind="resend", actor=gathering.coordinator
    )
    messages = [m for m in mail.outbox if calendar_part(m) is not None]
    assert sorted(m.to[0] for m in messages) == sorted(e.participant.user.email for e in people)
    assert {ics_of(m).walk("VEVENT")[0].decoded("SEQUENCE") for m in messages} == {0}
    assert run.invites.count() == 2
    InviteRun.objects.filter(pk=run.pk).update(finished_at=None, heartbeat_at=None)
    invite_run_execute(run_id=run.pk)  # the task again, e.g. a retry: nothing more
    assert len([m for m in mail.outbox if calendar_part(m) is not None]) == 2


def test_a_coordinator_resends_to_one_person_but_not_twice_within_a_minute(
    organisations, gathering, on_commit
):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    with pytest.raises(InviteError) as error:  # the first one went out seconds ago
        invite_resend(enrolment=enrolment, actor=gathering.coordinator)
    assert error.value.code == "just_sent"
    CalendarInvite.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    invite = on_commit(invite_resend, enrolment=enrolment, actor=gathering.coordinator)
    assert invite.resend and invite.sequence == 0
    assert len(invites_to(enrolment.participant.user.email)) == 2
    with pytest.raises(InviteError) as error:  # a double click
        invite_resend(enrolment=enrolment, actor=gathering.coordinator)
    assert error.value.code == "just_sent"
    assert len(invites_to(enrolment.participant.user.email)) == 2


def test_only_the_gatherings_coordinators_send_its_invites(organisations, gathering, on_commit):
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    outsider = make_coordinator(organisations["BAR"])  # coordinates BAR, not this gathering
    with pytest.raises(InviteError) as error:
        invite_run_start(gathering=gathering, kind="update", actor=outsider)
    assert error.value.code == "not_coordinator"
    with pytest.raises(InviteError):
        invite_resend(enrolment=enrolment, actor=outsider)
    assert InviteRun.objects.count() == 0


def test_no_invites_once_the_gathering_is_over(organisations, gathering, on_commit):
    confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    after = gathering.ends_at + datetime.timedelta(hours=1)
    with pytest.raises(InviteError) as error:
        invite_run_start(gathering=gathering, kind="resend", actor=gathering.coordinator, now=after)
    assert error.value.code == "over"

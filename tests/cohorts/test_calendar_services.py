"""Calendar invites by e-mail: sent when a seat is confirmed, updated only to those who had an
earlier version, cancelled when the seat or the gathering goes, each version sent once."""

import datetime
import email

import icalendar
import pytest
import vobject
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cohorts.models import CalendarInvite, Enrolment, Gathering, InviteRun, Session
from cohorts.selectors import invite_overview
from cohorts.services import (
    InviteError,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
    gathering_invites_follow,
    guardian_confirm,
    guardian_token,
    invite_resend,
    invite_run_execute,
    invite_run_start,
)
from tests.factories import make_coordinator, make_gathering, make_participant
from website.models import OutboxMessage
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations):
    gathering = make_gathering(organisations, title="Samling for nye, høsten; Bergen")
    start = timezone.localtime(gathering.starts_at).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    for offset, title, room in [(0, "Velkommen", "Storsalen"), (26, "Oppsummering", "Fløyen")]:
        Session.objects.create(
            gathering=gathering,
            title=title,
            starts_at=start + datetime.timedelta(hours=offset),
            ends_at=start + datetime.timedelta(hours=offset, minutes=90),
            room=room,
        )
    coordinator = make_coordinator(organisations["MHU"])
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinator"
    coordinator.save()
    gathering.coordinators.add(coordinator)
    gathering.coordinator = coordinator
    return gathering


def invites_to(address):
    return [m for m in mail.outbox if address in m.to and calendar_part(m) is not None]


def as_sent(message):
    """The message parsed back from the bytes the SMTP backend sends (CRLF line ends)."""
    return email.message_from_bytes(message.message().as_bytes(linesep="\r\n"))


def calendar_part(message):
    """The text/calendar part of the message as sent."""
    parsed = as_sent(message)
    parts = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    return parts[0] if parts else None


def ics_of(message):
    return icalendar.Calendar.from_ical(calendar_part(message).get_payload(decode=True))


def confirmed(on_commit, gathering, organisation, **kwargs):
    participant = make_participant(organisation, **kwargs)
    enrolment = on_commit(
        enrolment_apply, participant=participant, gathering=gathering, organisation=organisation
    )
    return enrolment


# The invite e-mail --------------------------------------------------------------------------


def test_a_confirmed_seat_gets_one_invite_with_a_calendar_part_and_an_attachment_that_agree(
    organisations, gathering, on_commit
):
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
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
    holder = confirmed(on_commit, gathering, mhu)
    waiting = confirmed(on_commit, gathering, mhu)
    assert waiting.state == Enrolment.State.WAITLISTED
    minor = confirmed(on_commit, gathering, organisations["BAR"], age=16)
    assert minor.state == Enrolment.State.GUARDIAN_PENDING
    assert CalendarInvite.objects.filter(gathering=gathering).count() == 1
    assert len(invites_to(holder.participant.user.email)) == 1
    # the guardian confirms: now the seat is confirmed and the invite goes
    on_commit(guardian_confirm, token=guardian_token(minor))
    assert len(invites_to(minor.participant.user.email)) == 1


def test_an_application_accepted_by_a_coordinator_gets_its_invite(organisations, on_commit):
    gathering = make_gathering(organisations, mode="application")
    enrolment = confirmed(on_commit, gathering, organisations["LFB"])
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

    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
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
    assert outbox_send_due() == 3  # the schedule's sender: received, confirmed, the invite
    assert outbox_send_due() == 0
    assert len(invites_to(enrolment.participant.user.email)) == 1


def test_the_scheduled_sender_also_sends_lost_notifications(organisations, gathering):
    from website.tasks import send_outbox

    enrolment = enrolment_apply(
        participant=make_participant(organisations["MHU"]),
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    assert send_outbox() == 3  # received, confirmed, and the invite
    assert send_outbox() == 0
    assert len([m for m in mail.outbox if enrolment.participant.user.email in m.to]) == 3


# Updates ---------------------------------------------------------------------------------------


def test_a_changed_room_makes_invites_out_of_date_and_updates_go_only_to_earlier_recipients(
    organisations, gathering, on_commit
):
    first = confirmed(on_commit, gathering, organisations["MHU"])
    second = confirmed(on_commit, gathering, organisations["BAR"])
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
    enrolment = confirmed(on_commit, gathering, organisations["LFB"])
    [message] = invites_to(enrolment.participant.user.email)
    assert message.subject.startswith("Kalenderinvitasjon")
    [event] = ics_of(message).walk("VEVENT")
    assert event.decoded("DTSTART") == session.starts_at


def test_resend_to_everyone_sends_the_current_version_again_once_per_person(
    organisations, gathering, on_commit
):
    people = [confirmed(on_commit, gathering, organisations[code]) for code in ("MHU", "BAR")]
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
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
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
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
    outsider = make_coordinator(organisations["BAR"])  # coordinates BAR, not this gathering
    with pytest.raises(InviteError) as error:
        invite_run_start(gathering=gathering, kind="update", actor=outsider)
    assert error.value.code == "not_coordinator"
    with pytest.raises(InviteError):
        invite_resend(enrolment=enrolment, actor=outsider)
    assert InviteRun.objects.count() == 0


def test_no_invites_once_the_gathering_is_over(organisations, gathering, on_commit):
    confirmed(on_commit, gathering, organisations["MHU"])
    after = gathering.ends_at + datetime.timedelta(hours=1)
    with pytest.raises(InviteError) as error:
        invite_run_start(gathering=gathering, kind="resend", actor=gathering.coordinator, now=after)
    assert error.value.code == "over"


# Cancellations --------------------------------------------------------------------------------


def test_a_cancelled_seat_gets_a_cancel_with_the_same_uid_and_a_higher_sequence(
    organisations, gathering, on_commit
):
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
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
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
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
    holders = [confirmed(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR")]
    gone = confirmed(on_commit, gathering, organisations["LFB"])
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
    assert len(mail.outbox) == 3  # received, confirmed, cancelled: no calendar e-mail
    for invite in (request, cancel):
        invite.refresh_from_db()
        assert invite.skipped and invite.message.state == OutboxMessage.State.SKIPPED


def test_invite_errors_read_in_norwegian():
    assert str(InviteError("over").message) == "Samlingen er over; invitasjoner sendes ikke lenger."


def test_the_span_is_from_the_first_session_to_the_last(organisations, gathering, on_commit):
    enrolment = confirmed(on_commit, gathering, organisations["MHU"])
    [event] = ics_of(invites_to(enrolment.participant.user.email)[0]).walk("VEVENT")
    sessions = list(gathering.sessions.order_by("starts_at"))
    assert event.decoded("DTSTART") == sessions[0].starts_at
    assert event.decoded("DTEND") == sessions[-1].ends_at
    assert sessions[0].starts_at != gathering.starts_at  # the times come from the sessions


# While a run is going ------------------------------------------------------------------------


def during_the_first_send(monkeypatch, action):
    """Do `action` while the run deals with its first person (a coordinator or participant
    acting at the same moment)."""
    from cohorts.services import calendar as calendar_services

    original = calendar_services._run_one
    done = []

    def run_one(run, participant_id, *, resend):
        original(run, participant_id, resend=resend)
        if not done:
            done.append(True)
            action()

    monkeypatch.setattr(calendar_services, "_run_one", run_one)


def test_a_gathering_cancelled_while_a_run_sends_updates_ends_with_everyone_cancelled(
    organisations, gathering, on_commit, monkeypatch
):
    people = [confirmed(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR", "LFB")]
    session = gathering.sessions.first()
    session.room = "Lillesalen"
    session.save()
    during_the_first_send(
        monkeypatch,
        lambda: Gathering.objects.filter(pk=gathering.pk).update(status="cancelled"),
    )
    on_commit(invite_run_start, gathering=gathering, kind="update", actor=gathering.coordinator)
    for enrolment in people:
        last = invites_to(enrolment.participant.user.email)[-1]
        assert calendar_part(last).get_param("method") == "CANCEL", enrolment
    gathering.refresh_from_db()
    assert invite_overview(gathering)[1]["cancelled"] == 3


def test_someone_who_applies_again_while_a_run_goes_keeps_their_new_invite(
    organisations, gathering, on_commit, monkeypatch
):
    first = confirmed(on_commit, gathering, organisations["MHU"])
    returning = confirmed(on_commit, gathering, organisations["BAR"])
    on_commit(enrolment_cancel, enrolment=returning, actor=returning.participant.user)
    session = gathering.sessions.first()
    session.room = "Lillesalen"
    session.save()

    def apply_again():
        with transaction.atomic():  # the applicant's own request, committed
            enrolment_apply(
                participant=returning.participant,
                gathering=gathering,
                organisation=organisations["BAR"],
            )

    during_the_first_send(monkeypatch, apply_again)
    on_commit(invite_run_start, gathering=gathering, kind="update", actor=gathering.coordinator)
    assert invites_to(first.participant.user.email)[-1].subject.startswith("Oppdatert")
    latest = CalendarInvite.objects.filter(participant=returning.participant).order_by("sequence")
    assert [i.method for i in latest] == ["REQUEST", "CANCEL", "REQUEST"]


def test_resend_to_everyone_does_not_copy_an_invite_that_has_not_gone_yet(
    organisations, gathering, on_commit, monkeypatch
):
    sent = confirmed(on_commit, gathering, organisations["MHU"])
    with monkeypatch.context() as patch:
        patch.setattr("website.outbox._queue_sender", lambda: None)
        waiting = confirmed(on_commit, gathering, organisations["BAR"])  # queued, not yet sent
    mail.outbox.clear()
    on_commit(invite_run_start, gathering=gathering, kind="resend", actor=gathering.coordinator)
    # the sent one is sent again; the waiting one goes once, as it is, and is not copied
    assert sorted(m.to[0] for m in mail.outbox if calendar_part(m)) == sorted(
        [sent.participant.user.email, waiting.participant.user.email]
    )
    assert CalendarInvite.objects.filter(participant=waiting.participant).count() == 1


# When sending fails ------------------------------------------------------------------------


def test_a_refused_address_does_not_stop_the_run_and_is_tried_again_later(
    organisations, gathering, on_commit, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    people = [confirmed(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR", "LFB")]
    refused = people[0].participant.user.email
    original = EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if refused in message.to:
            raise ConnectionRefusedError("SMTP says no")
        return original(message, *args, **kwargs)

    session = gathering.sessions.first()
    session.room = "Lillesalen"
    session.save()
    mail.outbox.clear()
    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    run = on_commit(
        invite_run_start, gathering=gathering, kind="update", actor=gathering.coordinator
    )
    run.refresh_from_db()
    assert run.finished_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        e.participant.user.email for e in people[1:]
    )
    rows = {row.enrolment.participant_id: row.status for row in invite_overview(gathering)[0]}
    assert rows[people[0].participant_id] == "failed"
    later = timezone.now() + datetime.timedelta(days=1)
    for _ in range(3):  # tried again after each back-off until the outbox gives up (8 attempts)
        outbox_send_due(now=later)
    failed = CalendarInvite.objects.get(participant=people[0].participant, sequence=1)
    assert failed.message.attempts == 8 and failed.failed and failed.sent_at is None
    # the address is fixed; the coordinator presses "Send again"
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    CalendarInvite.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    on_commit(invite_resend, enrolment=people[0], actor=gathering.coordinator)
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert invites_to(refused)[-1].subject.startswith("Oppdatert")


def test_the_sender_goes_on_past_an_email_that_fails(organisations, gathering, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    from website.tasks import send_outbox

    first, second = (
        enrolment_apply(
            participant=make_participant(organisations[code]),
            gathering=gathering,
            organisation=organisations[code],
        )
        for code in ("MHU", "BAR")
    )
    original = EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if first.participant.user.email in message.to:
            raise ConnectionRefusedError("SMTP says no")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    assert send_outbox() == 3  # the second person's two e-mails and invite
    assert {m.to[0] for m in mail.outbox} == {second.participant.user.email}

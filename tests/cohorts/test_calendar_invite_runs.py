"""Calendar invite runs (send updates, resend to everyone): what happens when someone acts
while a run goes, and when sending fails."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cohorts.models import CalendarInvite, Gathering
from cohorts.selectors import invite_overview
from cohorts.services import (
    enrolment_apply,
    enrolment_cancel,
    invite_resend,
    invite_run_start,
)
from tests.factories import (
    confirmed_enrolment,
    make_invite_gathering,
    make_participant,
)
from tests.helpers import calendar_part, invites_to
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations):
    """A gathering of two sessions a day apart, with an MHU coordinator (`.coordinator`)."""
    return make_invite_gathering(organisations)


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
    people = [
        confirmed_enrolment(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR", "LFB")
    ]
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
    first = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    returning = confirmed_enrolment(on_commit, gathering, organisations["BAR"])
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
    sent = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    with monkeypatch.context() as patch:
        patch.setattr("website.outbox._queue_sender", lambda: None)
        waiting = confirmed_enrolment(
            on_commit, gathering, organisations["BAR"]
        )  # queued, not yet sent
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

    people = [
        confirmed_enrolment(on_commit, gathering, organisations[c]) for c in ("MHU", "BAR", "LFB")
    ]
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
    assert send_outbox() == 2  # the second person's e-mail (the seat, also the receipt) and invite
    assert {m.to[0] for m in mail.outbox} == {second.participant.user.email}

"""Design rule 7 for invites on real PostgreSQL: copies of the outbox's sender and of an
invite run working at the same time, each on its own connection, send every version once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import CalendarInvite, InviteRun, Session
from cohorts.services import enrolment_apply, invite_run_execute
from tests.factories import make_coordinator, make_gathering, make_participant
from tests.helpers import run_concurrently
from website.outbox import outbox_send_due

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("postgres-rush"),
]


@pytest.fixture(autouse=True)
def queued_not_run(monkeypatch):
    """Messages are written and their sender queued, but no worker has picked it up yet
    (in tests, queued tasks otherwise run at once)."""
    monkeypatch.setattr("website.outbox._queue_sender", lambda: None)


def invite_mails():
    return [m for m in mail.outbox if any("calendar" in t for _, t in m.alternatives)]


def gathering_with(organisations, people):
    gathering = make_gathering(organisations, capacity=people, quotas=(0, 0, 0))
    start = timezone.localtime(gathering.starts_at).replace(hour=10, minute=0, second=0)
    Session.objects.create(
        gathering=gathering,
        title="Velkommen",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        room="Storsalen",
    )
    gathering.coordinators.add(make_coordinator(organisations["MHU"]))
    for _ in range(people):
        participant = make_participant(organisations["MHU"])
        enrolment_apply(
            participant=participant, gathering=gathering, organisation=organisations["MHU"]
        )
    return gathering


def test_twenty_copies_of_the_sender_at_once_send_one_invite(organisations):
    gathering_with(organisations, 1)
    results = run_concurrently([lambda: outbox_send_due(linger=0)] * 20)
    assert sum(results) == 2  # the seat (also the receipt) and the invite: each by one copy
    assert len(invite_mails()) == 1
    assert len(mail.outbox) == 2


def test_many_senders_racing_send_each_invite_once(organisations):
    gathering = gathering_with(organisations, 10)
    run_concurrently([lambda: outbox_send_due(linger=0)] * 12)
    assert sorted(m.to[0] for m in invite_mails()) == sorted(
        CalendarInvite.objects.filter(gathering=gathering).values_list(
            "participant__user__email", flat=True
        )
    )
    assert len(mail.outbox) == 20  # per person: the seat (also the receipt) and the invite
    assert all(invite.sent_at for invite in CalendarInvite.objects.select_related("message"))


def test_a_run_executed_by_several_workers_at_once_sends_each_person_one_update(organisations):
    gathering = gathering_with(organisations, 15)
    outbox_send_due(linger=0)
    session = gathering.sessions.get()
    session.room = "Lillesalen"
    session.save()
    mail.outbox.clear()
    run = InviteRun.objects.create(gathering=gathering, kind=InviteRun.Kind.UPDATE)
    results = run_concurrently([lambda: invite_run_execute(run_id=run.pk)] * 6)
    assert len([r for r in results if r is not None]) == 1  # one worker claimed it
    run_concurrently([lambda: outbox_send_due(linger=0)] * 4)
    assert len(invite_mails()) == 15
    assert len({m.to[0] for m in invite_mails()}) == 15
    updates = CalendarInvite.objects.filter(gathering=gathering, sequence=1)
    assert updates.count() == 15
    assert not updates.exclude(message__state="sent").exists()

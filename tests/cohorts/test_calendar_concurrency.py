"""Design rule 7 for invites on real PostgreSQL: copies of a task running at the same time,
each on its own connection, send every version once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import CalendarInvite, InviteRun, Session
from cohorts.services import (
    enrolment_apply,
    invite_run_execute,
    invite_send,
    invites_send_pending,
)
from tests.cohorts.conftest import make_coordinator, make_gathering, make_participant
from tests.cohorts.test_concurrency import run_concurrently

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("postgres-rush"),
]


@pytest.fixture(autouse=True)
def queued_not_run(monkeypatch):
    """Invites are recorded and their tasks queued, but no worker has picked them up yet
    (in tests, queued tasks otherwise run at once)."""
    monkeypatch.setattr("cohorts.tasks.queue_invite", lambda invite_id: None)


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


def test_twenty_copies_of_the_send_task_at_once_send_one_invite(organisations):
    gathering = gathering_with(organisations, 1)
    invite = CalendarInvite.objects.get(gathering=gathering)
    results = run_concurrently([lambda: invite_send(invite_id=invite.pk)] * 20)
    assert results.count(True) == 1
    assert len(invite_mails()) == 1


def test_the_sweep_and_the_tasks_racing_send_each_invite_once(organisations):
    gathering = gathering_with(organisations, 10)
    ids = list(CalendarInvite.objects.filter(gathering=gathering).values_list("pk", flat=True))
    later = timezone.now() + datetime.timedelta(minutes=5)
    calls = [lambda pk=pk: invite_send(invite_id=pk) for pk in ids] * 3
    calls += [lambda: invites_send_pending(now=later)] * 4
    run_concurrently(calls)
    assert sorted(m.to[0] for m in invite_mails()) == sorted(
        CalendarInvite.objects.filter(gathering=gathering).values_list(
            "participant__user__email", flat=True
        )
    )
    assert CalendarInvite.objects.filter(sent_at__isnull=True).count() == 0


def test_a_run_executed_by_several_workers_at_once_sends_each_person_one_update(organisations):
    gathering = gathering_with(organisations, 15)
    invites_send_pending(now=timezone.now() + datetime.timedelta(minutes=5))
    session = gathering.sessions.get()
    session.room = "Lillesalen"
    session.save()
    mail.outbox.clear()
    run = InviteRun.objects.create(gathering=gathering, kind=InviteRun.Kind.UPDATE)
    results = run_concurrently([lambda: invite_run_execute(run_id=run.pk)] * 6)
    assert len([r for r in results if r is not None]) == 1  # one worker claimed it
    assert len(invite_mails()) == 15
    assert len({m.to[0] for m in invite_mails()}) == 15
    updates = CalendarInvite.objects.filter(gathering=gathering, sequence=1)
    assert updates.count() == 15
    assert not updates.filter(sent_at__isnull=True).exists()

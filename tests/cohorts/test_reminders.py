"""Reminders before a gathering and the thank-you after it: the right day, once per person,
in their language, with the practical information; never for a cancelled gathering or a
withdrawn application; a reminder missed while the worker was down goes when it is back."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import registry
from cohorts.models import Attendance, Enrolment, Gathering
from cohorts.services import (
    enrolment_cancel,
    gathering_mail_send,
    message_send,
    reminders_send,
    thanks_send,
)
from cohorts.tasks import send_reminders
from tests.factories import (
    add_sessions,
    confirmed_enrolment,
    make_coordinator,
    make_gathering,
)
from tests.helpers import run_concurrently
from website.models import OutboxMessage
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


def practical_gathering(organisations, **fields):
    return make_gathering(
        organisations,
        title="Samling i Bergen",
        title_en="Gathering in Bergen",
        bring="Innesko",
        bring_en="Indoor shoes",
        travel="Bybanen til Byparken",
        travel_en="The light rail to Byparken",
        accommodation="Enkeltrom",
        accommodation_en="A single room",
        contact_name="Eva Lund",
        contact_phone="+47 400 00 001",
        contact_email="eva@example.org",
        **fields,
    )


@pytest.fixture
def gathering(organisations):
    gathering = practical_gathering(organisations)
    add_sessions(gathering)
    return gathering


@pytest.fixture
def people(on_commit, gathering, organisations):
    """Two confirmed participants, one reading English; their earlier e-mails cleared."""
    norwegian = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    english = confirmed_enrolment(on_commit, gathering, organisations["BAR"])
    english.participant.language = "en"
    english.participant.save()
    mail.outbox.clear()
    return norwegian, english


def reminders_to(enrolment):
    email = enrolment.participant.user.email
    return [m for m in mail.outbox if email in m.to]


def test_the_reminder_goes_on_its_day_once_each_in_the_readers_language(
    on_commit, gathering, people
):
    norwegian, english = people
    assert on_commit(reminders_send, now=gathering.starts_at - 7 * DAY - MINUTE) == 0
    assert mail.outbox == []
    assert on_commit(reminders_send, now=gathering.starts_at - 7 * DAY) == 2
    assert on_commit(reminders_send, now=gathering.starts_at - 7 * DAY + MINUTE) == 0
    [to_norwegian] = reminders_to(norwegian)
    [to_english] = reminders_to(english)
    assert to_norwegian.subject.startswith("Påminnelse: Samling i Bergen")
    for text in ("Scandic Oslo", "Storgata 1, Oslo", "Innesko", "Bybanen", "Enkeltrom"):
        assert text in to_norwegian.body
    assert "Eva Lund, telefon +47 400 00 001, eva@example.org" in to_norwegian.body
    assert "Program" in to_norwegian.body and "Storsalen" in to_norwegian.body
    assert to_english.subject.startswith("Reminder: Gathering in Bergen")
    for text in ("Indoor shoes", "light rail", "A single room", "Contact person: Eva Lund"):
        assert text in to_english.body
    # The day before: the second reminder, once.
    assert on_commit(reminders_send, now=gathering.starts_at - DAY + MINUTE) == 2
    on_commit(reminders_send, now=gathering.starts_at - DAY + 2 * MINUTE)
    assert len(reminders_to(norwegian)) == 2


def test_a_missed_reminder_goes_when_the_worker_is_back_but_only_the_latest(
    on_commit, gathering, people
):
    norwegian, _ = people
    # The worker was down over both moments; it is back twelve hours before the start.
    assert (
        on_commit(reminders_send, now=gathering.starts_at - 12 * datetime.timedelta(hours=1)) == 2
    )
    assert len(reminders_to(norwegian)) == 1
    keys = set(
        OutboxMessage.objects.filter(kind="gathering_reminder").values_list("key", flat=True)
    )
    assert keys == {f"reminder:{enrolment.pk}:1" for enrolment in people}


def test_no_reminder_once_the_gathering_has_started(on_commit, gathering, people):
    assert on_commit(reminders_send, now=gathering.starts_at) == 0
    assert on_commit(reminders_send, now=gathering.starts_at + datetime.timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_no_reminder_for_a_cancelled_gathering_even_when_it_was_written_before(
    on_commit, gathering, people
):
    reminders_send(now=gathering.starts_at - DAY)  # written, not yet sent (no commit ran)
    Gathering.objects.filter(pk=gathering.pk).update(status=Gathering.Status.CANCELLED)
    on_commit(reminders_send, now=gathering.starts_at - DAY + MINUTE)
    outbox_send_due(linger=0)
    assert not [m for m in mail.outbox if "Påminnelse" in m.subject or "Reminder" in m.subject]
    assert set(
        OutboxMessage.objects.filter(kind="gathering_reminder").values_list("state", flat=True)
    ) == {OutboxMessage.State.SKIPPED}


def test_no_reminder_for_a_withdrawn_application(on_commit, gathering, people):
    norwegian, english = people
    on_commit(enrolment_cancel, enrolment=norwegian, actor=norwegian.participant.user)
    mail.outbox.clear()
    assert on_commit(reminders_send, now=gathering.starts_at - DAY) == 1
    assert reminders_to(norwegian) == []
    assert len(reminders_to(english)) == 1


def test_someone_confirmed_after_a_reminders_moment_gets_the_next_one_only(
    on_commit, gathering, people
):
    norwegian, english = people
    Enrolment.objects.filter(pk=english.pk).update(confirmed_at=gathering.starts_at - 3 * DAY)
    on_commit(reminders_send, now=gathering.starts_at - 2 * DAY)
    assert reminders_to(english) == [] and len(reminders_to(norwegian)) == 1
    on_commit(reminders_send, now=gathering.starts_at - DAY)
    assert len(reminders_to(english)) == 1


def test_the_reminder_days_are_the_gatherings_own(on_commit, organisations):
    gathering = make_gathering(organisations, reminder_days="3")
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["LFB"])
    mail.outbox.clear()
    assert on_commit(reminders_send, now=gathering.starts_at - 7 * DAY) == 0
    assert on_commit(reminders_send, now=gathering.starts_at - DAY) == 1
    assert len(reminders_to(enrolment)) == 1
    Gathering.objects.filter(pk=gathering.pk).update(reminder_days="")
    assert reminders_send(now=gathering.starts_at - DAY + MINUTE) == 0


@pytest.mark.parametrize("value", ["7, 1", "1", "14 7 1", "60", ""])
def test_reminder_days_accept_a_short_list_of_whole_days(organisations, value):
    gathering = make_gathering(organisations, reminder_days=value)
    gathering.full_clean()


@pytest.mark.parametrize("value", ["0", "a week", "1.5", "-1", "61", "1,2,3,4,5,6"])
def test_reminder_days_refuse_anything_else_with_a_clear_message(organisations, value):
    gathering = make_gathering(organisations)
    gathering.reminder_days = value
    with pytest.raises(ValidationError) as refused:
        gathering.full_clean()
    assert "hele tall" in str(refused.value.message_dict["reminder_days"])


def test_the_scheduled_task_sends_reminders_due_now(on_commit, organisations):
    gathering = make_gathering(organisations, starts_at=timezone.now() + 7 * DAY - MINUTE)
    gathering.ends_at = gathering.starts_at + DAY
    gathering.save()
    enrolment = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    Enrolment.objects.filter(pk=enrolment.pk).update(confirmed_at=timezone.now() - 10 * DAY)
    mail.outbox.clear()
    assert on_commit(send_reminders) == (1, 0)
    assert len(reminders_to(enrolment)) == 1


# --- thanks ---------------------------------------------------------------------------------


def attend(enrolment, status=Attendance.Status.PRESENT):
    for session in enrolment.gathering.sessions.all():
        Attendance.objects.create(
            enrolment=enrolment,
            session=session,
            status=status,
            minutes_attended=session.minutes if status != Attendance.Status.ABSENT else 0,
            marked_at=session.starts_at,
            method=Attendance.Method.COORDINATOR,
        )


def test_after_the_gathering_a_thank_you_goes_once_to_those_who_came(on_commit, gathering, people):
    came, stayed_away = people
    attend(came)
    attend(stayed_away, Attendance.Status.ABSENT)
    assert on_commit(thanks_send, now=gathering.ends_at - MINUTE) == 0
    assert on_commit(thanks_send, now=gathering.ends_at + MINUTE) == 1
    assert on_commit(thanks_send, now=gathering.ends_at + DAY) == 0
    [thanks] = reminders_to(came)
    assert "Takk for at du kom" in thanks.subject
    assert "evaluer" not in thanks.body.lower() and "anonyme" not in thanks.body
    assert reminders_to(stayed_away) == []
    assert thanks_send(now=gathering.ends_at + 20 * DAY) == 0  # long after: not at all


def test_the_thank_you_carries_the_evaluation_link_an_app_above_provides(
    on_commit, gathering, people, monkeypatch
):
    monkeypatch.setattr(registry, "_evaluation_links", [])
    registry.register_evaluation_link(
        lambda enrolment: f"https://x.example/evaluering/{enrolment.pk}/"
    )
    came, _ = people
    attend(came)
    on_commit(gathering_mail_send, now=gathering.ends_at + MINUTE)
    [thanks] = reminders_to(came)
    assert f"https://x.example/evaluering/{came.pk}/" in thanks.body


def test_no_thank_you_for_a_cancelled_gathering(on_commit, gathering, people):
    came, _ = people
    attend(came)
    Gathering.objects.filter(pk=gathering.pk).update(status=Gathering.Status.CANCELLED)
    assert on_commit(thanks_send, now=gathering.ends_at + MINUTE) == 0
    assert mail.outbox == []


# --- concurrency (PostgreSQL, real transactions) --------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_write_each_reminder_once(organisations):
    from django_q.tasks import async_task  # noqa: F401  (tasks run inline in tests)

    gathering = practical_gathering(organisations)
    enrolments = []
    for organisation in organisations.values():
        for _ in range(3):
            enrolments.append(confirmed_enrolment(lambda f, **kw: f(**kw), gathering, organisation))
    mail.outbox.clear()
    moment = gathering.starts_at - 7 * DAY
    results = run_concurrently([lambda: reminders_send(now=moment) for _ in range(4)])
    assert sum(results) >= len(enrolments)  # each run counts what it saw as new
    rows = OutboxMessage.objects.filter(kind="gathering_reminder")
    assert rows.count() == len(enrolments)
    for enrolment in enrolments:
        assert len(reminders_to(enrolment)) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_message_form_sent_twice_at_once_goes_once(organisations):
    gathering = make_gathering(organisations)
    coordinator = make_coordinator(organisations["MHU"])
    enrolment = confirmed_enrolment(lambda f, **kw: f(**kw), gathering, organisations["MHU"])
    mail.outbox.clear()
    token = uuid.uuid4()

    def send():
        return message_send(
            author=coordinator,
            gathering=gathering,
            token=token,
            audience="confirmed",
            subject="Husk innesko",
            body="Ta med innesko.",
        )[1]

    assert sorted(run_concurrently([send, send, send])) == [False, False, True]
    assert len([m for m in mail.outbox if enrolment.participant.user.email in m.to]) == 1


def test_the_migration_schedules_the_reminders_once_every_15_minutes():
    import importlib

    from django.apps import apps
    from django_q.models import Schedule

    func = "cohorts.tasks.send_reminders"
    Schedule.objects.filter(func=func).delete()  # a transactional test may have flushed it
    add_schedule = importlib.import_module(
        "cohorts.migrations.0018_schedule_reminders"
    ).add_schedule
    add_schedule(apps, None)
    add_schedule(apps, None)
    schedule = Schedule.objects.get(func=func)
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == ("I", 15, -1)

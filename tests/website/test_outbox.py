"""The outbox (design rule 7): one row per message, written once per key, claimed by one sender
under a lease, retried with back-off up to a cap, then failed and shown to administrators; the
same Message-ID every time; texts in the recipient's language."""

import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from tests.helpers import database_url
from website import outbox
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db
State = OutboxMessage.State

ROOT = Path(__file__).resolve().parents[2]
LEASE = datetime.timedelta(seconds=settings.OUTBOX["lease_seconds"])


def enqueue(key="test:1", to="kari@example.org", language="nb", thread=""):
    """An account e-mail (its renderer needs nothing but the row), written and committed."""
    return outbox.message_enqueue(
        kind="account/password_changed",
        key=key,
        to=to,
        language=language,
        name="Kari",
        thread=thread,
        context={"timestamp": {"datetime": "2026-11-30T12:00:00+01:00"}},
    )


@pytest.fixture
def refusing_server(monkeypatch):
    """The mail server refuses every message until `.up()` is called."""

    class Server:
        down = True

        def up(self):
            self.down = False

    server = Server()
    original = EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if server.down:
            raise ConnectionRefusedError("the mail server is down")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    return server


# Writing ---------------------------------------------------------------------------------------


def test_the_same_key_writes_one_message_and_sends_it_once(on_commit):
    first = on_commit(enqueue)
    second = on_commit(enqueue)  # a retried request, a double click
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().state == State.SENT


def test_a_message_written_in_a_transaction_that_rolls_back_is_never_sent(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue()
        raise RuntimeError("the change that caused it failed")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_one_transaction_queues_one_sender_however_many_messages_it_writes(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n in range(5):
            enqueue(key=f"test:{n}")
    assert len(callbacks) == 1


# Claiming --------------------------------------------------------------------------------------


def test_a_claimed_message_is_left_alone_until_its_lease_runs_out():
    enqueue()
    now = timezone.now()
    message, _token = outbox._claim(now)  # a sender took it, then died before sending
    assert message.state == State.SENDING and message.attempts == 1
    assert outbox.outbox_send_due(now=now + LEASE / 2) == 0  # another sender leaves it
    assert mail.outbox == []
    assert outbox.outbox_send_due(now=now + LEASE + datetime.timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.state == State.SENT and message.attempts == 2
    assert len(mail.outbox) == 1


def test_a_sender_whose_lease_was_taken_over_cannot_mark_the_message():
    enqueue()
    now = timezone.now()
    stale, stale_token = outbox._claim(now)
    outbox.outbox_send_due(now=now + LEASE + datetime.timedelta(seconds=1))  # taken over, sent
    assert outbox._mark(stale, stale_token, state=State.PENDING) is False
    assert OutboxMessage.objects.get().state == State.SENT


def test_the_message_id_is_the_same_every_time_the_message_goes():
    message = enqueue()
    outbox.outbox_send_due()
    # The sender died after the server accepted it and before marking it: it goes again.
    OutboxMessage.objects.filter(pk=message.pk).update(state=State.PENDING)
    outbox.outbox_send_due()
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.message()["Message-ID"] == message.message_id
    assert message.message_id.endswith(f"@{settings.CALENDAR_UID_DOMAIN}>")
    assert enqueue(key="test:other").message_id != message.message_id


def test_messages_of_one_thread_go_in_order(refusing_server):
    first = enqueue(key="test:1", thread="invite:1:1")
    second = enqueue(key="test:2", thread="invite:1:1")
    other = enqueue(key="test:3", thread="invite:1:2")
    outbox.outbox_send_due()  # the first fails: the second waits behind it, the other thread not
    assert OutboxMessage.objects.get(pk=second.pk).attempts == 0
    assert OutboxMessage.objects.get(pk=other.pk).attempts == 1
    refusing_server.up()
    outbox.outbox_send_due(now=timezone.now() + datetime.timedelta(hours=1))
    order = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert sorted(order) == sorted(m.message_id for m in (first, second, other))
    assert order.index(first.message_id) < order.index(second.message_id)


# Retrying --------------------------------------------------------------------------------------


def test_a_refused_message_is_tried_again_after_a_growing_pause(refusing_server):
    message = enqueue()
    pauses = []
    for _ in range(4):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        outbox.outbox_send_due()
        message.refresh_from_db()
        pauses.append(round((message.next_attempt_at - before).total_seconds() / 30))
    assert pauses == [1, 2, 4, 8]  # 30 s, 1 min, 2 min, 4 min
    assert message.state == State.PENDING and message.attempts == 4
    assert "ConnectionRefusedError: the mail server is down" in message.last_error
    assert outbox.backoff(30) == datetime.timedelta(seconds=settings.OUTBOX["max_backoff_seconds"])


def test_after_the_last_attempt_the_message_fails_and_waits_for_an_administrator(
    refusing_server,
):
    message = enqueue()
    outbox.outbox_send_due(now=timezone.now() + datetime.timedelta(days=1))
    message.refresh_from_db()
    assert message.state == State.FAILED
    assert message.attempts == settings.OUTBOX["max_attempts"]
    assert outbox.outbox_send_due(now=timezone.now() + datetime.timedelta(days=2)) == 0
    refusing_server.up()
    outbox.message_retry(message=message)
    assert outbox.outbox_send_due() == 1
    message.refresh_from_db()
    assert message.state == State.SENT and message.attempts == 1
    assert len(mail.outbox) == 1


def test_a_mail_server_back_after_an_outage_gets_every_message_once(refusing_server):
    for n in range(5):
        enqueue(key=f"test:{n}")
    outbox.outbox_send_due()
    assert mail.outbox == []
    refusing_server.up()
    outbox.outbox_send_due(now=timezone.now() + datetime.timedelta(minutes=1))
    assert len(mail.outbox) == 5
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 5


# What it says ----------------------------------------------------------------------------------


def test_english_mails_say_en_and_keep_their_line_breaks():
    enqueue(language="en")
    outbox.outbox_send_due()
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert '<html lang="en">' in html
    assert "Hi Kari," in message.body
    assert "<p>" in html and html.count("<p>") >= 3  # paragraphs stay paragraphs


def test_norwegian_is_the_default_language():
    enqueue()
    outbox.outbox_send_due()
    [message] = mail.outbox
    assert '<html lang="nb">' in message.alternatives[0][0]
    assert message.body.startswith("Hei Kari,")


# Two sender processes against one PostgreSQL database ------------------------------------------


SENDER = """
import os, time
from django.core.mail.backends.locmem import EmailBackend
from website.outbox import outbox_send_due

def send_messages(self, messages):
    with open(os.environ["SENT_LOG"], "a") as log:
        for message in messages:
            time.sleep(0.02)  # a mail server that takes its time
            log.write(message.extra_headers["Message-ID"] + "\\n")
    return len(messages)

EmailBackend.send_messages = send_messages
print(outbox_send_due(linger=0))
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sender_processes_send_every_message_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setattr("website.outbox._queue_sender", lambda: None)  # no sender in here
    for n in range(60):
        enqueue(key=f"test:{n}", to=f"deltaker{n}@example.org")
    log = tmp_path / "sent.log"
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="website.settings.test",
        SENT_LOG=str(log),
    )
    senders = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", SENDER],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    counts = []
    for sender in senders:
        output, _ = sender.communicate(timeout=120)
        assert sender.returncode == 0, output
        counts.append(int(output.strip().splitlines()[-1]))
    sent = log.read_text().split()
    assert sorted(sent) == sorted(m.message_id for m in OutboxMessage.objects.all())
    assert len(set(sent)) == 60 and sum(counts) == 60
    assert all(count > 0 for count in counts), counts  # both took a share
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}


# The administrators' view ----------------------------------------------------------------------


def test_administrators_see_failed_messages_and_send_them_again(
    client, admin_user, on_commit, site_tree
):
    message = on_commit(enqueue, key=f"test:{uuid.uuid4()}")
    mail.outbox.clear()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    client.force_login(admin_user)
    listing = client.get("/admin/utgaende-epost/?state=failed").content.decode()
    assert "kari@example.org" in listing
    dashboard = client.get("/admin/").content.decode()
    assert "kunne ikke sendes" in dashboard
    page = client.get(f"/admin/utgaende-epost/inspect/{message.pk}/").content.decode()
    assert "550 no such user" in page and "Send igjen" in page
    assert "timestamp" not in page  # what it was rendered from is not shown
    with_callbacks = on_commit(
        lambda: client.post(f"/admin/utgaende-epost/{message.pk}/send-again/")
    )
    assert with_callbacks.status_code == 302
    message.refresh_from_db()
    assert message.state == State.SENT
    assert len(mail.outbox) == 1
    # A sent message is not sent again.
    client.post(f"/admin/utgaende-epost/{message.pk}/send-again/")
    assert len(mail.outbox) == 1


# Found by bench/outbox.py ----------------------------------------------------------------------


def test_a_sender_stops_within_its_time_budget_and_hands_the_rest_on(settings, monkeypatch):
    settings.OUTBOX = {**settings.OUTBOX, "budget_seconds": 0}
    successors = []
    monkeypatch.setattr("website.outbox._queue_sender", lambda: successors.append(True))
    enqueue()
    assert outbox.outbox_send_due() == 0  # out of time before the first claim
    assert successors == [True]
    assert OutboxMessage.objects.get().state == State.PENDING  # nothing half-sent


def test_send_again_leaves_a_message_alone_while_a_live_sender_holds_it():
    message = enqueue()
    now = timezone.now()
    claimed, token = outbox._claim(now)
    outbox.message_retry(message=message)
    claimed.refresh_from_db()
    assert claimed.state == State.SENDING and claimed.lease_token == token
    assert not claimed.can_send_again
    assert outbox._mark(claimed, token, state=State.SENT) is True


def test_a_message_whose_sender_dies_on_every_attempt_fails_for_good():
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.SENDING,
        attempts=settings.OUTBOX["max_attempts"],
        lease_token=uuid.uuid4(),
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert outbox.outbox_send_due() == 0
    message.refresh_from_db()
    assert message.state == State.FAILED and "stopped while sending" in message.last_error
    assert mail.outbox == []


class RecordingBackend:
    """A mail connection that notes, when it is closed, what the outbox rows say by then."""

    events: list = []

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        RecordingBackend.events.append("open")
        return True

    def close(self):
        states = sorted(OutboxMessage.objects.values_list("state", flat=True))
        RecordingBackend.events.append(("close", states))

    def send_messages(self, messages):
        RecordingBackend.events.append(("send", len(messages)))
        return len(messages)


def test_each_message_is_marked_sent_before_the_connection_says_goodbye(settings):
    """The server has accepted it: the row says so before the QUIT round trip, which keeps the
    window between "accepted" and "recorded" to one UPDATE."""
    settings.EMAIL_BACKEND = "tests.website.test_outbox.RecordingBackend"
    RecordingBackend.events = []
    enqueue(key="test:1")
    enqueue(key="test:2")
    assert outbox.outbox_send_due() == 2
    sends = [e for e in RecordingBackend.events if isinstance(e, tuple) and e[0] == "send"]
    assert len(sends) == 2  # one connection, both messages
    closes = [e for e in RecordingBackend.events if isinstance(e, tuple) and e[0] == "close"]
    assert closes[0][1] == ["sent", "sent"]

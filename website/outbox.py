"""The outbox: every e-mail the system sends goes through here (design rule 7).

- **Writing.** `message_enqueue` writes a row in the caller's transaction, keyed so that the
  same message is written once however often the change is retried, and queues the sender
  after commit. A message that is never queued (the worker was down) is found by the
  one-minute schedule.
- **Claiming.** `outbox_send_due` takes one due row at a time: `SELECT … FOR UPDATE SKIP LOCKED`
  on PostgreSQL (each sender gets another row), and on SQLite a compare-and-set under the
  database's single writer. The claim marks the row *sending* under a short lease and counts
  the attempt before anyone talks to the mail server; a sender that dies leaves the lease to
  run out (`lease_seconds`, seconds), and another sender takes the row over.
- **Sending.** The kind's renderer (registered by the app that owns the kind, so this base
  layer imports nothing above it) builds the e-mail from ids in the row, in the recipient's
  language; `templates/email/<template>.txt` (and `_subject.txt`, and `.html` if the kind has
  its own) hold the words. A renderer may answer `None`: the message is not needed any more
  (a newer invite replaced it, the certificate was revoked) and is marked *skipped*.
- **Marking.** After the server accepts the message the row is marked *sent*. Failures are
  retried with exponential back-off up to `max_attempts`; then the message is *failed* and an
  administrator sees it under *Utgående e-post*, with the error, and can send it again.

What SMTP cannot promise: if the sender dies after the mail server has accepted a message and
before the row is marked sent (a few milliseconds: one UPDATE), the message goes again when the
lease runs out. It carries the same `Message-ID` both times, so mail clients and servers that
deduplicate show it once.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from .models import OutboxMessage
from .prepared import PreparedInsert

logger = logging.getLogger(__name__)
State = OutboxMessage.State


@dataclass
class Email:
    """What a renderer gives back: the template to use (`email/<template>…`), its context, and
    what else the message carries. Attachments are (filename, bytes, mimetype)."""

    template: str
    context: dict = field(default_factory=dict)
    reply_to: list[str] = field(default_factory=list)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    alternatives: list[tuple[str, str]] = field(default_factory=list)
    signature: str = ""


Renderer = Callable[[OutboxMessage], "Email | None"]
_RENDERERS: dict[str, Renderer] = {}
_LABELS: dict[str, str] = {}


def register(kind: str, renderer: Renderer, label: str = "") -> None:
    """Called from an app's `ready()`: the app that owns a kind of message renders it. A kind
    ending in "/" covers every kind under it (allauth's many account e-mails)."""
    _RENDERERS[kind] = renderer
    _LABELS[kind] = label or kind


def kind_label(kind: str) -> str:
    return str(_LABELS.get(kind) or _LABELS.get(kind.split("/")[0] + "/") or kind)


def kind_choices() -> list[tuple[str, str]]:
    return sorted(((kind, str(label)) for kind, label in _LABELS.items()), key=lambda c: c[1])


def renderer_for(kind: str) -> Renderer:
    for prefix in (kind, kind.split("/")[0] + "/"):
        if prefix in _RENDERERS:
            return _RENDERERS[prefix]
    raise LookupError(f"no renderer for outbox messages of kind {kind!r}")


def config(name: str):
    return settings.OUTBOX[name]


# --- writing --------------------------------------------------------------------------------


# Written once per key (ON CONFLICT DO NOTHING), compiled once per process (website/prepared.py).
_INSERT_MESSAGE = PreparedInsert(OutboxMessage, ignore_conflicts=True)


def message_enqueue(
    *,
    kind: str,
    key: str,
    to: str,
    language: str,
    context: dict | None = None,
    name: str = "",
    about=None,
    thread: str = "",
) -> OutboxMessage:
    """Write the message (once per key) in the caller's transaction; send it after commit.
    The row is returned lazily: it is read (one query) only if the caller uses it."""
    _INSERT_MESSAGE(
        OutboxMessage(
            key=key,
            kind=kind,
            thread=thread,
            recipient=to,
            recipient_name=name,
            language=language or settings.LANGUAGE_CODE,
            context=context or {},
            about=about,
        )
    )
    queue_sender_on_commit()
    return SimpleLazyObject(lambda: OutboxMessage.objects.get(key=key))


def _queue_sender() -> None:
    from django_q.tasks import async_task

    async_task("website.tasks.send_outbox")


class _QueueSenderOnCommit:
    """The on-commit callback; it remembers having run (a test harness may keep run callbacks
    in the connection's list, and a later commit must not count on them)."""

    ran = False

    def __call__(self):
        self.ran = True
        _queue_sender()


def queue_sender_on_commit() -> None:
    """One sender task per transaction, however many messages it writes: skip when a callback
    registered in this savepoint or one enclosing it (all still open) will queue it anyway."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        open_savepoints = set(connection.savepoint_ids)
        if any(
            isinstance(callback, _QueueSenderOnCommit)
            and not callback.ran
            and sids <= open_savepoints
            for sids, callback, _robust in connection.run_on_commit
        ):
            return
    transaction.on_commit(_QueueSenderOnCommit())


def message_retry(*, message: OutboxMessage) -> OutboxMessage:
    """An administrator sends a failed (or waiting) message again, now, with fresh attempts.
    Not one that is sent, nor one a live sender holds (it would go twice)."""
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).exclude(state=State.SENT).exclude(
        state=State.SENDING, lease_until__gte=now
    ).update(
        state=State.PENDING,
        attempts=0,
        next_attempt_at=now,
        lease_until=None,
        lease_token=None,
    )
    queue_sender_on_commit()
    message.refresh_from_db()
    return message


# --- claiming -------------------------------------------------------------------------------


def _due(now):
    earlier_unfinished = OutboxMessage.objects.filter(
        thread=OuterRef("thread"),
        pk__lt=OuterRef("pk"),
        state__in=[State.PENDING, State.SENDING],
    )
    return (
        OutboxMessage.objects.filter(
            Q(state=State.PENDING, next_attempt_at__lte=now)
            | Q(state=State.SENDING, lease_until__lt=now)
        )
        .exclude(Q(~Q(thread="")) & Q(Exists(earlier_unfinished)))
        .order_by("next_attempt_at", "pk")
    )


def _claim(now) -> tuple[OutboxMessage, uuid.UUID] | None:
    """Take one due message under a fresh lease, or None when nothing is due. A message whose
    senders died on it (lease run out) as often as the attempts allow fails here instead: a
    message that kills its sender must not go round for ever."""
    for _ in range(100):  # each turn either claims, fails one message, or finds nothing
        with transaction.atomic():
            candidate = _due(now).select_for_update(skip_locked=True, of=("self",)).first()
            if candidate is None:
                return None
            current = OutboxMessage.objects.filter(
                pk=candidate.pk, state=candidate.state, lease_token=candidate.lease_token
            )
            if candidate.attempts >= config("max_attempts"):
                current.update(
                    state=State.FAILED,
                    lease_until=None,
                    lease_token=None,
                    last_error=candidate.last_error
                    or "The sender stopped while sending it, on every attempt.",
                )
                continue
            token = uuid.uuid4()
            taken = current.update(
                state=State.SENDING,
                lease_until=now + timedelta(seconds=config("lease_seconds")),
                lease_token=token,
                attempts=candidate.attempts + 1,
            )
        if not taken:
            return None  # another sender took it between our read and our write (SQLite)
        candidate.state, candidate.lease_token = State.SENDING, token
        candidate.attempts += 1
        return candidate, token
    return None


def _mark(message: OutboxMessage, token, **values) -> bool:
    return bool(
        OutboxMessage.objects.filter(pk=message.pk, lease_token=token).update(
            lease_until=None, lease_token=None, **values
        )
    )


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min … after the first, second, third failure, at most an hour."""
    seconds = config("backoff_seconds") * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, config("max_backoff_seconds")))


def _failed_attempt(message: OutboxMessage, token, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= config("max_attempts"):
        logger.error("Outbox message %s failed for good: %s", message.pk, text)
        _mark(message, token, state=State.FAILED, last_error=text)
    else:
        logger.warning(
            "Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, text
        )
        _mark(
            message,
            token,
            state=State.PENDING,
            last_error=text,
            next_attempt_at=timezone.now() + backoff(message.attempts),
        )


# --- rendering and sending ------------------------------------------------------------------


def _template(name: str, suffix: str) -> str | None:
    try:
        get_template(f"email/{name}{suffix}")
    except TemplateDoesNotExist:
        return None
    return f"email/{name}{suffix}"


def render(message: OutboxMessage) -> EmailMultiAlternatives | None:
    """The e-mail as it goes out, in the recipient's language; None if no longer needed."""
    with translation.override(message.language):
        email = renderer_for(message.kind)(message)
        if email is None:
            return None
        context = {
            "name": message.recipient_name,
            "signature": email.signature,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
            "LANGUAGE_CODE": message.language,
            **email.context,
        }
        subject = " ".join(render_to_string(f"email/{email.template}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"email/{email.template}.txt", context).strip() + "\n"
        html_template = _template(email.template, ".html") or "email/base.html"
        html = render_to_string(html_template, {**context, "text": text})
    result = EmailMultiAlternatives(
        subject,
        text,
        to=[message.recipient],
        reply_to=email.reply_to or None,
        headers={"Message-ID": message.message_id},
    )
    result.attach_alternative(html, "text/html")
    for content, mimetype in email.alternatives:
        result.attach_alternative(content, mimetype)
    for filename, content, mimetype in email.attachments:
        result.attach(filename, content, mimetype)
    return result


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a connection that broke cannot be closed politely; it is gone anyway
        logger.debug("closing the mail connection failed", exc_info=True)


def _deliver(message: OutboxMessage, token, connection) -> bool:
    try:
        email = render(message)
    except Exception as error:
        logger.exception("Outbox message %s could not be rendered", message.pk)
        _failed_attempt(message, token, error)
        return False
    if email is None:
        _mark(message, token, state=State.SKIPPED)
        return False
    try:
        # Opened here and kept open: sending does not close it, so the row is marked as soon
        # as the server has accepted the message, before the goodbye (QUIT) round trip.
        connection.open()
        email.connection = connection
        email.send()
    except Exception as error:
        _failed_attempt(message, token, error)
        _close(connection)  # opened afresh for the next message
        return False
    # The window SMTP cannot close: accepted above, recorded here.
    if not _mark(
        message, token, state=State.SENT, sent_at=timezone.now(), subject=email.subject[:300]
    ):
        logger.warning("Outbox message %s was sent after its lease ran out", message.pk)
    return True


def outbox_send_due(*, linger: float | None = None, now=None) -> int:
    """Send every due message, one claim at a time, over one mail-server connection; returns
    how many went now. With `linger`, stay up to that many seconds for messages that fall due
    soon — a lease another sender left running out, a retry after a short back-off — so
    recovery takes seconds, not a schedule's minute. A sender stops claiming after
    `budget_seconds`, well inside the task's time-out (a task killed by its time-out mid-send
    would leave a sent message unmarked), and hands what is left to a new sender task."""
    started = time.monotonic()
    linger = config("linger_seconds") if linger is None else linger
    budget_end = started + config("budget_seconds")
    deadline = min(started + linger, budget_end)
    connection = get_connection()
    sent = 0
    try:
        while True:
            if time.monotonic() >= budget_end:
                if _seconds_until_next_due() == 0:
                    _queue_sender()
                return sent
            claimed = _claim(now or timezone.now())
            if claimed is not None:
                sent += _deliver(*claimed, connection)
                continue
            wait = _seconds_until_next_due()
            if wait is None or time.monotonic() + wait > deadline:
                return sent
            _close(connection)  # not held idle while waiting (servers drop idle clients)
            time.sleep(max(wait, 1.0))
    finally:
        _close(connection)


def _seconds_until_next_due() -> float | None:
    now = timezone.now()
    moments = [
        OutboxMessage.objects.filter(state=State.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first(),
        OutboxMessage.objects.filter(state=State.SENDING)
        .order_by("lease_until")
        .values_list("lease_until", flat=True)
        .first(),
    ]
    moments = [moment for moment in moments if moment is not None]
    if not moments:
        return None
    return max((min(moments) - now).total_seconds(), 0)

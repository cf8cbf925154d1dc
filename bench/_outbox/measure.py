"""bench/outbox.py's measuring: what reached the SMTP sink against the outbox's rows, waiting
(bounded) for the outbox to be quiet, and the table printed at the end."""

import time
from collections import Counter
from dataclasses import dataclass, field

# How far from a SIGKILL the first copy's 250 may be for a duplicate to count as inside the
# SMTP window (the kill's signal to the moment the processes are gone, under load).
WINDOW_SLACK = 1.0


class BenchTimeout(Exception):
    """A bounded wait ran out: the scenario is reported as failed."""


def log(text):
    print(f"  {time.strftime('%H:%M:%S')} {text}", flush=True)


@dataclass
class Outcome:
    name: str
    expected: int
    rows: int = 0
    delivered: int = 0
    duplicated: int = 0
    in_window: int = 0
    outside: int = 0
    lost: int = 0
    failed: int = 0
    shown: int = 0
    recovery: float | None = None
    wall: float = 0.0
    notes: list = field(default_factory=list)
    error: str = ""

    @property
    def bad(self) -> bool:
        return bool(self.error) or self.outside > 0 or self.lost > 0


def outbox_busy():
    from website.models import OutboxMessage

    State = OutboxMessage.State
    return OutboxMessage.objects.filter(state__in=[State.PENDING, State.SENDING]).count()


def rows_since(baseline):
    from website.models import OutboxMessage

    return OutboxMessage.objects.filter(pk__gt=baseline)


def wait_for(what, condition, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise BenchTimeout(f"{what}: not within {timeout:.0f} s")


def wait_quiet(baseline, expected, extra=None, timeout=420) -> tuple[float, float | None]:
    """Until the outbox is quiet (all expected rows written, none pending or sending) and
    `extra()` holds. Returns when the outbox last became quiet and, with `extra`, when that
    held too (time.monotonic())."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        quiet = rows_since(baseline).count() >= expected and not outbox_busy()
        if quiet and quiet_since is None:
            quiet_since = time.monotonic()
        elif not quiet:
            quiet_since = None
        if quiet and (extra is None or extra()):
            return quiet_since, (time.monotonic() if extra else None)
        time.sleep(0.25)
    raise BenchTimeout(f"the outbox to be quiet: not within {timeout:.0f} s")


def shown_in_admin(failed_rows, admin) -> int:
    """How many failed rows the admin's outbox list (filtered on failed) shows."""
    if not failed_rows:
        return 0
    from django.conf import settings
    from django.test import Client, override_settings

    # Production's manifest storage needs `collectstatic`; the page does not need the files.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    client = Client()
    client.force_login(admin)
    content = ""
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
        for page in range(1, 11):
            response = client.get(
                "/admin/utgaende-epost/", {"state": "failed", "p": page}, secure=True
            )
            if response.status_code != 200:
                break
            content += response.content.decode()
    return sum(1 for row in failed_rows if row.recipient in content)


def measure(outcome, baseline, sink, kills, admin):
    """Compare the rows written in this scenario with what the sink received."""
    from website.models import OutboxMessage

    State = OutboxMessage.State
    time.sleep(2)  # a late copy (if any) still reaches the sink
    rows = list(rows_since(baseline))
    by_id = {row.message_id: row for row in rows}
    received = sink.snapshot()
    copies = Counter(r.message_id for r in received)
    outcome.rows = len(rows)
    outcome.delivered = len(set(copies) & set(by_id))
    duplicates = [mid for mid, n in copies.items() if n > 1 and mid in by_id]
    outcome.duplicated = len(duplicates)

    def nearest_kill(mid):
        """Signed seconds from the nearest SIGKILL to the first copy's 250 (None: no kill)."""
        first = min(r.at for r in received if r.message_id == mid)
        return min((first - k for k in kills), key=abs, default=None)

    # Inside the SMTP window: the row was claimed again (attempts > 1) because its sender
    # died after the server's 250 and before it marked the row — so the first copy's 250
    # must lie right at a kill (the signal takes a moment to end a busy process).
    window = [
        mid
        for mid in duplicates
        if by_id[mid].attempts > 1
        and nearest_kill(mid) is not None
        and abs(nearest_kill(mid)) <= WINDOW_SLACK
    ]
    outcome.in_window = len(window)
    outcome.outside = outcome.duplicated - outcome.in_window
    for mid in duplicates:
        row, offset = by_id[mid], nearest_kill(mid)
        when = (
            "with no SIGKILL in this scenario"
            if offset is None
            else f"{offset * 1000:+.0f} ms from the nearest SIGKILL"
        )
        label = "duplicate" if mid in window else "DUPLICATE OUTSIDE THE WINDOW"
        outcome.notes.append(
            f"{label}: {row.kind} #{row.pk}, {copies[mid]} copies, attempts {row.attempts}; "
            f"first 250 {when}"
        )
    never_received = [r for r in rows if r.state == State.SENT and r.message_id not in copies]
    unfinished = [r for r in rows if r.state not in (State.SENT, State.FAILED)]
    outcome.lost = max(0, outcome.expected - len(rows)) + len(never_received) + len(unfinished)
    failed = [r for r in rows if r.state == State.FAILED]
    outcome.failed = len(failed)
    outcome.shown = shown_in_admin(failed, admin)

    if never_received:
        outcome.notes.append(
            f"LOST: {len(never_received)} rows marked sent never reached the sink "
            f"(e.g. #{never_received[0].pk})"
        )
    if unfinished:
        states = Counter(r.state for r in unfinished)
        outcome.notes.append(f"LOST: {len(unfinished)} rows neither sent nor failed: {states}")
    unknown = set(copies) - set(by_id)
    if unknown:
        outcome.notes.append(f"{len(unknown)} Message-IDs at the sink belong to no row")
    wrong_to = [
        r for r in received if r.message_id in by_id and r.rcpt != (by_id[r.message_id].recipient,)
    ]
    if wrong_to:
        outcome.notes.append(f"WRONG RECIPIENT on {len(wrong_to)} deliveries")
    received_not_marked = [r for r in rows if r.message_id in copies and r.state != State.SENT]
    if received_not_marked:
        states = Counter(r.state for r in received_not_marked)
        outcome.notes.append(f"received but not marked sent: {dict(states)}")
    attempts = Counter(r.attempts for r in rows)
    outcome.notes.append(
        "rows by attempts: "
        + ", ".join(f"{a} attempt{'s' * (a != 1)}: {n}" for a, n in sorted(attempts.items()))
        + f"; kinds: {dict(Counter(r.kind for r in rows))}"
        + f"; sink: {sink.connections} connections, {sink.aborted} DATA cut before the 250"
    )
    tasks_report(outcome)


def tasks_report(outcome):
    """django-q's own record: failed tasks (a worker's timeout shows here), and how long the
    slowest sender task took from being queued to its end."""
    from django_q.models import Task

    failed = Counter((t.func, str(t.result)[:100]) for t in Task.objects.filter(success=False))
    for (func, result), n in failed.items():
        outcome.notes.append(f"django-q task failed {n}×: {func}: {result}")
    senders = Task.objects.filter(func="website.tasks.send_outbox")
    longest = max(((t.stopped - t.started).total_seconds() for t in senders), default=0)
    outcome.notes.append(
        f"send_outbox tasks recorded: {senders.count()}; slowest from queued to done: "
        f"{longest:.1f} s; django-q failures: {sum(failed.values())}"
    )


def report(outcomes, total):
    head = (
        f"{'scenario':<46}{'expected':>9}{'delivered':>10}{'dup':>5}{'in win':>7}"
        f"{'outside':>8}{'lost':>6}{'failed/shown':>13}{'recovery s':>11}{'wall s':>8}"
    )
    print("\n" + head)
    print("-" * len(head))
    for o in outcomes:
        recovery = f"{o.recovery:.1f}" if o.recovery is not None else "—"
        print(
            f"{o.name:<46}{o.expected:>9}{o.delivered:>10}{o.duplicated:>5}{o.in_window:>7}"
            f"{o.outside:>8}{o.lost:>6}{f'{o.failed}/{o.shown}':>13}{recovery:>11}"
            f"{o.wall:>8.0f}"
        )
    for o in outcomes:
        print(f"\n{o.name}:")
        if o.error:
            print(f"  FAILED: {o.error}")
        for note in o.notes:
            print(f"  {note}")
    print(f"\ntotal wall time: {total:.0f} s")

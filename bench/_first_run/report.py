"""bench/first_run.py's end: waiting (bounded) until the outbox is quiet, and the report with
its PASS or FAIL."""

import collections
import re
import time
from pathlib import Path

from bench._first_run.world import STATS


def quiet_state():
    from django_q.models import OrmQ

    from cohorts.models import InviteRun
    from website.models import OutboxMessage

    State = OutboxMessage.State
    busy = OutboxMessage.objects.filter(state__in=[State.PENDING, State.SENDING]).count()
    runs = InviteRun.objects.filter(finished_at__isnull=True).count()
    queued = OrmQ.objects.count()
    return busy, runs, queued


def wait_quiet(timeout: float) -> tuple[bool, float]:
    from django.db import connection

    started = time.monotonic()
    deadline = started + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        busy, runs, queued = quiet_state()
        connection.close()
        if busy == 0 and runs == 0 and queued == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 3:
                return True, time.monotonic() - started
        else:
            quiet_since = None
        time.sleep(1)
    return False, time.monotonic() - started


def report(*, minutes_run, log_path: Path, first_pk: int, quiet: bool, drain: float, stopped):
    from django.db.models import Count
    from django_q.models import Failure, OrmQ, Success

    from website.models import OutboxMessage

    State = OutboxMessage.State
    lines = []
    out = lines.append
    text = log_path.read_text(errors="replace")
    locked = text.count("database is locked")
    tracebacks = text.count("Traceback")
    reloads = text.count("changed, reloading")
    printed = re.findall(r"^Message-ID: (\S+)", text, re.MULTILINE)
    printed_count = collections.Counter(printed)
    duplicates = {mid: n for mid, n in printed_count.items() if n > 1}

    out(
        f"minutes run: {minutes_run:.1f} (then {drain:.0f} s until the outbox was quiet"
        f"{'' if quiet else ' — NOT quiet: gave up waiting'}); server stopped with {stopped}"
    )
    out("")
    out("actions performed, by kind:")
    for kind, n in sorted(STATS.actions.items()):
        out(f"  {n:5d}  {kind}")
    out(f"  {sum(STATS.actions.values()):5d}  total")
    if STATS.refused:
        out("refused by the rules (expected, not failures):")
        for kind, n in sorted(STATS.refused.items()):
            out(f"  {n:5d}  {kind}")
    out(f"errors in this process's service calls / scripted visits: {len(STATS.errors)}")
    for kind, error in STATS.errors[:5]:
        out(f"  [{kind}] " + error.strip().replace("\n", "\n    "))
    out("")
    out("HTTP answers by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(STATS.http.items())))
    out(f"  5xx (other than /helse/): {len(STATS.http_5xx)} {STATS.http_5xx[:10]}")
    out("  /helse/: " + ", ".join(f"{k}: {v}" for k, v in sorted(STATS.health.items())))
    out(
        f"  connection errors (retried): {len(STATS.http_conn_errors)} {STATS.http_conn_errors[:5]}"
    )
    out("")
    succeeded = Success.objects.count()
    failures = list(Failure.objects.order_by("started"))
    left = OrmQ.objects.count()
    out(f"django-q tasks: succeeded {succeeded}, failed {len(failures)}, still queued {left}")
    by_func = Success.objects.values("func").annotate(n=Count("id")).order_by("-n")
    for row in by_func:
        out(f"  {row['n']:5d}  ok      {row['func']}")
    for task in failures:
        result = str(task.result or "").strip().splitlines()
        out(f"  FAILED  {task.func} ({task.name}): {result[-1] if result else ''}")
    out("")
    out(
        f'server log ({log_path}): "database is locked": {locked}, "Traceback": {tracebacks}, '
        f"autoreloads: {reloads}"
    )
    out("")
    rows = OutboxMessage.objects.filter(pk__gt=first_pk)
    states = collections.Counter(rows.values_list("state", flat=True))
    out(
        f"e-mails (outbox rows written during the run: {rows.count()}): "
        + ", ".join(f"{s}: {states.get(s, 0)}" for s in State.values)
    )
    kinds = rows.values("kind", "state").annotate(n=Count("id")).order_by("kind", "state")
    for row in kinds:
        out(f"  {row['n']:5d}  {row['state']:8s} {row['kind']}")
    sent_ids = {m.message_id for m in rows.filter(state=State.SENT)}
    all_ids = {m.message_id for m in OutboxMessage.objects.all()}
    not_printed = sent_ids - set(printed)
    unknown = set(printed) - all_ids
    out(f"  printed by the console backend (Message-ID headers in the log): {len(printed)}")
    out(f"  distinct Message-IDs printed: {len(printed_count)}")
    out(f"  Message-IDs printed more than once: {len(duplicates)} {list(duplicates.items())[:5]}")
    out(f"  rows marked sent but never printed: {len(not_printed)}")
    out(f"  printed Message-IDs that match no row: {len(unknown)}")
    leftover = states.get(State.PENDING, 0) + states.get(State.SENDING, 0)
    leftover += OutboxMessage.objects.filter(
        pk__lte=first_pk, state__in=[State.PENDING, State.SENDING, State.FAILED]
    ).count()

    reasons = []
    if failures:
        reasons.append(f"{len(failures)} task(s) failed")
    if locked:
        reasons.append(f'{locked} "database is locked" in the log')
    if tracebacks:
        reasons.append(f"{tracebacks} Traceback(s) in the log")
    if duplicates:
        reasons.append(f"{len(duplicates)} Message-ID(s) printed more than once")
    if leftover or states.get(State.FAILED, 0):
        reasons.append(
            f"outbox rows left pending/sending: {leftover}, failed: {states.get(State.FAILED, 0)}"
        )
    if not_printed:
        reasons.append(f"{len(not_printed)} row(s) marked sent but never printed")
    if STATS.http_5xx:
        reasons.append(f"{len(STATS.http_5xx)} HTTP 5xx answer(s)")
    if STATS.errors:
        reasons.append(f"{len(STATS.errors)} error(s) in this process")
    if not quiet:
        reasons.append("the outbox did not become quiet in time")
    out("")
    out("PASS" if not reasons else "FAIL: " + "; ".join(reasons))
    print("\n".join(lines), flush=True)
    return not reasons

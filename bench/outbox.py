"""The outbox under crashes: real qcluster senders killed with SIGKILL, an SMTP sink that counts.

    .venv/bin/python bench/outbox.py [--count 150] [--outage-count 100] [--outage 30]
        [--latency 0.3] [--scenarios abcd]
        [--database-url postgres://postgres@127.0.0.1:5432/medvirk_bench_outbox]

Run by hand, not in CI; it takes 10–14 minutes (c alone 5–8: each kill also stops the
invite run, which django-q hands out again only after 150 s) and stops by itself, killing
its subprocesses on the way out (also on an error or Ctrl-C). DATABASE_URL in the
environment is used when --database-url is not given. The PostgreSQL database named in the
URL is dropped and created (and a `<name>_template` beside it, dropped at the end); each
scenario starts from a fresh copy of the migrated database (so the one-minute
`website.tasks.send_outbox` schedule is there, as after `migrate`). The last scenario's
database is left for inspection.

In this process: a small SMTP sink on 127.0.0.1 (a free port) that answers each DATA only
after `--latency` seconds and counts a message as delivered when it sends the 250; it can be
made unreachable (listening socket closed: connection refused). Beside it: two real
`manage.py qcluster` processes (website.settings.production, Q_WORKERS=2 each, so four
senders compete), each in its own process group, with EMAIL_HOST/EMAIL_PORT pointing at the
sink, EMAIL_USE_TLS=false, and the script's DATABASE_URL, SECRET_KEY and MEDIA_ROOT. Their
logs go to a temporary directory (printed). The outbox settings are the production defaults
(lease 30 s, back-off from 30 s, 8 attempts, linger 40 s) unless OUTBOX_* is set in the
environment; the figures printed are for the values shown in the first lines. This process
itself runs with STAFF_MFA_REQUIRED=false, only to open the admin's outbox list as a
superuser. `--latency 6 --scenarios d --outage 1` makes a sender task outlive django-q's
120 s task timeout (it shows among django-q's failed tasks).

Scenarios, each on fresh data:
  a  a coordinator issues COUNT certificates of a finished gathering (`certificate_issue`,
     one commit each; the PDF by task, attached when the e-mail goes);
  b  a coordinator accepts COUNT applications (`enrolment_decide_many`): each writes the
     "seat confirmed" e-mail and the calendar invite (2 × COUNT messages);
  c  COUNT people hold sent invites; a session's time changes and the coordinator starts an
     update run (`invite_run_start(kind="update")`): the run (a task) writes COUNT updates;
  d  the mail server is unreachable for OUTAGE seconds while OUTAGE_COUNT applications
     (`enrolment_apply`, "application received") are written; then it comes back.
In a–c both clusters are killed with SIGKILL (the whole process group) when 10 %, 50 % and
90 % of the expected messages have reached the sink, and restarted at once; then the script
waits (bounded) until the outbox is quiet: no pending or sending rows, all expected rows
written (and in c the run finished).

Per scenario one line: messages expected / delivered (distinct Message-IDs at the sink that
belong to rows) / duplicated (Message-IDs received more than once), split into those inside
the SMTP window and outside it (must be 0). Inside the window means: the row was claimed
again (attempts > 1) and the first copy's 250 was sent within 1 s of a SIGKILL — its sender
died after the server accepted the message and before it marked the row sent, and the
message went again, with the same Message-ID, when the lease ran out. (The sink counts a
message as delivered when it writes the 250, and a SIGKILLed qcluster takes 100–200 ms to
be gone — printed at each kill — so such a 250 often comes just after the signal, to a
process that is dying.) Then lost (rows sent or expected but never received, and rows
neither sent nor failed at the end; must be 0) and failed/shown (state failed / found on
the admin's *Utgående e-post* list filtered on failed). Then the recovery time (from the
last kill, or in d from the server's return, until the outbox was quiet; in c also until
the run had finished, below the table) and the wall time. Below the table: each duplicate
with its distance from the nearest kill, rows by attempts, and django-q's failed tasks (a
sender task that outlives Q_CLUSTER["timeout"] shows there). In c the invite run itself is
killed too: django-q hands its task out again only after Q_CLUSTER["retry"] (150 s), as the
run's progress printed at each kill shows. Exit status 1 if a figure that must be 0 is not,
or a wait timed out.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is first on sys.path, and bench/calendar.py would then
# stand in for the standard library's `calendar` module (which `email` imports): out with it
# before anything is imported, as bench/calendar.py does.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import contextlib  # noqa: E402
import datetime  # noqa: E402
import email.parser  # noqa: E402
import email.policy  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/medvirk_bench_outbox"
KILL_AT = (0.1, 0.5, 0.9)
# How far from a SIGKILL the first copy's 250 may be for a duplicate to count as inside the
# SMTP window (the kill's signal to the moment the processes are gone, under load).
WINDOW_SLACK = 1.0
CLUSTERS = 2


class BenchTimeout(Exception):
    """A bounded wait ran out: the scenario is reported as failed."""


def log(text):
    print(f"  {time.strftime('%H:%M:%S')} {text}", flush=True)


# --- the SMTP sink ------------------------------------------------------------------------


@dataclass
class Received:
    message_id: str
    rcpt: tuple  # the envelope's RCPT TO addresses
    to: str  # the To header
    subject: str
    at: float  # time.monotonic() when the 250 was sent


class SmtpSink:
    """A minimal SMTP server on 127.0.0.1 in a thread of its own (asyncio). Each DATA is
    answered after `latency` seconds; a message counts as delivered when its 250 is written
    (if the client went away during the wait, it is counted as aborted instead)."""

    def __init__(self, latency: float):
        self.latency = latency
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.aborted = 0
        self.connections = 0
        self.server = None
        self.port = 0
        self.writers = set()
        self.headers = email.parser.BytesHeaderParser(policy=email.policy.default)

    def _call(self, coroutine, timeout=10):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def start(self):
        self.thread.start()
        self.up()

    def up(self):
        self._call(self._up())

    def down(self):
        self._call(self._down())

    def stop(self):
        try:
            self.down()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=5)

    async def _up(self):
        if self.server is not None:
            return
        self.server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True, limit=2**20
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def _down(self):
        """Unreachable: no socket listens (connection refused); open sessions are cut."""
        if self.server is None:
            return
        self.server.close()
        await self.server.wait_closed()
        self.server = None
        for writer in list(self.writers):
            writer.transport.abort()

    def reset(self):
        with self.lock:
            self.received, self.aborted, self.connections = [], 0, 0

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def delivered(self) -> int:
        with self.lock:
            return len({r.message_id for r in self.received})

    async def _handle(self, reader, writer):
        self.writers.add(writer)
        with self.lock:
            self.connections += 1
        rcpt = []
        try:
            writer.write(b"220 127.0.0.1 bench sink ESMTP\r\n")
            await writer.drain()
            while True:
                line = await asyncio.wait_for(reader.readline(), 60)
                if not line:
                    return
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-127.0.0.1\r\n250-8BITMIME\r\n250 HELP\r\n")
                elif verb == b"MAIL":
                    rcpt = []
                    writer.write(b"250 OK\r\n")
                elif verb == b"RCPT":
                    address = line.split(b":", 1)[1].strip().split(b" ")[0].strip(b"<>")
                    rcpt.append(address.decode("utf-8", "replace"))
                    writer.write(b"250 OK\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    lines = []
                    while True:
                        data_line = await asyncio.wait_for(reader.readline(), 60)
                        if not data_line:
                            return
                        if data_line in (b".\r\n", b".\n"):
                            break
                        lines.append(data_line[1:] if data_line.startswith(b".") else data_line)
                    await asyncio.sleep(self.latency)
                    if reader.at_eof() or writer.transport.is_closing():
                        with self.lock:
                            self.aborted += 1  # the client went away before the 250
                        return
                    headers = self.headers.parsebytes(b"".join(lines))
                    received = Received(
                        message_id=str(headers.get("Message-ID", "")).strip(),
                        rcpt=tuple(rcpt),
                        to=str(headers.get("To", "")),
                        subject=str(headers.get("Subject", "")),
                        at=time.monotonic(),
                    )
                    with self.lock:
                        self.received.append(received)
                    writer.write(b"250 OK queued\r\n")
                    rcpt = []
                elif verb in (b"RSET", b"NOOP"):
                    writer.write(b"250 OK\r\n")
                elif verb == b"HELO":
                    writer.write(b"250 127.0.0.1\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 Bye\r\n")
                    await writer.drain()
                    return
                else:
                    writer.write(b"502 Command not implemented\r\n")
                await writer.drain()
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            return
        finally:
            self.writers.discard(writer)
            writer.close()


# --- the qcluster processes -----------------------------------------------------------------


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, read from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


class Clusters:
    """`manage.py qcluster` processes, each the leader of its own process group."""

    def __init__(self, env, logdir: Path, count: int = CLUSTERS):
        self.env, self.logdir, self.count = env, logdir, count
        self.processes: list[subprocess.Popen] = []
        self.starts = 0

    def start(self):
        for _ in range(self.count):
            self.starts += 1
            path = self.logdir / f"qcluster-{self.starts:02d}.log"
            with open(path, "wb") as output:
                self.processes.append(
                    subprocess.Popen(
                        [sys.executable, str(ROOT / "manage.py"), "qcluster"],
                        cwd=ROOT,
                        env=self.env,
                        stdin=subprocess.DEVNULL,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )

    def wait_ready(self, timeout=60):
        """Until each cluster has its workers (the main process and at least 4 children)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(len(group_members(p.pid)) >= 5 for p in self.processes):
                return
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a qcluster exited at start; see {self.logdir}")
            time.sleep(0.2)
        raise BenchTimeout(f"qcluster not up after {timeout} s; see {self.logdir}")

    def kill(self) -> tuple[int, float, float]:
        """SIGKILL to every process group at once. Returns how many processes were killed,
        when (time.monotonic() just before the first signal), and how many seconds later the
        last of them was gone (its sockets closed; a busy process takes a while to die)."""
        killed = sum(len(group_members(p.pid)) for p in self.processes)
        moment = time.monotonic()
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        deadline = moment + 10
        while time.monotonic() < deadline:
            if not any(group_members(p.pid) for p in self.processes):
                break
            time.sleep(0.005)
        else:
            left = [group_members(p.pid) for p in self.processes]
            print(f"  warning: processes left in the groups: {left}", flush=True)
        gone = time.monotonic() - moment
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                print(f"  warning: qcluster {process.pid} did not die", flush=True)
        self.processes = []
        return killed, moment, gone


# --- the database ---------------------------------------------------------------------------


def admin_url(url):
    name = urlparse(url).path.lstrip("/")
    return url.replace(f"/{name}", "/postgres"), name


def recreate_database(url, template=None):
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')


def make_template(url) -> str:
    import psycopg

    admin, name = admin_url(url)
    template = f"{name}_template"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
    return template


def drop_database(url, name):
    import psycopg

    admin, _name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- data -----------------------------------------------------------------------------------


def people(count, label, organisation):
    """COUNT adult participants, members of `organisation`, with accounts; and an admin."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from cohorts.models import Participant

    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"{label}-{n}@bench.example", password=password) for n in range(count)]
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=u, full_name=f"Deltaker Nummer {n}", birth_date=datetime.date(2000, 1, 1)
            )
            for n, u in enumerate(users)
        ]
    )
    through = Participant.organisations.through
    through.objects.bulk_create(
        [through(participant_id=p.pk, organisation_id=organisation.pk) for p in participants]
    )
    return participants


def base_data():
    from django.contrib.auth import get_user_model

    from cohorts.models import Organisation

    organisation = Organisation.objects.create(
        name="Mental Helse Ungdom", short_code="MHU", contact_email="post@mhu.example"
    )
    admin = get_user_model().objects.create_superuser(
        email="koordinator@bench.example", password=secrets.token_hex(8)
    )
    admin.first_name, admin.last_name = "Kari", "Koordinator"
    admin.save()
    return organisation, admin


def future_gathering(slug, capacity, mode, admin):
    from django.utils import timezone

    from cohorts.models import Gathering, Session

    now = timezone.now()
    gathering = Gathering.objects.create(
        slug=slug,
        level="new",
        year=now.year,
        title="Samling for nye brukermedvirkere, Oslo",
        venue_name="Thon Hotel Opera",
        venue_address="Dronning Eufemias gate 4, Oslo",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=31, hours=7),
        capacity=capacity,
        enrolment_opens_at=now - datetime.timedelta(days=1),
        enrolment_closes_at=now + datetime.timedelta(days=20),
        admission_mode=mode,
        status="published",
    )
    for day, title in [(0, "Velkommen og rammer"), (1, "Oppsummering")]:
        start = gathering.starts_at + datetime.timedelta(days=day)
        Session.objects.create(
            gathering=gathering,
            title=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            room="Sal Ørnen",
        )
    gathering.coordinators.add(admin)
    return gathering


def applied_enrolments(gathering, participants, organisation):
    from cohorts.models import Enrolment

    Enrolment.objects.bulk_create(
        [
            Enrolment(
                participant=p, gathering=gathering, organisation=organisation, state="applied"
            )
            for p in participants
        ]
    )
    return list(Enrolment.objects.filter(gathering=gathering).order_by("pk"))


def certificate_data(count):
    """A finished gathering whose COUNT participants all attended (as bench/certificates.py)."""
    from django.utils import timezone

    from cohorts.models import Attendance, Enrolment, Gathering, Session

    organisation, admin = base_data()
    now = timezone.now()
    gathering = Gathering.objects.create(
        slug="ferdig",
        level="new",
        year=now.year,
        title="Samling for nye brukermedvirkere",
        venue_name="Thon Hotel Opera",
        venue_address="Oslo",
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=9),
        capacity=count,
        enrolment_opens_at=now - datetime.timedelta(days=60),
        enrolment_closes_at=now - datetime.timedelta(days=20),
        status="completed",
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Dag 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=6),
    )
    participants = people(count, "sertifikat", organisation)
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                participant=p, gathering=gathering, organisation=organisation, state="confirmed"
            )
            for p in participants
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                enrolment=e,
                session=session,
                status="present",
                minutes_attended=session.minutes,
                marked_at=now,
                method="coordinator",
            )
            for e in enrolments
        ]
    )
    return admin, list(Enrolment.objects.filter(gathering=gathering).order_by("pk"))


# --- measuring ------------------------------------------------------------------------------


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


# --- scenarios ------------------------------------------------------------------------------


def in_thread(act, state, outcome):
    """Run `act(state, outcome)` in a thread with its own database connection."""
    result = {}

    def target():
        from django.db import connection

        try:
            result["value"] = act(state, outcome)
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target, name="action", daemon=True)
    thread.start()
    return thread, result


class Bench:
    def __init__(self, args, sink, env, logdir):
        self.args, self.sink, self.env, self.logdir = args, sink, env, logdir
        self.clusters = Clusters(env, logdir)
        self.template = None

    def fresh_database(self):
        from django.db import connections

        connections.close_all()
        recreate_database(self.args.database_url, template=self.template)

    def run(
        self, name, expected, prepare, act, kills=True, extra=None, extra_label="", progress=None
    ):
        """Fresh data, senders up; the action (in a thread, as a coordinator's request would
        be) while SIGKILLs land at 10/50/90 % of the expected messages; then quiet."""
        from website.models import OutboxMessage

        print(f"\n[{name}]", flush=True)
        outcome = Outcome(name=name, expected=expected)
        started = time.monotonic()
        kill_times = []
        admin, baseline = None, 0
        progress = progress or (lambda: "")
        try:
            self.fresh_database()
            self.sink.reset()
            admin, state = prepare()
            baseline = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()
            baseline = baseline or 0
            self.clusters.start()
            self.clusters.wait_ready()
            log(f"{CLUSTERS} qclusters up; {expected} messages expected")
            action, result = in_thread(act, state, outcome)
            if kills:
                for fraction in KILL_AT:
                    target = max(1, round(expected * fraction))
                    wait_for(
                        f"{target} messages at the sink",
                        lambda target=target: self.sink.delivered() >= target,
                        timeout=360,
                        interval=0.02,
                    )
                    at = self.sink.delivered()
                    processes, moment, gone = self.clusters.kill()
                    kill_times.append(moment)
                    sending = OutboxMessage.objects.filter(state="sending").count()
                    log(
                        f"SIGKILL {processes} processes (all gone {gone * 1000:.0f} ms later) "
                        f"at {at}/{expected} delivered; "
                        f"{sending} rows left in 'sending' (their leases must run out)"
                        f"{progress()}; restart"
                    )
                    self.clusters.start()
            action.join(timeout=300)
            if action.is_alive():
                raise BenchTimeout("the action did not finish within 300 s")
            if "error" in result:
                raise result["error"]
            last = kill_times[-1] if kill_times else result["value"]
            quiet, done = wait_quiet(baseline, expected, extra)
            outcome.recovery = quiet - last
            since = "the last kill" if kill_times else "the server came back"
            log(f"outbox quiet {outcome.recovery:.1f} s after {since}")
            if done is not None:
                outcome.notes.append(f"{extra_label} {done - last:.1f} s after {since}")
                log(f"{extra_label} {done - last:.1f} s after {since}{progress()}")
            measure(outcome, baseline, self.sink, kill_times, admin)
        except Exception as error:  # noqa: BLE001 - reported in the scenario's line
            outcome.error = f"{type(error).__name__}: {error}"
            log(f"FAILED: {outcome.error}")
            if not isinstance(error, BenchTimeout):
                traceback.print_exc()
            try:
                measure(outcome, baseline, self.sink, kill_times, admin)
            except Exception as inner:  # noqa: BLE001 - the first error is what we report
                outcome.notes.append(f"could not measure: {inner!r}")
        finally:
            self.clusters.kill()
            self.sink.up()
        outcome.wall = time.monotonic() - started
        return outcome

    # a -----------------------------------------------------------------------------------

    def certificates(self):
        count = self.args.count

        def prepare():
            admin, enrolments = certificate_data(count)
            return admin, (admin, enrolments)

        def act(state, outcome):
            from certificates.services import certificate_issue

            admin, enrolments = state
            began = time.monotonic()
            for enrolment in enrolments:
                certificate_issue(enrolment=enrolment, actor=admin)
            log(f"{count} certificates issued in {time.monotonic() - began:.1f} s")
            return began

        return self.run(f"a: {count} certificates issued", count, prepare, act)

    # b -----------------------------------------------------------------------------------

    def _accepted(self, label):
        from cohorts.models import Gathering

        count = self.args.count
        organisation, admin = base_data()
        gathering = future_gathering(label, count, Gathering.AdmissionMode.APPLICATION, admin)
        enrolments = applied_enrolments(gathering, people(count, label, organisation), organisation)
        return admin, gathering, enrolments

    def invites(self):
        count = self.args.count

        def prepare():
            admin, gathering, enrolments = self._accepted("invitasjon")
            return admin, (admin, enrolments)

        def act(state, outcome):
            from cohorts.services import enrolment_decide_many

            admin, enrolments = state
            began = time.monotonic()
            done, refused = enrolment_decide_many(
                enrolments=enrolments, decision="accept", actor=admin
            )
            if refused:
                outcome.notes.append(f"{len(refused)} refused: {refused[0][1]}")
            log(f"{len(done)} seats confirmed in {time.monotonic() - began:.1f} s")
            return began

        return self.run(f"b: {count} seats confirmed (e-mail + invite)", 2 * count, prepare, act)

    # c -----------------------------------------------------------------------------------

    def update(self):
        count = self.args.count
        run_ids = []

        def prepare():
            from django.utils import timezone
            from django_q.models import OrmQ

            from cohorts.services import enrolment_decide_many
            from website.models import OutboxMessage

            admin, gathering, enrolments = self._accepted("oppdatering")
            enrolment_decide_many(enrolments=enrolments, decision="accept", actor=admin)
            # As if those e-mails and invites went out earlier.
            OutboxMessage.objects.update(state="sent", sent_at=timezone.now(), attempts=1)
            OrmQ.objects.all().delete()
            return admin, (admin, gathering)

        def act(state, outcome):
            from cohorts.services import invite_run_start

            admin, gathering = state
            session = gathering.sessions.order_by("starts_at").first()
            session.starts_at += datetime.timedelta(hours=1)
            session.ends_at += datetime.timedelta(hours=1)
            session.save()
            began = time.monotonic()
            run = invite_run_start(gathering=gathering, kind="update", actor=admin)
            run_ids.append(run.pk)
            log(f"session moved one hour; update run #{run.pk} started")
            return began

        def run_finished():
            from cohorts.models import InviteRun

            return InviteRun.objects.filter(pk__in=run_ids, finished_at__isnull=False).exists()

        def run_progress():
            from cohorts.models import InviteRun

            run = InviteRun.objects.filter(pk__in=run_ids).first()
            if run is None:
                return "; invite run not started yet"
            done = "finished" if run.finished_at else "not finished"
            return f"; invite run {run.processed}/{run.total} processed, {done}"

        return self.run(
            f"c: update run after a time change, {count} people",
            count,
            prepare,
            act,
            extra=run_finished,
            extra_label="invite run finished",
            progress=run_progress,
        )

    # d -----------------------------------------------------------------------------------

    def outage(self):
        count, outage = self.args.outage_count, self.args.outage

        def prepare():
            from cohorts.models import Gathering

            organisation, admin = base_data()
            gathering = future_gathering("nede", count, Gathering.AdmissionMode.APPLICATION, admin)
            return admin, (gathering, people(count, "nede", organisation), organisation)

        def act(state, outcome):
            from cohorts.services import enrolment_apply

            gathering, participants, organisation = state
            back = {}

            def server_back():
                self.sink.up()
                back["at"] = time.monotonic()

            self.sink.down()
            down = time.monotonic()
            timer = threading.Timer(outage, server_back)
            timer.daemon = True
            timer.start()
            log(f"mail server unreachable for {outage} s")
            try:
                for participant in participants:
                    enrolment_apply(
                        participant=participant, gathering=gathering, organisation=organisation
                    )
                log(f"{count} applications written in {time.monotonic() - down:.1f} s")
                timer.join(timeout=outage + 10)
            finally:
                timer.cancel()
            if "at" not in back:
                raise BenchTimeout("the SMTP sink did not come back")
            log(f"mail server back after {back['at'] - down:.1f} s")
            return back["at"]

        return self.run(
            f"d: server unreachable {outage} s, {count} applications",
            count,
            prepare,
            act,
            kills=False,
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--outage-count", type=int, default=100)
    parser.add_argument("--outage", type=float, default=30.0, help="seconds unreachable")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds before each 250")
    parser.add_argument("--scenarios", default="abcd")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("a PostgreSQL database is needed (SELECT … FOR UPDATE SKIP LOCKED)")

    started = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` runs
    workdir = Path(tempfile.mkdtemp(prefix="medvirk-bench-outbox-"))
    (workdir / "media").mkdir()
    (workdir / "static").mkdir()
    sink = SmtpSink(args.latency)
    sink.start()
    shared = {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_USE_TLS": "false",
        "Q_WORKERS": "2",
    }
    worker_env = {**os.environ, **shared}
    worker_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # This process only: quiet logs, and the admin check logs a superuser in without 2FA.
    os.environ.update({**shared, "LOG_LEVEL": "WARNING", "STAFF_MFA_REQUIRED": "false"})

    bench = Bench(args, sink, worker_env, workdir)
    outcomes = []
    try:
        recreate_database(args.database_url)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        connections.close_all()
        bench.template = make_template(args.database_url)
        print(
            f"PostgreSQL {urlparse(args.database_url).path.lstrip('/')}; SMTP sink "
            f"127.0.0.1:{sink.port}, {args.latency} s before each 250; {CLUSTERS} × "
            f"qcluster (Q_WORKERS=2); qcluster logs in {workdir}"
        )
        print(
            f"OUTBOX settings in effect: {settings.OUTBOX}; EMAIL_TIMEOUT "
            f"{settings.EMAIL_TIMEOUT} s; Q_CLUSTER timeout {settings.Q_CLUSTER['timeout']} s, "
            f"retry {settings.Q_CLUSTER['retry']} s",
            flush=True,
        )
        scenarios = {
            "a": bench.certificates,
            "b": bench.invites,
            "c": bench.update,
            "d": bench.outage,
        }
        for key in args.scenarios:
            outcomes.append(scenarios[key]())
    finally:
        bench.clusters.kill()
        sink.stop()
        if bench.template:
            try:
                from django.db import connections

                connections.close_all()
                drop_database(args.database_url, bench.template)
            except Exception as error:  # noqa: BLE001 - cleaning up
                print(f"could not drop the template database: {error}")
    report(outcomes, time.monotonic() - started)
    sys.exit(1 if any(o.bad for o in outcomes) else 0)


if __name__ == "__main__":
    main()

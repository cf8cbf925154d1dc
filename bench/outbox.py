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

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import os
import secrets
import signal
import tempfile
import time
from urllib.parse import urlparse

from bench._outbox.clusters import CLUSTERS
from bench._outbox.measure import report
from bench._outbox.scenarios import Bench
from bench._outbox.sink import SmtpSink
from bench.support import database
from bench.support.setup import start_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/medvirk_bench_outbox"


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
        "CREDENTIAL_SIGNING_KEYS": "bench:" + secrets.token_urlsafe(32),
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
        database.recreate(args.database_url)
        start_django(args.database_url, "website.settings.production")
        from django.conf import settings
        from django.db import connections

        connections.close_all()
        bench.template = database.make_template(args.database_url)
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
                database.drop(args.database_url, bench.template)
            except Exception as error:  # noqa: BLE001 - cleaning up
                print(f"could not drop the template database: {error}")
    report(outcomes, time.monotonic() - started)
    sys.exit(1 if any(o.bad for o in outcomes) else 0)


if __name__ == "__main__":
    main()

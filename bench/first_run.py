"""`make run` on a fresh clone, used for N minutes: no task fails, no e-mail goes twice.

    .venv/bin/python bench/first_run.py [--minutes 10] [--port 0] [--seed 1] [--visitors 2]

Run by hand, not in CI; it takes the minutes asked for plus set-up (migrate and load_demo, a
few minutes on a slow machine) and the final drain (at most --drain-timeout seconds), and
stops by itself. Exit status 0 on PASS, 1 on FAIL.

1. A fresh SQLite database in a new temporary directory (printed; kept for inspection, with
   the server log): `manage.py migrate` and `manage.py load_demo` against it, as `make setup`
   does (dev settings: DEBUG on, console e-mail backend; MEDIA_ROOT in the same directory).
2. `scripts/serve-dev.sh` as `make run` starts it (runserver on 127.0.0.1:PORT and a django-q2
   `qcluster` beside it), in its own process group, stdout and stderr to `serve.log`; stopped
   at the end as check-first-run.sh does (SIGINT to the group, then SIGKILL if needed). Its
   environment differs from a bare `make run` only in: DATABASE_URL, PORT, BASE_URL,
   MEDIA_ROOT, STAFF_MFA_REQUIRED=false (staff log in without TOTP, as the README suggests for
   trying the demo), PYTHONUNBUFFERED=1, and the per-client rate limits of the account forms
   raised (RATE_LIMIT_LOGIN/SIGNUP/PASSWORD_RESET), because every simulated visitor comes
   from 127.0.0.1; the per-address limits stay as they are.
3. For --minutes minutes, at the same time:
   - --visitors HTTP threads (requests, cookie jar, CSRF) browse like people: public pages
     (/, /samlinger/, gathering pages, /program/…, search, calendar files, /helse/,
     certificate verification), participants and coordinators log in at /konto/login/ and
     look at /min-side/ and /admin/pameldinger/…, participants accept offered seats on
     /min-side/, new people sign up (allauth's confirmation e-mail), some follow the link
     from that e-mail, fill in their profile and apply on /samlinger/<slug>/pamelding/,
     and people ask for password resets (known and unknown addresses);
   - this process (django.setup() with the same DATABASE_URL and settings) calls the real
     services as an administrator or coordinator would, each call its own transaction:
     the admin creates one gathering by application for new representatives, new
     participants are registered and apply (`enrolment_apply`; some under 18 with a
     guardian, who opens the link and confirms: `guardian_confirm`), participants cancel
     (`enrolment_cancel`) and answer offers (`offer_respond`), coordinators accept, reject
     or waitlist (`enrolment_decide`), issue certificates for the finished demo gathering
     (`certificate_issue`, now and then `certificate_reissue`), and change a session's room
     and start an invite run (`invite_run_start(kind="update")`).
   So the web process, the worker and this process write to the SQLite file at once.
4. Then it waits (bounded) until the outbox is quiet (no pending/sending rows, no unfinished
   invite run, no queued task) and prints: minutes run; actions by kind (and rule refusals,
   which are normal); HTTP answers by status; django-q tasks succeeded/failed (names of the
   failed); "database is locked" and "Traceback" in the server log; e-mails: outbox rows of
   this run sent/failed/skipped/pending, e-mails printed by the console backend (`Message-ID:`
   headers in the log), distinct Message-IDs, Message-IDs printed more than once, rows marked
   sent but never printed; and PASS or FAIL. FAIL if a task failed, the log has "database is
   locked" or a Traceback, a Message-ID was printed twice, an outbox row is left pending,
   sending or failed, a sent row was never printed, an HTTP answer was 5xx (other than
   /helse/), or a service call in this process failed with anything but a rule refusal.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import random
import signal
import subprocess
import tempfile
import threading
import time

from bench._first_run.report import report, wait_quiet
from bench._first_run.server import (
    django_setup,
    free_port,
    manage,
    server_env,
    wait_until_up,
    worker_running,
)
from bench._first_run.staff import Admin, admin_loop
from bench._first_run.visitors import Visitor, visitor_loop
from bench._first_run.world import HTTP_TIMEOUT, World
from bench.support.processes import start_group, stop_group


def git_state() -> str:
    """Which code ran: the commit and whether the work tree had changes (others may edit)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    except OSError:
        return "unknown"
    changed = [line[3:] for line in dirty if line.strip()]
    return f"{head}" + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--visitors", type=int, default=2, help="HTTP visitor threads")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    args = parser.parse_args()
    # Ctrl-C stops this script (and, in `finally`, the server). The server's processes get the
    # default SIGINT/SIGQUIT however this script was started (a shell's background job ignores
    # them), as under `make run` in a terminal; otherwise runserver would ignore the SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)

    workdir = Path(tempfile.mkdtemp(prefix="medvirk-first-run-"))
    database_url = f"sqlite:///{workdir}/medvirk.sqlite3"  # sqlite:////tmp/…/medvirk.sqlite3
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(workdir, database_url, port)
    setup_log = workdir / "setup.log"
    serve_log = workdir / "serve.log"
    print(f"work directory: {workdir} (database, setup.log, serve.log)", flush=True)
    print(f"DATABASE_URL={database_url}", flush=True)
    print(f"code: {git_state()}", flush=True)

    t0 = time.monotonic()
    manage(["migrate", "--no-input"], env, setup_log, timeout=900)
    manage(["load_demo"], env, setup_log, timeout=900)
    print(f"migrate + load_demo: {time.monotonic() - t0:.0f} s", flush=True)

    django_setup(env)
    from website.models import OutboxMessage

    first_pk = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    world = World()

    proc = start_group(["scripts/serve-dev.sh"], env=env, log_path=serve_log)  # as setsid
    stop = threading.Event()
    threads = []
    stopped = "not started"
    minutes_run = 0.0
    quiet, drain = False, 0.0
    try:
        wait_until_up(base, proc, timeout=180)
        time.sleep(2)
        if not worker_running(proc.pid):
            raise SystemExit("the task worker (manage.py qcluster) is not running")
        print(
            f"serve-dev.sh up on {base} (process group {proc.pid}); "
            f"using the site for {args.minutes:g} min …",
            flush=True,
        )
        started = time.monotonic()
        deadline = started + args.minutes * 60
        rng = random.Random(args.seed)
        admin = Admin(world, random.Random(rng.random()), base)
        admin.create_application_gathering()
        for i in range(args.visitors):
            visitor = Visitor(world, base, random.Random(rng.random()))
            thread = threading.Thread(
                target=visitor_loop,
                args=(visitor, deadline, stop),
                name=f"visitor-{i}",
                daemon=True,
            )
            thread.start()
            threads.append(thread)
        admin_loop(admin, deadline, stop)
        for thread in threads:
            thread.join(timeout=HTTP_TIMEOUT * 4)
        minutes_run = (time.monotonic() - started) / 60
        if proc.poll() is not None:
            print("serve-dev.sh has stopped by itself!", flush=True)
        elif not worker_running(proc.pid):
            print("the task worker has stopped by itself!", flush=True)
        print(
            f"done using the site after {minutes_run:.1f} min; waiting for the outbox …", flush=True
        )
        quiet, drain = wait_quiet(args.drain_timeout)
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=HTTP_TIMEOUT * 2)
        stopped = stop_group(proc)  # as check-first-run.sh: SIGINT to the group, then KILL
    print("", flush=True)
    ok = report(
        minutes_run=minutes_run,
        log_path=serve_log,
        first_pk=first_pk,
        quiet=quiet,
        drain=drain,
        stopped=stopped,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

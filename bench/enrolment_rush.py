"""An enrolment rush against PostgreSQL: N concurrent applicants for 60 seats over three quotas.

    .venv/bin/python bench/enrolment_rush.py [--applicants 1000] [--concurrency 32]
        [--baseline c1a2984] [--database-url postgres://postgres:postgres@127.0.0.1:5432/medvirk_rush]
        [--port 8765] [--rounds 1]

Runs the rush on fresh gatherings — once calling the service layer from threads (each with its
own connection), then over HTTP against a local gunicorn (4 workers) serving this checkout,
and over HTTP again against the same gunicorn serving the code of the `--baseline` commit
(extracted with `git archive` into a temporary directory; default: the code before issue 20's
lean application path), on the same database — and prints applications per second,
p50/p95/p99 latency, seats given, overbooked and wrongly waitlisted counts (all must be 0),
lock time-outs and the ratio HTTP now / HTTP baseline (with `--rounds N`, N rushes of each,
alternating, each on a fresh gathering: the ratio is of the total times). In the same run,
pgbench measures single-row updates per second at the same concurrency: the ceiling for work
serialised on one row, as ours is on the gathering's row. The database named in the URL is
dropped and created. `--baseline ""` skips the baseline.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import http.client
import os
import re
import secrets
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from bench.support import data
from bench.support.figures import percentile
from bench.support.processes import baseline_checkout, start_gunicorn
from bench.support.setup import setup_django

PGBENCH = next(
    (p for p in ["/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"] if os.path.exists(p)),
    "pgbench",
)


def make_rush(applicants, seats, label):
    """A published first-come gathering (quotas of 30 % each, 10 % pool) and its applicants,
    adults, members of the three organisations in turn."""
    organisations = data.organisations("MHU", "BAR", "LFB")
    gathering = data.open_gathering(
        f"rush-{label}", seats, quotas=[(o, int(seats * 0.3)) for o in organisations]
    )
    participants = data.people(applicants, label, organisations, name="Søker {n}")
    return gathering, [(p, organisations[n % 3]) for n, p in enumerate(participants)]


def outcome(gathering):
    from cohorts.models import Enrolment
    from cohorts.selectors import seat_counts

    counts = seat_counts(gathering)
    over_quota = sum(
        max(0, counts.held.get(org, 0) - quota - counts.pool)
        for org, quota in counts.quotas.items()
    )
    waiting = Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.WAITLISTED)
    wrongly = sum(1 for e in waiting if counts.has_seat_for(e.organisation_id))
    return {
        "seats given": counts.total_held,
        "overbooked": max(0, counts.total_held - counts.capacity) + over_quota,
        "wrongly waitlisted": wrongly,
        "enrolments": Enrolment.objects.filter(gathering=gathering).count(),
    }


def timed_pool(calls, concurrency):
    from django.db import OperationalError, connection

    latencies, lock_timeouts, errors = [], [0], []
    lock = threading.Lock()

    def run(call):
        start = time.perf_counter()
        try:
            call()
        except OperationalError:
            with lock:
                lock_timeouts[0] += 1
        except Exception as error:  # noqa: BLE001 - counted and reported, the rush goes on
            errors.append(repr(error))
        finally:
            connection.close()
        with lock:
            latencies.append(time.perf_counter() - start)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(run, calls))
    return time.perf_counter() - started, latencies, lock_timeouts[0], errors


def rush_services(applicants, seats, concurrency):
    from cohorts.services import enrolment_apply

    gathering, people = make_rush(applicants, seats, "services")
    calls = [
        lambda p=p, o=o: enrolment_apply(participant=p, gathering=gathering, organisation=o)
        for p, o in people
    ]
    return gathering, timed_pool(calls, concurrency)


def rush_http(applicants, seats, concurrency, database_url, root=ROOT, label="http", port=8765):
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    gathering, people = make_rush(applicants, seats, label)
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret is accepted as the token
    cookies = []
    for participant, _organisation in people:
        session = SessionStore()
        session["_auth_user_id"] = str(participant.user_id)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = participant.user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={csrf}")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url}
    server = start_gunicorn(port, env=env, root=root)
    statuses = []

    def post(cookie, organisation):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = f"csrfmiddlewaretoken={csrf}&organisation={organisation.pk}&motivation=rush"
        connection.request(
            "POST",
            f"/samlinger/{gathering.slug}/pamelding/",
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Host": "127.0.0.1",
            },
        )
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        if response.status != 302:
            raise RuntimeError(f"HTTP {response.status}")

    try:
        calls = [lambda c=c, o=o: post(c, o) for c, (_p, o) in zip(cookies, people, strict=True)]
        result = timed_pool(calls, concurrency)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return gathering, result


def pgbench(database_url, concurrency, seconds=10):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_counter")
        conn.execute("CREATE TABLE bench_counter (id int PRIMARY KEY, n bigint)")
        conn.execute("INSERT INTO bench_counter VALUES (1, 0)")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("UPDATE bench_counter SET n = n + 1 WHERE id = 1;\n")
    parsed = urlparse(database_url)
    env = {**os.environ, "PGPASSWORD": parsed.password or ""}
    output = subprocess.run(
        [
            PGBENCH,
            "-n",
            "-c",
            str(concurrency),
            "-j",
            "2",
            "-T",
            str(seconds),
            "-f",
            script.name,
            "-h",
            parsed.hostname,
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username,
            parsed.path.lstrip("/"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    return float(re.search(r"tps = ([0-9.]+)", output).group(1))


def report(name, gathering, result, applicants):
    elapsed, latencies, lock_timeouts, errors = result
    figures = outcome(gathering)
    rate = applicants / elapsed
    print(f"\n{name}")
    print(f"  applications/s      {rate:10.1f}   ({applicants} in {elapsed:.1f} s)")
    p50, p95, p99 = (percentile(latencies, f) * 1000 for f in (0.5, 0.95, 0.99))
    print(f"  latency p50/p95/p99 {p50:7.1f} / {p95:.1f} / {p99:.1f} ms")
    for key, value in figures.items():
        print(f"  {key:<20}{value:10d}")
    print(f"  lock time-outs      {lock_timeouts:10d}")
    print(f"  other errors        {len(errors):10d}" + (f"  e.g. {errors[0]}" if errors else ""))
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--baseline", default="c1a2984", help="git revision to compare with")
    parser.add_argument(
        "--database-url", default="postgres://postgres:postgres@127.0.0.1:5432/medvirk_rush"
    )
    parser.add_argument("--port", type=int, default=8765, help="the local gunicorn's port")
    parser.add_argument(
        "--rounds", type=int, default=1, help="HTTP rushes of each side, alternating"
    )
    args = parser.parse_args()

    setup_django(args.database_url)
    quota = int(args.seats * 0.3)
    print(
        f"{args.applicants} applicants, {args.seats} seats (quotas 3 × {quota}, pool "
        f"{args.seats - 3 * quota}), {args.concurrency} at once, PostgreSQL"
    )
    service_rate = report(
        "service layer (threads, one connection each)",
        *rush_services(args.applicants, args.seats, args.concurrency),
        args.applicants,
    )
    http_rates, baseline_rates = [], []
    with tempfile.TemporaryDirectory(prefix="medvirk-baseline-") as directory:
        root = baseline_checkout(args.baseline, directory) if args.baseline else None
        # Round by round, this checkout then the baseline: on a shared machine the load
        # changes over minutes, and alternating spreads it over both sides.
        for round_number in range(1, args.rounds + 1):
            suffix = f" (round {round_number} of {args.rounds})" if args.rounds > 1 else ""
            http_rates.append(
                report(
                    f"HTTP (local gunicorn, 4 workers), this checkout{suffix}",
                    *rush_http(
                        args.applicants,
                        args.seats,
                        args.concurrency,
                        args.database_url,
                        label=f"http{round_number}",
                        port=args.port,
                    ),
                    args.applicants,
                )
            )
            if root is not None:
                baseline_rates.append(
                    report(
                        f"HTTP (local gunicorn, 4 workers), baseline {args.baseline}{suffix}",
                        *rush_http(
                            args.applicants,
                            args.seats,
                            args.concurrency,
                            args.database_url,
                            root=root,
                            label=f"baseline{round_number}",
                            port=args.port,
                        ),
                        args.applicants,
                    )
                )
    # Rates of equal amounts of work: their harmonic mean is the total work over total time.
    http_rate = len(http_rates) / sum(1 / rate for rate in http_rates)
    baseline_rate = (
        len(baseline_rates) / sum(1 / rate for rate in baseline_rates) if baseline_rates else None
    )
    tps = pgbench(args.database_url, args.concurrency)
    print(f"\npgbench single-row UPDATE, {args.concurrency} clients: {tps:.1f} tps")
    print(f"  ratio service layer / pgbench: {service_rate / tps:.3f}")
    print(f"  ratio HTTP / pgbench:          {http_rate / tps:.3f}")
    if baseline_rate:
        if args.rounds > 1:
            pairs = zip(http_rates, baseline_rates, strict=True)
            print(f"\nratio by round: {', '.join(f'{h / b:.2f}' for h, b in pairs)}")
            print(f"HTTP this checkout {http_rate:.1f}/s, baseline {baseline_rate:.1f}/s in all")
        ratio = http_rate / baseline_rate
        print(f"\nHTTP this checkout / HTTP baseline {args.baseline}: {ratio:.2f} ×")
    print(f"load average (1, 5, 15 min): {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()

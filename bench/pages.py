"""Requests per second for each public page type, cached and uncached, beside a bare Django view,
through gunicorn with four workers.

    .venv/bin/python bench/pages.py [--seconds 4] [--clients 8] [--rounds 3]
        [--baseline c1a2984]
        [--database-url postgres://postgres:postgres@127.0.0.1:5432/medvirk_bench_pages]

Builds a fresh PostgreSQL database (the one named in the URL is dropped and created), loads the
demo content, and starts two gunicorn servers (4 sync workers each, DEBUG off, the production
middleware): one with the anonymous page cache on (`PAGE_CACHE=true`), one with it off — and a
third serving the code of the `--baseline` commit (`git archive`, the code before issue 20;
`--baseline ""` skips it) on the same database. Then, round after round so that a busy machine
slows them alike, CLIENTS client processes request each page for SECONDS from each server as an
anonymous visitor, and a bare view (`/bench/trivial/`: one line, no template, no database) from
the cached server. Prints the median requests per second of the rounds for each page type
uncached, cached and at the baseline, the ratios cached / bare view and uncached / baseline, the
queries one uncached request makes (Django's test client, in this process: when the site memo
is built, and on the first view after a change, when it is not), and the machine's load average.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import http.client
import multiprocessing
import os
import signal
import statistics
import tempfile
import time

from bench.support.processes import baseline_checkout, start_gunicorn
from bench.support.setup import setup_django

COURSE = "/program/nye-brukermedvirkere/"
PAGES = {
    "home": "/",
    "programme": "/program/",
    "course": COURSE,
    "module": COURSE + "retten-til-a-bli-hort/",
    "gatherings": "/samlinger/",
    "gathering": None,  # the first published gathering of the demo
}
TRIVIAL = "/bench/trivial/"


def start_server(port, database_url, cache_on, root=ROOT):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "PAGE_CACHE": "true" if cache_on else "false",
    }
    return start_gunicorn(port, env=env, root=root)


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _client(port, path, seconds, counter):
    done = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        response = get(port, path)
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        done += 1
    with counter.get_lock():
        counter.value += done


def rate(port, path, seconds, clients):
    for _ in range(3):
        get(port, path)  # warm: the worker's imports, the cache entry
    counter = multiprocessing.Value("i", 0)
    processes = [
        multiprocessing.Process(target=_client, args=(port, path, seconds, counter))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode:
            raise RuntimeError(f"a client failed on {path}")
    return counter.value / (time.perf_counter() - started)


def queries_uncached(path):
    """The queries of one request the page cache does not answer: (with the site memo built,
    on the first view after a change in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from website import sitememo

    counts = []
    with override_settings(PAGE_CACHE={"enabled": False}):
        client = Client()
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts.append(len(captured))
        sitememo.forget()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts.append(len(captured))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default="c1a2984", help="git revision to compare with")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres:postgres@127.0.0.1:5432/medvirk_bench_pages",
    )
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.core.management import call_command

    from cohorts.models import Gathering

    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    gathering = Gathering.objects.filter(status=Gathering.Status.PUBLISHED).first()
    pages = {**PAGES, "gathering": f"/samlinger/{gathering.slug}/"}
    queries = {name: queries_uncached(path) for name, path in pages.items()}

    baseline_directory = tempfile.TemporaryDirectory(prefix="medvirk-baseline-")
    servers = {
        "uncached": (8801, start_server(8801, args.database_url, cache_on=False)),
        "cached": (8802, start_server(8802, args.database_url, cache_on=True)),
    }
    if args.baseline:
        root = baseline_checkout(args.baseline, baseline_directory.name)
        servers["baseline"] = (8803, start_server(8803, args.database_url, False, root=root))
    rates = {(name, mode): [] for name in pages for mode in servers}
    trivial = []
    try:
        for _round in range(args.rounds):
            trivial.append(rate(servers["cached"][0], TRIVIAL, args.seconds, args.clients))
            for name, path in pages.items():
                for mode, (port, _process) in servers.items():
                    rates[name, mode].append(rate(port, path, args.seconds, args.clients))
    finally:
        for _port, process in servers.values():
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        baseline_directory.cleanup()

    bare = statistics.median(trivial)
    print(
        f"gunicorn, 4 workers each; {args.clients} client processes; {args.seconds} s per "
        f"measurement; median of {args.rounds} rounds; PostgreSQL"
    )
    print(f"bare Django view {TRIVIAL}: {bare:.1f} req/s")
    if args.baseline:
        print(f"baseline: the code of {args.baseline}, uncached (it has no page cache)")
    header = ("page", "queries", "uncached", "cached", "baseline", "cached/bare", "uncached/base")
    print(
        f"{header[0]:<12}{header[1]:>10}{header[2]:>10}{header[3]:>10}{header[4]:>10}"
        f"{header[5]:>13}{header[6]:>15}"
    )
    for name in pages:
        uncached = statistics.median(rates[name, "uncached"])
        cached = statistics.median(rates[name, "cached"])
        warm, cold = queries[name]
        line = f"{name:<12}{f'{warm} ({cold})':>10}{uncached:>10.1f}{cached:>10.1f}"
        if args.baseline:
            baseline = statistics.median(rates[name, "baseline"])
            line += f"{baseline:>10.1f}{cached / bare:>12.2f}×{uncached / baseline:>14.2f}×"
        else:
            line += f"{'':>10}{cached / bare:>12.2f}×"
        print(line)
    print("queries: with the site memo built (on the first view after a change)")
    print(f"load average (1, 5, 15 min): {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()

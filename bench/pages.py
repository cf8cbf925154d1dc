"""Requests per second for each public page type, cached and uncached, beside a bare Django view,
through gunicorn with four workers.

    .venv/bin/python bench/pages.py [--seconds 4] [--clients 8] [--rounds 3]
        [--database-url postgres://postgres:postgres@127.0.0.1:5432/medvirk_bench_pages]

Builds a fresh PostgreSQL database (the one named in the URL is dropped and created), loads the
demo content, and starts two gunicorn servers (4 sync workers each, DEBUG off, the production
middleware): one with the anonymous page cache on (`PAGE_CACHE=true`), one with it off. Then,
round after round so that a busy machine slows them alike, CLIENTS client processes request
each page for SECONDS from each server as an anonymous visitor, and a bare view
(`/bench/trivial/`: one line, no template, no database) from the cached server. Prints the
median requests per second of the rounds for each page type uncached and cached, the ratios
cached / uncached and cached / bare view, the queries one uncached request makes (Django's test
client, in this process), and the machine's load average.
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
import time

from bench.support.processes import start_gunicorn
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


def start_server(port, database_url, cache_on):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "PAGE_CACHE": "true" if cache_on else "false",
    }
    return start_gunicorn(port, env=env)


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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(PAGE_CACHE={"enabled": False}):
        client = Client()
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
    return len(captured)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
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

    servers = {
        "uncached": (8801, start_server(8801, args.database_url, cache_on=False)),
        "cached": (8802, start_server(8802, args.database_url, cache_on=True)),
    }
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

    bare = statistics.median(trivial)
    print(
        f"gunicorn, 4 workers each; {args.clients} client processes; {args.seconds} s per "
        f"measurement; median of {args.rounds} rounds; PostgreSQL"
    )
    print(f"bare Django view {TRIVIAL}: {bare:.1f} req/s")
    header = ("page", "queries", "uncached", "cached", "cached/uncached", "cached/bare")
    print(
        f"{header[0]:<12}{header[1]:>8}{header[2]:>10}{header[3]:>10}{header[4]:>17}{header[5]:>13}"
    )
    for name in pages:
        uncached = statistics.median(rates[name, "uncached"])
        cached = statistics.median(rates[name, "cached"])
        print(
            f"{name:<12}{queries[name]:>8}{uncached:>10.1f}{cached:>10.1f}"
            f"{cached / uncached:>16.1f}×{cached / bare:>12.2f}×"
        )
    print(f"load average (1, 5, 15 min): {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()

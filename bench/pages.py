"""Requests per second for curriculum pages against a trivial view, through the full Django stack.

    .venv/bin/python bench/pages.py [--requests 300] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given; a PostgreSQL
database named in the URL is dropped and created), loads the demo content, then serves the
programme, a course, a module and a trivial view the same way (Django's test client: URL
routing, every middleware, templates, database) and prints requests per second for each and
the ratio page/trivial.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import os
import statistics
import time

from bench.support.setup import setup_django

PAGES = {
    "trivial view": "/bench/trivial/",
    "programme": "/program/",
    "course": "/program/nye-brukermedvirkere/",
    "module": "/program/nye-brukermedvirkere/retten-til-a-bli-hort/",
}


def measure(client, url, requests):
    for _ in range(20):  # warm caches and connections
        assert client.get(url).status_code == 200, url
    rounds = []
    per_round = max(1, requests // 5)
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(per_round):
            client.get(url)
        rounds.append(per_round / (time.perf_counter() - start))
    return statistics.median(rounds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    print(f"database: {connection.vendor}; {args.requests} requests per page, median of 5 rounds")
    results = {name: measure(client, url, args.requests) for name, url in PAGES.items()}
    trivial = results["trivial view"]
    print(f"{'page':<14}{'requests/s':>12}{'ratio to trivial':>19}")
    for name, rate in results.items():
        print(f"{name:<14}{rate:>12.1f}{rate / trivial:>19.3f}")


if __name__ == "__main__":
    main()

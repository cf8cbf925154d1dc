"""The coordinator's three lists for one big gathering: the check-in list at the door, the
attendance report and the applications page, at 10, 100 and 1,000 confirmed participants.

    .venv/bin/python bench/coordinator_lists.py [--rounds 5] \
        [--database-url postgres://postgres@127.0.0.1:5432/medvirk_bench_lists]

Builds a fresh PostgreSQL database (the one named in the URL is dropped and created; a
sqlite:/// URL works too) with three gatherings of 10, 100 and 1,000 confirmed participants
from three organisations, half of them already marked present in the first session, and a
coordinator of MHU who coordinates all three (not an administrator: the door's minimisation
applies), and an administrator. Serves each page as that coordinator and as the administrator
(who sees every organisation's participants: the attendance report's whole 1,000) through
Django's test client (URL routing, every middleware, templates, database) and prints the
median time of `--rounds` requests, the size of the HTML and the queries of one request. The
budget (issue 20): under 300 ms and a few hundred KB at 1,000.
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

from bench.support import data
from bench.support.figures import queries_of_one_get
from bench.support.setup import setup_django

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/medvirk_bench_lists"
SIZES = (10, 100, 1000)


def build():
    """Three gatherings of 10, 100 and 1,000 confirmed participants; MHU's coordinator."""
    from django.utils import timezone

    from cohorts.models import Enrolment

    organisations = data.organisations("MHU", "BAR", "LFB")
    user = data.organisation_coordinator(organisations[0])
    gatherings = {}
    now = timezone.now()
    for size in SIZES:
        gathering = data.open_gathering(f"samling-{size}", size, coordinator=user)
        participants = data.people(size, f"deltaker-{size}", organisations)
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    participant=participant,
                    gathering=gathering,
                    organisation=organisations[n % len(organisations)],
                    state="confirmed",
                    confirmed_at=now,
                )
                for n, participant in enumerate(participants)
            ]
        )
        session = gathering.sessions.order_by("starts_at").first()
        half = Enrolment.objects.filter(gathering=gathering).order_by("pk")[: size // 2]
        data.present(half, session)
        gatherings[size] = (gathering, session)
    return user, gatherings


def measure(client, url, rounds):
    """(median milliseconds of `rounds` requests, KB of HTML, queries of one request)."""

    times, size = [], 0
    client.get(url)  # warm: templates compiled, connection open
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    return statistics.median(times), size / 1024, queries_of_one_get(client, url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.db import connection
    from django.test import Client

    from website.site_structure import ensure_site_structure

    ensure_site_structure()
    from django.contrib.auth import get_user_model

    user, gatherings = build()
    administrator = get_user_model().objects.create_superuser(
        email="admin@bench.example", password=None, first_name="Ada"
    )
    print(f"database: {connection.vendor}; median of {args.rounds} requests per page")
    print(f"{'page':<14}{'as':<16}{'confirmed':>10}{'ms':>9}{'KB':>9}{'queries':>9}")
    for name, path in [
        ("check-in", "/admin/pameldinger/{pk}/innsjekk/?okt={session}"),
        ("attendance", "/admin/pameldinger/{pk}/oppmote/"),
        ("applications", "/admin/pameldinger/{pk}/"),
    ]:
        for viewer, person in (("coordinator", user), ("administrator", administrator)):
            client = Client()
            client.force_login(person)
            for size, (gathering, session) in gatherings.items():
                url = path.format(pk=gathering.pk, session=session.pk)
                ms, kb, queries = measure(client, url, args.rounds)
                print(f"{name:<14}{viewer:<16}{size:>10}{ms:>9.0f}{kb:>9.0f}{queries:>9}")
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load}")


if __name__ == "__main__":
    main()

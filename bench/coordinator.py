"""The coordinator's pages at a busy season: requests per second and queries per request for
the dashboard and one gathering's applications list, against a trivial view in the same run.

    .venv/bin/python bench/coordinator.py [--requests 200] \
        [--database-url postgres://postgres@127.0.0.1:5432/medvirk_bench_coordinator]

Builds a fresh PostgreSQL database (the one named in the URL is dropped and created; a
sqlite:/// URL works too), with 1,000 applications across 5 gatherings from the three
organisations in every state, and one coordinator of MHU who coordinates all five gatherings.
Then serves, as that coordinator, the trivial view, the admin dashboard (/admin/) and the
applications list of one gathering (cohorts_admin_review) the same way (Django's test client:
URL routing, every middleware, templates, database) and prints requests per second (median
of 5 rounds), queries per request and the ratio to the trivial view.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import datetime

from bench.support import data
from bench.support.figures import queries_of_one_get, requests_per_second
from bench.support.setup import setup_django

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/medvirk_bench_coordinator"
GATHERINGS = 5
APPLICATIONS = 1000
STATES = ("applied", "waitlisted", "confirmed", "guardian_pending", "offered")


def build():
    """Five gatherings with 200 applications each (1,000 in all); MHU's coordinator."""
    from django.utils import timezone

    from cohorts.models import Enrolment

    organisations = data.organisations("MHU", "BAR", "LFB")
    user = data.organisation_coordinator(organisations[0])
    gatherings = [
        data.open_gathering(
            f"samling-{n}",
            300,
            admission_mode="application",
            quotas=[(organisation, 90) for organisation in organisations],
            coordinator=user,
        )
        for n in range(GATHERINGS)
    ]
    participants = data.people(APPLICATIONS, "deltaker", organisations)
    now = timezone.now()
    rows = []
    for n, participant in enumerate(participants):
        state = STATES[n % len(STATES)]
        rows.append(
            Enrolment(
                participant=participant,
                gathering=gatherings[n % GATHERINGS],
                organisation=organisations[(n // GATHERINGS) % len(organisations)],
                state=state,
                waitlisted_at=now if state == "waitlisted" else None,
                offered_at=now if state == "offered" else None,
                offer_expires_at=now + datetime.timedelta(hours=30) if state == "offered" else None,
                confirmed_at=now if state == "confirmed" else None,
            )
        )
    Enrolment.objects.bulk_create(rows)
    return user, gatherings


def measure(client, url, requests):
    """Median requests per second of 5 rounds, and the queries one request makes."""
    return requests_per_second(client, url, requests), queries_of_one_get(client, url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.db import connection
    from django.test import Client

    from cohorts.models import Enrolment
    from website.site_structure import ensure_site_structure

    ensure_site_structure()
    user, gatherings = build()
    client = Client()
    client.force_login(user)
    pages = {
        "trivial view": "/bench/trivial/",
        "dashboard": "/admin/",
        "applications (1 gathering)": f"/admin/pameldinger/{gatherings[0].pk}/",
    }
    print(
        f"database: {connection.vendor}; {Enrolment.objects.count()} applications across "
        f"{len(gatherings)} gatherings; {args.requests} requests per page, median of 5 rounds"
    )
    results = {name: measure(client, url, args.requests) for name, url in pages.items()}
    trivial = results["trivial view"][0]
    print(f"{'page':<28}{'requests/s':>12}{'queries':>9}{'ratio to trivial':>19}")
    for name, (rate, queries) in results.items():
        print(f"{name:<28}{rate:>12.1f}{queries:>9}{rate / trivial:>19.3f}")


if __name__ == "__main__":
    main()

"""Editors' feedback on the modules at 2,000 evaluation responses, against 200 as the baseline
in the same run: the module report (page and XLSX), a module's feedback panel and the module
page's editor with it, and one gathering's results.

    .venv/bin/python bench/evaluation_feedback.py [--count 2000] [--baseline 200] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given) with one
course of four modules taught at five gatherings, and BASELINE anonymous responses spread over
the gatherings, each rating two modules with a comment and writing what was missing. Then, as
an administrator through the site's own middleware and URLs, times best of three each view
with the queries it makes; adds responses up to COUNT and does the same again. The query
counts must be the same at both sizes (the script exits with 1 if they are not); the times
are printed with the ratio COUNT / BASELINE (10 × the responses).
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse

from bench.support import data
from bench.support.figures import best_of_three, page_getter
from bench.support.setup import setup_django

GATHERINGS = 5
MODULES = ("Hva er brukermedvirkning", "Retten til å bli hørt", "Egen erfaring", "Taushetsplikt")
COMMENTS = (
    "Øvelsene trengte mer tid.",
    "Veldig nyttig å høre andres erfaringer.",
    "Litt for mye tekst på lysarkene.",
    "Ønsker flere eksempler fra barnevernet.",
)


def build_curriculum():
    from wagtail.models import Page

    from courses.models import CoursePage, ModulePage, ProgrammePage

    home = Page.objects.get(depth=2)
    programme = ProgrammePage(
        title="Programmet",
        slug="program",
        intro="<p>Ett program.</p>",
        individual_level="I egen sak.",
        service_level="I tjenesten.",
        system_level="I styrer og råd.",
    )
    home.add_child(instance=programme)
    course = CoursePage(
        title="Kurs for nye",
        slug="nye",
        level="new",
        summary="Et kurs.",
        audience="<p>Nye.</p>",
        learning_outcomes="<ul><li>Å bli hørt</li></ul>",
        certificate_text="Innehaveren kan delta.",
    )
    programme.add_child(instance=course)
    modules = []
    for number, title in enumerate(MODULES):
        module = ModulePage(
            title=title,
            slug=f"modul-{number}",
            summary=f"Om {title}.",
            learning_objectives="<ul><li>Forstå</li></ul>",
            duration_minutes=60,
            trains_individual_level=True,
            body=[{"type": "paragraph", "value": "<p>Innhold.</p>"}],
        )
        course.add_child(instance=module)
        module.save_revision()
        modules.append(module)
    return modules


def add_responses(gatherings, modules, count, first):
    """`count` responses, as the evaluation form writes them (bulk, for speed)."""
    from evaluation.models import GatheringResponse, ModuleRating

    responses = GatheringResponse.objects.bulk_create(
        [
            GatheringResponse(
                gathering=gatherings[number % len(gatherings)],
                language="nb",
                missing=f"Mer om rus i familien ({number}).",
                keep="Gruppearbeidet.",
                ready_individual="yes",
                ready_service="partly",
                ready_system="no",
            )
            for number in range(first, first + count)
        ]
    )
    ratings = []
    for number, response in enumerate(responses, start=first):
        for offset in (0, 1):
            module = modules[(number + offset) % len(modules)]
            ratings.append(
                ModuleRating(
                    response=response,
                    module_key=module.translation_key,
                    usefulness=number % 5 + 1,
                    clarity=(number + offset) % 5 + 1,
                    comment=COMMENTS[number % len(COMMENTS)],
                )
            )
    ModuleRating.objects.bulk_create(ratings, batch_size=2000)


def measure(client, administrator, module, gathering):
    from django.test import RequestFactory

    from evaluation.admin.feedback_panels import module_feedback_section

    get = page_getter(client)

    request = RequestFactory().get("/")
    request.user = administrator

    def panel():
        assert "feedback-trend" in module_feedback_section(module, request)

    editor = f"/admin/pages/{module.pk}/edit/"
    client.get(editor)  # Wagtail's per-process caches warmed
    return {
        "module report": best_of_three(get("/admin/rapporter/moduler/")),
        "report XLSX": best_of_three(get("/admin/rapporter/moduler/rapport.xlsx")),
        "module panel": best_of_three(panel),
        "module editor": best_of_three(get(editor)),
        "gathering page": best_of_three(get(f"/admin/evaluering/samling/{gathering.pk}/")),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.db import connection

    from evaluation.models import GatheringResponse, ModuleRating

    administrator, client = data.administrator_client()
    modules = build_curriculum()
    gatherings = [data.open_gathering(f"samling-{n}", 300) for n in range(GATHERINGS)]

    add_responses(gatherings, modules, args.baseline, 0)
    baseline = measure(client, administrator, modules[0], gatherings[0])
    add_responses(gatherings, modules, args.count - args.baseline, args.baseline)
    full = measure(client, administrator, modules[0], gatherings[0])

    print(
        f"database: {connection.vendor}; {GatheringResponse.objects.count()} responses, "
        f"{ModuleRating.objects.count()} module ratings with comments, {len(modules)} modules, "
        f"{GATHERINGS} gatherings (baseline {args.baseline})"
    )
    print(f"{'':16} {'baseline':>10} {'queries':>8} {'full':>10} {'queries':>8} {'ratio':>7}")
    same = True
    for label, (seconds, queries) in full.items():
        base_seconds, base_queries = baseline[label]
        same &= queries == base_queries
        print(
            f"{label:16} {base_seconds * 1000:8.0f} ms {base_queries:8} "
            f"{seconds * 1000:8.0f} ms {queries:8} {seconds / base_seconds:6.2f}×"
        )
    print("query counts the same at both sizes:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

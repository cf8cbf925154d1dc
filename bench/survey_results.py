"""The kartlegging's results page and XLSX export at 2,000 responses, against 200 as the
baseline in the same run.

    .venv/bin/python bench/survey_results.py [--count 2000] [--baseline 200] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given) with one
survey of four questions (a scale, one choice, several choices, free text) and BASELINE
anonymous responses, each answering every question. Then, as an administrator through the
site's own middleware and URLs, times best of three: the results as data (`survey_results`),
the results page (`/admin/kartlegging/<id>/resultater/`) and the XLSX, with the queries each
takes; adds responses up to COUNT and does the same again. The query counts must be the same
at both sizes (the script exits with 1 if they are not); the times are printed with the ratio
COUNT / BASELINE (10 × the responses).

It also times one submission (`survey_submit`) to a survey for representatives that BASELINE,
then COUNT, people have answered already: a submission rewrites every "has answered" row of
the survey (evaluation/services/surveys.py, `_participations_restamp`), so it grows with them.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import datetime

from bench.support.figures import best_of_three, page_getter
from bench.support.setup import setup_django

TEXTS = ("Mer om rus i familien.", "Skole.", "Møter på systemnivå er vanskelige.", "Egenomsorg.")


def build_survey():
    from django.utils import timezone

    from evaluation.models import Survey, SurveyQuestion

    now = timezone.now()
    survey = Survey.objects.create(
        slug="bench-kartlegging",
        title="Kartlegging (bench)",
        year=now.year,
        audience="open",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
        published=True,
    )
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(survey=survey, sort_order=0, kind="scale", text="Hvor forberedt?"),
            SurveyQuestion(
                survey=survey, sort_order=1, kind="single", text="Nivå?", choices="A\nB\nC"
            ),
            SurveyQuestion(
                survey=survey, sort_order=2, kind="multiple", text="Mangler?", choices="A\nB\nC\nD"
            ),
            SurveyQuestion(survey=survey, sort_order=3, kind="text", text="Annet?"),
        ]
    )
    return survey


def add_responses(survey, count, first):
    """`count` responses, as `survey_submit` writes them (bulk, for speed)."""
    from evaluation.models import SurveyAnswer, SurveyResponse

    scale, single, multiple, text = survey.questions.order_by("sort_order")
    responses = SurveyResponse.objects.bulk_create(
        [SurveyResponse(survey=survey, language="nb") for _ in range(count)]
    )
    answers = []
    for number, response in enumerate(responses, start=first):
        answers += [
            SurveyAnswer(response=response, question=scale, scale=number % 5 + 1),
            SurveyAnswer(response=response, question=single, chosen=[number % 3]),
            SurveyAnswer(
                response=response, question=multiple, chosen=[number % 4, (number + 1) % 4]
            ),
            SurveyAnswer(response=response, question=text, text=TEXTS[number % len(TEXTS)]),
        ]
    SurveyAnswer.objects.bulk_create(answers, batch_size=2000)


def build_log_in_survey(count):
    """A representatives' survey, open now, with `count` people who have answered (their
    participation rows; their answers do not matter here) and three who have not."""
    from django.utils import timezone

    from bench.support import data
    from evaluation.models import Survey, SurveyParticipation, SurveyQuestion

    now = timezone.now()
    survey = Survey.objects.create(
        slug=f"bench-innlogget-{count}",
        title="Kartlegging for innloggede (bench)",
        year=now.year,
        audience="representatives",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        published=True,
    )
    question = SurveyQuestion.objects.create(
        survey=survey, sort_order=0, kind="scale", text="Hvor forberedt?", required=True
    )
    people = data.people(count + 3, f"svart{count}", data.organisations("MHU"))
    SurveyParticipation.objects.bulk_create(
        [SurveyParticipation(survey=survey, user=person.user) for person in people[:count]]
    )
    return survey, question, [person.user for person in people[count:]]


def submission(count):
    """Best of three submissions by people who have not answered yet, with `count` who have."""
    from evaluation.services.surveys import survey_submit

    survey, question, waiting = build_log_in_survey(count)
    users = iter(waiting)
    return best_of_three(
        lambda: survey_submit(survey=survey, user=next(users), answers={question.pk: 3})
    )


def measure(survey, client):
    from evaluation.survey_results import survey_results

    page = f"/admin/kartlegging/{survey.pk}/resultater/"

    get = page_getter(client)

    client.get(page)  # Wagtail's per-process caches warmed
    return {
        "results (data)": best_of_three(lambda: survey_results(survey)),
        "results page": best_of_three(get(page)),
        "XLSX export": best_of_three(get(f"/admin/kartlegging/{survey.pk}/resultater.xlsx")),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    setup_django(args.database_url)
    from bench.support import data

    _administrator, client = data.administrator_client()
    survey = build_survey()

    add_responses(survey, args.baseline, 0)
    baseline = measure(survey, client)
    add_responses(survey, args.count - args.baseline, args.baseline)
    full = measure(survey, client)
    baseline["submission"] = submission(args.baseline)
    full["submission"] = submission(args.count)

    print(f"{survey.responses.count()} responses, 4 questions (baseline {args.baseline})")
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

"""The participants' evaluations of the finished gathering, from demo/data/evaluations.yaml:
invites for everyone who attended, and the answers sent through each person's link by the
evaluation service at the moments the data gives (so they are stored as the site stores them:
no person, no time). An evaluation that has answers already is left alone."""

from cohorts.models import Enrolment, Gathering
from evaluation.models import EvaluationInvite, GatheringResponse
from evaluation.services.responses import (
    SessionAnswer,
    evaluation_invites_ensure,
    evaluation_link,
    rated_sessions,
    response_submit,
)

from . import content
from .timeline import Clock


def _ratings(gathering: Gathering, sessions_data: dict) -> dict:
    """{session id: answer} from the data's {module number: [usefulness, clarity, comment]}."""
    modules = list(gathering.course.modules) if gathering.course else []
    by_module = {session.module_id: session for session in rated_sessions(gathering)}
    ratings = {}
    for number, (usefulness, clarity, comment) in sessions_data.items():
        session = by_module[modules[int(number) - 1].pk]
        ratings[session.pk] = SessionAnswer(
            usefulness=usefulness, clarity=clarity, comment=comment or ""
        )
    return ratings


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def load(*, clock: Clock, participants, stdout) -> None:
    for spec in content.read("evaluations.yaml")["evaluations"]:
        gathering = Gathering.objects.filter(slug=spec["gathering"]).first()
        if gathering is None or GatheringResponse.objects.filter(gathering=gathering).exists():
            continue
        gathering.evaluation_days = spec["evaluation_days"]
        gathering.save(update_fields=["evaluation_days"])
        opened = gathering.ends_at
        evaluation_invites_ensure(gathering, now=opened)
        EvaluationInvite.objects.filter(gathering=gathering).update(created_at=opened)
        for login, answer in zip(spec["answered"], spec["answers"], strict=True):
            moment = clock.past(answer["at"])
            enrolment = Enrolment.objects.select_related("gathering").get(
                gathering=gathering, participant=participants[login]
            )
            ready_individual, ready_service, ready_system = answer["ready"]
            response_submit(
                token=_token(evaluation_link(enrolment, now=moment)),
                ratings=_ratings(gathering, answer["sessions"]),
                missing=answer["missing"],
                keep=answer["keep"],
                ready_individual=ready_individual,
                ready_service=ready_service,
                ready_system=ready_system,
                language=answer["language"],
                now=moment,
            )
        stdout.write(f"  evaluering av «{gathering.title}»: {len(spec['answers'])} svar / answers")

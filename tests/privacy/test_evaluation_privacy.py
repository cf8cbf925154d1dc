"""Evaluations and the kartlegging under the data rights (issue 17, item 5): who was invited and
who answered goes some months after the evaluation or survey closed, free text some years after,
ratings and choices stay as anonymous statistics; the export says whether a person answered,
never what; erasure takes the "has answered" rows and leaves the anonymous answers."""

import datetime
import json
import uuid

import pytest
from django.conf import settings
from django.core import serializers
from django.utils import timezone

from cohorts.models import Session
from evaluation.models import (
    EvaluationInvite,
    GatheringResponse,
    ModuleRating,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)
from privacy.services import account_erase, participant_erase, retention_apply
from tests.factories import make_gathering, make_participant

pytestmark = pytest.mark.django_db
NOW = timezone.now()
MONTH = datetime.timedelta(days=30)


def ended_gathering(organisations, ended, title):
    """A gathering that ended `ended` ago (its evaluation closes 21 days later)."""
    end = NOW - ended
    return make_gathering(
        organisations,
        title=title,
        starts_at=end - datetime.timedelta(days=1),
        ends_at=end,
        enrolment_opens_at=end - datetime.timedelta(days=60),
        enrolment_closes_at=end - datetime.timedelta(days=10),
        status="completed",
    )


def invite(gathering, participant, *, answered=True):
    return EvaluationInvite.objects.create(
        gathering=gathering,
        participant=participant,
        salt=uuid.uuid4().hex,
        token_hash=uuid.uuid4().hex * 2,
        answered=answered,
    )


def response(gathering, text):
    """An anonymous answer with free text everywhere and a rating of one session."""
    session = Session.objects.create(
        gathering=gathering,
        title="Økt",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=1),
    )
    answer = GatheringResponse.objects.create(
        gathering=gathering,
        edit_key=uuid.uuid4().hex * 2,
        language="nb",
        missing=f"{text}-MANGLET",
        keep=f"{text}-BEHOLD",
        ready_individual="yes",
    )
    ModuleRating.objects.create(
        response=answer,
        session=session,
        module_key=uuid.uuid4(),
        usefulness=4,
        clarity=5,
        comment=f"{text}-KOMMENTAR",
    )
    return answer


def survey(closed, title):
    closes = NOW - closed
    made = Survey.objects.create(
        slug=f"kartlegging-{uuid.uuid4().hex[:8]}",
        title=title,
        year=closes.year,
        audience=Survey.Audience.REPRESENTATIVES,
        opens_at=closes - datetime.timedelta(days=30),
        closes_at=closes,
        published=True,
    )
    text = SurveyQuestion.objects.create(survey=made, kind="text", text="Hva mangler?")
    scale = SurveyQuestion.objects.create(survey=made, kind="scale", text="Hvor nyttig?")
    answers = SurveyResponse.objects.create(survey=made, language="nb")
    SurveyAnswer.objects.create(response=answers, question=text, text=f"{title}-FRITEKST")
    SurveyAnswer.objects.create(response=answers, question=scale, scale=3)
    return made


@pytest.fixture
def evaluations(organisations):
    mhu = organisations["MHU"]
    person, other = make_participant(mhu, name="Eva Luering"), make_participant(mhu)
    gatherings = {
        "open": ended_gathering(organisations, datetime.timedelta(days=3), "Åpen samling"),
        "closed": ended_gathering(organisations, MONTH, "Nylig stengt"),
        "months": ended_gathering(organisations, 4 * MONTH, "Stengt for måneder siden"),
        "years": ended_gathering(organisations, 38 * MONTH, "Stengt for år siden"),
    }
    for name, gathering in gatherings.items():
        invite(gathering, person)
        invite(gathering, other, answered=False)
        response(gathering, name.upper())
    surveys = {
        "open": survey(-MONTH, "KARTLEGGING-ÅPEN"),
        "closed": survey(datetime.timedelta(days=2), "KARTLEGGING-STENGT"),
        "months": survey(4 * MONTH, "KARTLEGGING-MÅNEDER"),
        "years": survey(37 * MONTH, "KARTLEGGING-ÅR"),
    }
    for made in surveys.values():
        SurveyParticipation.objects.create(survey=made, user=person.user)
    return {"person": person, "other": other, "gatherings": gatherings, "surveys": surveys}


def invited_to(gathering):
    return EvaluationInvite.objects.filter(gathering=gathering)


def stored(model):
    return serializers.serialize("json", model.objects.all(), ensure_ascii=False)


# --- retention ----------------------------------------------------------------------------


def test_keys_go_when_an_evaluation_closes_who_answered_after_months_texts_after_years(
    evaluations,
):
    gatherings, surveys = evaluations["gatherings"], evaluations["surveys"]
    results = {r.key: r.count for r in retention_apply(now=NOW)}
    # closed: nothing pairs an invite with an answer any more (the link no longer works)
    for name in ("closed", "months", "years"):
        assert not invited_to(gatherings[name]).exclude(salt="").exists(), name
        assert not GatheringResponse.objects.filter(
            gathering=gatherings[name], edit_key__isnull=False
        ).exists(), name
    # open: the link still works, so the keys are there
    assert not invited_to(gatherings["open"]).filter(salt="").exists()
    assert GatheringResponse.objects.get(gathering=gatherings["open"]).edit_key
    # who was invited: kept while recent, gone months after closing; who answered a survey:
    # gone as it closes
    assert invited_to(gatherings["open"]).count() == invited_to(gatherings["closed"]).count() == 2
    assert not invited_to(gatherings["months"]).exists()
    assert not invited_to(gatherings["years"]).exists()
    assert set(SurveyParticipation.objects.values_list("survey__title", flat=True)) == {
        "KARTLEGGING-ÅPEN"
    }
    assert results["who_answered"] == 4 + 3  # two gatherings' invites, three surveys' rows
    # the words people wrote: kept for years, then blanked; ratings and choices stay
    texts = stored(GatheringResponse) + stored(ModuleRating) + stored(SurveyAnswer)
    for kept in ("OPEN", "CLOSED", "MONTHS"):
        assert f"{kept}-MANGLET" in texts and f"{kept}-KOMMENTAR" in texts
    assert "YEARS-" not in texts
    assert "KARTLEGGING-MÅNEDER-FRITEKST" in texts and "KARTLEGGING-ÅR-FRITEKST" not in texts
    assert results["evaluation_texts"] == 2 + 1  # the answer and its comment; one survey text
    old = GatheringResponse.objects.get(gathering=gatherings["years"])
    assert (old.missing, old.keep, old.language) == ("", "", "")
    assert old.ready_individual == "yes"
    assert ModuleRating.objects.filter(response=old, usefulness=4, clarity=5).exists()
    assert SurveyAnswer.objects.filter(
        response__survey=surveys["years"], question__kind="scale", scale=3
    ).exists()
    assert SurveyResponse.objects.get(survey=surveys["years"]).language == ""
    assert GatheringResponse.objects.count() == 4 and SurveyAnswer.objects.count() == 8


def test_the_dry_run_lists_what_would_go_and_changes_nothing(evaluations):
    models = (EvaluationInvite, GatheringResponse, ModuleRating, SurveyAnswer, SurveyParticipation)
    before = [stored(model) for model in models]
    results = {r.key: r for r in retention_apply(now=NOW, dry_run=True)}
    assert [stored(model) for model in models] == before
    assert "Eva Luering – Stengt for måneder siden" in results["who_answered"].items
    assert "Eva Luering – KARTLEGGING-MÅNEDER" in results["who_answered"].items
    # the keys of the closed evaluations: the invites by name, the answers by nobody
    keys = results["evaluation_keys"].items
    assert "Eva Luering – Nylig stengt" in keys and "Nylig stengt (anonymt svar)" in keys
    assert results["who_answered"].count == 7
    assert "Eva Luering – KARTLEGGING-STENGT" in results["who_answered"].items
    assert results["evaluation_texts"].count == 3
    # the texts are listed by what they were about, never by who wrote them
    assert all("anonym" in item for item in results["evaluation_texts"].items)


def test_a_second_run_removes_nothing_more(evaluations):
    retention_apply(now=NOW)
    results = {r.key: r.count for r in retention_apply(now=NOW)}
    assert results["evaluation_keys"] == results["who_answered"] == 0
    assert results["evaluation_texts"] == 0


def test_the_periods_are_settings(evaluations, settings):
    settings.RETENTION = {**settings.RETENTION, "who_answered": 0, "evaluation_texts": 200}
    retention_apply(now=NOW)
    assert not invited_to(evaluations["gatherings"]["closed"]).exists()
    assert "YEARS-KOMMENTAR" in stored(ModuleRating)


# --- erasure ------------------------------------------------------------------------------


def rows_naming(participant) -> list:
    """Every row of the evaluation app that points at the person's profile or account."""
    from django.apps import apps

    found = []
    for model in apps.get_app_config("evaluation").get_models():
        for field in model._meta.concrete_fields:
            target = field.related_model
            if target is None:
                continue
            if target._meta.label == "people.Participant":
                pk = participant.pk
            elif target._meta.label == settings.AUTH_USER_MODEL:
                pk = participant.user_id
            else:
                continue
            found += list(model.objects.filter(**{field.name: pk}))
    return found


def test_erasure_takes_who_answered_and_leaves_the_anonymous_answers(evaluations):
    person = evaluations["person"]
    answers_before = (
        stored(GatheringResponse) + stored(ModuleRating) + stored(SurveyResponse),
        stored(SurveyAnswer),
    )
    assert rows_naming(person)
    participant_erase(participant=person, actor=person.user)
    assert rows_naming(person) == []
    assert not EvaluationInvite.objects.filter(participant=person).exists()
    assert not SurveyParticipation.objects.filter(user=person.user).exists()
    # the answers are all there, as they were (nothing in them pointed at her)
    after = (
        stored(GatheringResponse) + stored(ModuleRating) + stored(SurveyResponse),
        stored(SurveyAnswer),
    )
    assert after == answers_before
    assert "OPEN-KOMMENTAR" in after[0] and "KARTLEGGING-ÅPEN-FRITEKST" in after[1]
    # and the others' invitations are untouched (the reminder still reaches them)
    assert EvaluationInvite.objects.filter(participant=evaluations["other"]).count() == 4


def test_the_erasure_page_says_the_anonymous_answers_stay(client, evaluations):
    client.force_login(evaluations["person"].user)
    html = client.get("/min-side/slett/").content.decode()
    assert "Svarene dine på evalueringer og kartlegginger blir stående" in html


def test_an_account_without_a_profile_loses_its_survey_participation(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email="uten@example.org", password="x")
    made = survey(-MONTH, "KARTLEGGING-STAB")
    SurveyParticipation.objects.create(survey=made, user=user)
    account_erase(user=user)
    assert not SurveyParticipation.objects.exists()
    assert SurveyAnswer.objects.filter(text="KARTLEGGING-STAB-FRITEKST").exists()


# --- My data ------------------------------------------------------------------------------


def test_my_data_says_what_i_answered_about_but_not_what_i_answered(client, evaluations):
    person = evaluations["person"]
    client.force_login(person.user)
    data = json.loads(client.get("/min-side/mine-data/?format=json").content)
    assert [(e["gathering"], e["answered"]) for e in data["evaluations"]] == [
        ("Åpen samling", True),
        ("Nylig stengt", True),
        ("Stengt for måneder siden", True),
        ("Stengt for år siden", True),
    ]
    assert {s["survey"] for s in data["surveys_answered"]} == {
        "KARTLEGGING-ÅPEN",
        "KARTLEGGING-STENGT",
        "KARTLEGGING-MÅNEDER",
        "KARTLEGGING-ÅR",
    }
    assert "anonyme" in data["about_answers"]
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("MANGLET", "BEHOLD", "KOMMENTAR", "FRITEKST"):
        assert secret not in text  # what anyone answered is not hers to read: it is nobody's
    html = client.get("/min-side/mine-data/").content.decode()
    assert "Evalueringer og kartlegginger" in html and "Stengt for år siden" in html
    assert "KARTLEGGING-ÅR" in html
    assert "KOMMENTAR" not in html and "FRITEKST" not in html


def test_someone_not_invited_sees_none(client, organisations):
    person = make_participant(organisations["MHU"])
    client.force_login(person.user)
    data = json.loads(client.get("/min-side/mine-data/?format=json").content)
    assert data["evaluations"] == [] and data["surveys_answered"] == []
    html = client.get("/min-side/mine-data/").content.decode()
    assert "Evalueringer og kartlegginger" in html


def test_english_readers_see_the_gathering_in_english(english_visitor, evaluations):
    gathering = evaluations["gatherings"]["open"]
    gathering.title_en = "Open gathering"
    gathering.save()
    english_visitor.force_login(evaluations["person"].user)
    html = english_visitor.get("/min-side/mine-data/").content.decode()
    assert "Evaluations and surveys" in html and "Open gathering" in html

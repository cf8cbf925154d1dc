"""A participant's own copy of everything held about them: complete (a walk over the
models' fields fails on a new personal field that the export forgets), theirs only, logged."""

import datetime
import json

import pytest
from django.apps import apps
from django.utils import timezone

from certificates.services import certificate_issue
from cohorts.models import Participant, ProgressionException, Session
from cohorts.services import (
    attendance_mark,
    calendar_feed_for,
    enrolment_apply,
    personal_data_viewed,
)
from privacy import personal_data
from tests.factories import make_coordinator, make_gathering, make_participant
from website.models import AuditEntry

pytestmark = pytest.mark.django_db

PEOPLE = ("website.User", "people.Participant", "cohorts.Enrolment", "cohorts.Attendance")


def points_at_a_person(model) -> bool:
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if target is None or field.auto_created and not field.concrete:
            continue
        if f"{target._meta.app_label}.{target._meta.object_name}" in PEOPLE:
            return True
    return False


def key(model):
    return f"{model._meta.app_label}.{model._meta.object_name}"


def our_models():
    """Our apps' models and allauth's accounts; not pages (their owner and lock fields are
    the editors' accounts, and pages hold no participant's data)."""
    from wagtail.models import Page

    labels = {"website", "people", "cohorts", "certificates", "evaluation", "privacy", "account"}
    return [m for m in apps.get_models() if m._meta.app_label in labels and not issubclass(m, Page)]


def test_every_model_about_a_person_is_in_the_export_or_says_why_not():
    for model in our_models():
        if points_at_a_person(model) or key(model) in PEOPLE:
            assert (
                key(model) in personal_data.FIELDS
                or key(model) in personal_data.NOT_ABOUT_THE_PERSON
            ), f"{key(model)} holds data about a person: add it to privacy/personal_data.py"


def test_every_field_of_those_models_is_exported_or_its_omission_explained():
    for model_key, exported in personal_data.FIELDS.items():
        model = apps.get_model(model_key)
        omitted = {**personal_data.OMITTED["*"], **personal_data.OMITTED.get(model_key, {})}
        names = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}
        names -= {f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete}
        missing = names - set(exported) - set(omitted)
        assert not missing, f"{model_key}: {sorted(missing)} are neither exported nor omitted"
        assert set(exported) <= names, f"{model_key}: {sorted(set(exported) - names)} do not exist"


@pytest.fixture
def person(organisations):
    gathering = make_gathering(organisations, title="Vintersamling")
    start = gathering.starts_at
    session = Session.objects.create(
        gathering=gathering,
        title="Velkommen",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["MHU"], name="Åse Øyen")
    for name in Participant.SENSITIVE_FIELDS:
        setattr(participant, name, f"ÅSE-{name}")
    participant.guardian_email = "foresatt.ase@example.org"
    participant.save()
    enrolment = enrolment_apply(
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
        motivation="Jeg vil bli hørt",
        needs="Trenger stille rom",
    )
    attendance_mark(
        enrolment=enrolment, session=session, status="present", actor=coordinator, now=start
    )
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="late",
        minutes=110,
        actor=coordinator,
        reason="Kom 12:00",
        now=gathering.ends_at + datetime.timedelta(hours=1),
    )
    certificate_issue(enrolment=enrolment, actor=coordinator)
    ProgressionException.objects.create(participant=participant, level="advanced", reason="Erfaren")
    personal_data_viewed(viewer=coordinator, participant=participant, object_label="Vintersamling")
    calendar_feed_for(participant.user)
    other = make_participant(organisations["MHU"], name="Annen Person")
    other.dietary_needs = "ANNENS-KOST"
    other.save()
    enrolment_apply(participant=other, gathering=gathering, organisation=organisations["MHU"])
    return participant


def test_the_json_file_holds_everything_about_me_and_nothing_about_others(client, person):
    client.force_login(person.user)
    response = client.get("/min-side/mine-data/?format=json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    data = json.loads(text)
    assert data["account"]["email"] == person.user.email
    for name in Participant.SENSITIVE_FIELDS[:-1]:
        assert data["profile"][name] == f"ÅSE-{name}"
    [organisation] = data["profile"]["organisations"]
    assert "Mental Helse Ungdom" in organisation
    [application] = data["applications"]
    assert application["application"]["motivation"] == "Jeg vil bli hørt"
    assert application["application"]["needs"] == "Trenger stille rom"
    assert [e["to_state"] for e in application["history"]] == ["confirmed"]
    # One e-mail per event: a seat given as the person applies is also the receipt.
    assert {e["kind"] for e in application["emails"]} == {"enrolment_confirmed"}
    assert sorted(e["kind"] for e in data["emails"]) == ["calendar_invite", "certificate"]
    assert [i["method"] for i in application["calendar_invites"]] == ["REQUEST"]
    [attendance] = application["attendance"]
    assert attendance["record"]["status"] == "late"
    assert attendance["changes"][0]["reason"] == "Kom 12:00"
    assert data["certificates"][0]["holder_name"] == "Åse Øyen"
    assert data["progression_exceptions"][0]["reason"] == "Erfaren"
    # the coordinator's view of the sensitive fields, from the one audit log
    [view] = data["sensitive_data_views"]
    assert (view["action"], view["object_label"]) == ("sensitive_viewed", "Vintersamling")
    assert {e["action"] for e in data["audit_log"]} >= {
        "enrolment_state",
        "sensitive_viewed",
        "attendance_changed",
        "certificate_issued",
    }
    assert data["calendar_feed"][0]["token"] == calendar_feed_for(person.user).token
    assert "ANNENS-KOST" not in text and "Annen Person" not in text


def test_the_page_shows_it_readably_and_the_download_is_logged(client, person):
    client.force_login(person.user)
    html = client.get("/min-side/mine-data/").content.decode()
    assert "ÅSE-dietary_needs" in html and "Jeg vil bli hørt" in html
    assert "Kom for sent" in html  # the attendance status as a person reads it
    assert "ANNENS-KOST" not in html
    assert AuditEntry.objects.filter(
        action="export", actor=person.user, participant_id=person.pk
    ).exists()
    assert "/min-side/mine-data/" in client.get("/min-side/").content.decode()


def test_my_data_needs_a_login(client):
    response = client.get("/min-side/mine-data/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_times_are_oslo_times(client, person):
    client.force_login(person.user)
    data = json.loads(client.get("/min-side/mine-data/?format=json").content)
    applied = datetime.datetime.fromisoformat(data["applications"][0]["application"]["applied_at"])
    assert applied.utcoffset() == timezone.localtime().utcoffset()

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
from tests.privacy.network_factories import (
    make_feedback,
    make_invitation,
    make_member,
    make_message,
    make_service_request,
)
from website.models import AuditEntry

pytestmark = pytest.mark.django_db

PEOPLE = (
    "website.User",
    "people.Participant",
    "cohorts.Enrolment",
    "cohorts.Attendance",
    "network.Membership",
    "network.RequestInvitation",
)


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

    labels = {
        "website",
        "people",
        "cohorts",
        "certificates",
        "evaluation",
        "network",
        "privacy",
        "account",
    }
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


# ----------------------------------------------------------------------------------------------
# The network (issue 18)
# ----------------------------------------------------------------------------------------------


@pytest.fixture
def member(organisations):
    """Åse, a member: invited to one request (answered, with feedback both ways) and to one
    she declined; one message to and one from Kari (another member), and a message between two
    others."""
    participant = make_participant(organisations["MHU"], name="Åse Øyen")
    membership = make_member(participant, visible_network_wide=True)
    kari = make_participant(organisations["BAR"], name="Kari Annensen")
    kari.preferred_name = "Kari"
    kari.save()
    other = make_member(kari)
    third = make_member(make_participant(organisations["BAR"], name="Tredje Person"))
    done = make_service_request("Ungdomsrådet")
    invitation = make_invitation(done, membership, organisations["MHU"], state="confirmed")
    make_feedback(invitation, "member", "ÅSES-TILBAKEMELDING")
    make_feedback(invitation, "service", "TJENESTENS-TILBAKEMELDING")
    make_invitation(
        make_service_request("Panelet"),
        membership,
        organisations["MHU"],
        state="declined",
        answered_at=timezone.now(),
    )
    make_invitation(done, other, organisations["BAR"], state="declined")
    make_message(membership, other, "ÅSE-SKRIVER-TIL-KARI")
    make_message(other, membership, "KARI-SVARER-ÅSE")
    make_message(other, third, "KARI-TIL-TREDJE")
    return participant


def test_the_export_holds_the_network_membership_invitations_messages_and_feedback(client, member):
    client.force_login(member.user)
    text = client.get("/min-side/mine-data/?format=json").content.decode()
    network = json.loads(text)["network"]
    membership = network["membership"]
    assert membership["consent_version"] == "2026-12-01"
    assert membership["consent_given_at"] and membership["joined_at"]
    assert membership["introduction"] == "ÅSE-INTRODUKSJON"
    assert membership["contact_email"] == "åse-kontakt@example.org"
    assert membership["visible_network_wide"] is True
    assert membership["field_mental_health"] is True
    done, declined = network["invitations"]
    assert done["invitation"]["request"] == "Plass i Ungdomsrådet"
    assert done["invitation"]["asked_by"] == "Tjenesten Ungdomsrådet"
    assert done["invitation"]["state"] == "confirmed"
    assert done["invitation"]["hours"] == "4.0"
    assert done["invitation"]["shared_email"] == "åse-kontakt@example.org"
    assert [f["comment"] for f in done["feedback"]] == ["ÅSES-TILBAKEMELDING"]
    assert declined["invitation"]["state"] == "declined"
    assert network["messages_sent"] == [
        {"to": "Kari", "body": "ÅSE-SKRIVER-TIL-KARI", "sent_at": ANY_TIME}
    ]
    assert network["messages_received"][0]["from"] == "Kari"
    assert network["messages_received"][0]["body"] == "KARI-SVARER-ÅSE"
    # Nothing about the others beyond Kari's display name; not the service's own feedback.
    for foreign in (
        "Annensen",
        "KARI-INTRODUKSJON",
        "kari-kontakt",
        "KARI-TIL-TREDJE",
        "TREDJE",
        "TJENESTENS-TILBAKEMELDING",
        "KONTAKTPERSON",
    ):
        assert foreign.lower() not in text.lower(), foreign


class _AnyTime:
    def __eq__(self, other):
        return isinstance(other, str) and bool(datetime.datetime.fromisoformat(other))


ANY_TIME = _AnyTime()


def test_a_message_from_a_member_who_left_says_so(client, member):
    from network.models import Membership

    Membership.objects.filter(participant__full_name="Kari Annensen").delete()
    client.force_login(member.user)
    network = json.loads(client.get("/min-side/mine-data/?format=json").content)["network"]
    assert network["messages_sent"] == []  # Kari's copy went with her
    [received] = network["messages_received"]  # Åse's copy stays, without Kari's name
    assert received["body"] == "KARI-SVARER-ÅSE"
    assert received["from"] not in ("Kari", "Kari Annensen")


def test_the_page_shows_the_network_section(client, member):
    client.force_login(member.user)
    html = client.get("/min-side/mine-data/").content.decode()
    assert 'id="network-heading"' in html
    for shown in (
        "ÅSE-INTRODUKSJON",
        "Plass i Ungdomsrådet",
        "Tjenesten Ungdomsrådet",
        "ÅSE-SKRIVER-TIL-KARI",
        "KARI-SVARER-ÅSE",
        "ÅSES-TILBAKEMELDING",
        "Kari",
    ):
        assert shown in html, shown
    assert "Annensen" not in html and "TJENESTENS-TILBAKEMELDING" not in html
    assert "<dd>4,0</dd>" in html  # the hours, written as Norwegians write numbers


def test_a_participant_who_is_not_a_member_has_no_network_section(client, person):
    client.force_login(person.user)
    assert json.loads(client.get("/min-side/mine-data/?format=json").content)["network"] is None
    assert 'id="network-heading"' not in client.get("/min-side/mine-data/").content.decode()

"""A dry run ten years ahead: the issue's cases built today, the daily retention task run with
a clock ten years on (and again when the inactive accounts' notice has run out) — and nothing
that identifies anyone is left in any table that holds personal data."""

import datetime
import uuid

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.services import certificate_issue
from cohorts.models import Enrolment, Participant
from cohorts.models import Session as GatheringSession
from cohorts.services import attendance_mark, enrolment_apply, personal_data_viewed
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
from privacy.models import InactivityWarning, LoginSession
from privacy.retention_rules import FIELD_RULES
from privacy.services import retention_apply
from tests.factories import make_coordinator, make_gathering, make_participant
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

TEN_YEARS = datetime.timedelta(days=3653)
NOTICE = datetime.timedelta(days=31)


def person(organisations, name, **fields):
    participant = make_participant(organisations["MHU"], name=name)
    for field, value in fields.items():
        setattr(participant, field, value)
    participant.save()
    participant.user.first_name, participant.user.last_name = name.split(" ", 1)
    participant.user.save()
    return participant


def sensitive(tag):
    return {
        "dietary_needs": f"{tag}-KOST",
        "accessibility_needs": f"{tag}-RULLESTOL",
        "emergency_contact_name": f"{tag}-NØDKONTAKT",
        "emergency_contact_phone": "99001122",
        "phone": "98765432",
        "municipality": f"{tag}-KOMMUNE",
    }


@pytest.fixture
def cases(organisations, admin_user):
    """The issue's cases: someone who never applied; applications left confirmed, applied,
    offered and awaiting a guardian; someone who attended and holds a certificate; an account
    without a profile; each logged in somewhere, one edited by an administrator in Wagtail."""
    identifying = []
    upcoming = make_gathering(organisations, title="Høstsamling")
    never = person(organisations, "Nora Aldrisøkt", **sensitive("NORA"))
    identifying += ["Nora Aldrisøkt", never.user.email, *sensitive("NORA").values()]
    for state in ("confirmed", "applied", "offered", "guardian_pending"):
        name = f"Sara {state.title().replace('_', '')}"
        participant = person(organisations, name, **sensitive(f"S{state.upper()}"))
        enrolment = enrolment_apply(
            participant=participant,
            gathering=upcoming,
            organisation=organisations["MHU"],
            motivation=f"MOTIVASJON-{state}",
            needs=f"BEHOV-{state}",
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(state=state)
        identifying += [name, participant.user.email, f"MOTIVASJON-{state}", f"BEHOV-{state}"]
    # attended, with a certificate (the row that made deleting in the admin answer 500)
    coordinator = make_coordinator(organisations["MHU"])
    upcoming.coordinators.add(coordinator)
    session = GatheringSession.objects.create(
        gathering=upcoming,
        title="Velkommen",
        starts_at=upcoming.starts_at,
        ends_at=upcoming.starts_at + datetime.timedelta(hours=2),
    )
    holder = person(organisations, "Bevis Innehaversen", **sensitive("BEVIS"))
    enrolment = enrolment_apply(
        participant=holder,
        gathering=upcoming,
        organisation=organisations["MHU"],
        motivation="MOTIVASJON-BEVIS",
    )
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="present",
        actor=coordinator,
        now=upcoming.starts_at,
    )
    certificate_issue(enrolment=enrolment, actor=coordinator)
    personal_data_viewed(viewer=coordinator, participant=holder, object_label="Høstsamling")
    identifying += ["Bevis Innehaversen", holder.user.email, "MOTIVASJON-BEVIS"]
    # she was invited to evaluate the gathering and answered, in her own words, anonymously;
    # and answered the year's kartlegging
    EvaluationInvite.objects.create(
        gathering=upcoming, participant=holder, salt="s" * 32, token_hash="t" * 64, answered=True
    )
    answer = GatheringResponse.objects.create(
        gathering=upcoming,
        edit_key="e" * 64,
        language="nb",
        missing="EVALUERING-MANGLET-BEVIS",
        keep="EVALUERING-BEHOLD-BEVIS",
        ready_system="partly",
    )
    ModuleRating.objects.create(
        response=answer,
        session=session,
        module_key=uuid.uuid4(),
        usefulness=5,
        comment="EVALUERING-KOMMENTAR-BEVIS",
    )
    survey = Survey.objects.create(
        slug="kartlegging",
        title="Kartlegging",
        year=upcoming.year,
        audience="representatives",
        opens_at=upcoming.starts_at,
        closes_at=upcoming.ends_at + datetime.timedelta(days=30),
    )
    question = SurveyQuestion.objects.create(survey=survey, kind="text", text="Hva mangler?")
    SurveyAnswer.objects.create(
        response=SurveyResponse.objects.create(survey=survey, language="nb"),
        question=question,
        text="KARTLEGGING-FRITEKST-BEVIS",
    )
    SurveyParticipation.objects.create(survey=survey, user=holder.user)
    identifying += [
        "EVALUERING-MANGLET-BEVIS",
        "EVALUERING-BEHOLD-BEVIS",
        "EVALUERING-KOMMENTAR-BEVIS",
        "KARTLEGGING-FRITEKST-BEVIS",
        "s" * 32,  # the invite's salt: with the site's secret, her link
        "e" * 64,  # the answer's edit key
    ]
    identifying += _network(organisations, holder, never, coordinator)
    # an account that never made a profile
    from django.contrib.auth import get_user_model

    bare = get_user_model().objects.create_user(
        email="uten.profil@example.org", password="x", first_name="Profil", last_name="Løs"
    )
    identifying += ["uten.profil@example.org", "Profil Løs"]
    # logged in somewhere; an administrator edited one login in Wagtail
    for participant in Participant.objects.all():
        Client().force_login(participant.user)
    Client().force_login(bare)
    ModelLogEntry.objects.log_action(never.user, "wagtail.edit", user=admin_user)
    return identifying


def _network(organisations, holder, other, coordinator):
    """The network (issue 18): the certificate holder is a member (a profile, a completed
    assignment with the contact she gave, a coordinator's note and both sides' comments, a
    message to another member and one back); Nora is a member too; a request still open whose
    dates have passed; a request whose e-mail was never confirmed."""
    from network.services.history import request_step
    from tests.privacy.network_factories import (
        make_feedback,
        make_invitation,
        make_member,
        make_message,
        make_service_request,
    )

    member = make_member(
        holder,
        introduction="NETTVERK-PRESENTASJON-BEVIS",
        languages="NETTVERK-SPRÅK-BEVIS",
        contact_email="bevis.oppdrag@example.org",
        contact_phone="NETTVERK-TLF-BEVIS",
    )
    nora = make_member(other, introduction="NETTVERK-PRESENTASJON-NORA")
    done = make_service_request("Rådet", state="completed")
    invitation = make_invitation(
        done, member, organisations["MHU"], state="confirmed", note="NOTAT-TIL-BEVIS"
    )
    request_step(request=done, step="completed", detail="DETALJ-RÅDET", actor=coordinator)
    make_feedback(invitation, "member", "TILBAKEMELDING-FRA-BEVIS")
    make_feedback(invitation, "service", "TILBAKEMELDING-OM-BEVIS")
    make_message(member, nora, "MELDING-FRA-BEVIS")
    make_message(nora, member, "MELDING-FRA-NORA")
    make_service_request("Panelet", state="inviting")  # never closed: its dates pass
    make_service_request("Ubekreftet", state="unverified", email_verified_at=None)
    return [
        "NETTVERK-PRESENTASJON-BEVIS",
        "NETTVERK-SPRÅK-BEVIS",
        "bevis.oppdrag@example.org",
        "NETTVERK-TLF-BEVIS",
        "NETTVERK-PRESENTASJON-NORA",
        "NOTAT-TIL-BEVIS",
        "DETALJ-RÅDET",
        "TILBAKEMELDING-FRA-BEVIS",
        "TILBAKEMELDING-OM-BEVIS",
        "MELDING-FRA-BEVIS",
        "MELDING-FRA-NORA",
        *[
            value
            for title in ("Rådet", "Panelet", "Ubekreftet")
            for value in (
                f"KONTAKTPERSON-{title}",
                f"kontakt-{title.lower()}@tjeneste.example",
                f"BESKRIVELSE-{title}",
                f"BETALING-{title}",
            )
        ],
    ]


def personal_tables_as_text():
    models = [apps.get_model(model_key) for model_key in FIELD_RULES]
    return "\n".join(
        serializers.serialize("json", model._default_manager.all()) for model in models
    )


def test_ten_years_ahead_nothing_personal_remains(cases):
    text = personal_tables_as_text()
    assert all(value in text for value in cases[:3])  # the walk sees them today
    assert all(value in text for value in cases if "EVALUERING" in value or "KARTLEGGING" in value)
    ahead = timezone.now() + TEN_YEARS
    retention_apply(now=ahead)
    assert InactivityWarning.objects.count() == 7  # every participant and the bare account
    # by retention itself, before any account is erased: who answered, and what was written
    assert not EvaluationInvite.objects.exists() and not SurveyParticipation.objects.exists()
    assert not GatheringResponse.objects.exclude(missing="", keep="").exists()
    assert not SurveyAnswer.objects.exclude(text="").exists()
    retention_apply(now=ahead + NOTICE)
    text = personal_tables_as_text()
    left = [value for value in cases if value in text]
    assert not left, f"still there ten years on: {left}"
    assert Session.objects.count() == 0 and LoginSession.objects.count() == 0
    assert not OutboxMessage.objects.exists()
    # and what funders count is still there, and the evaluations' anonymous statistics
    assert Enrolment.objects.count() == 5
    assert ModuleRating.objects.filter(usefulness=5, comment="").count() == 1
    assert GatheringResponse.objects.filter(ready_system="partly").count() == 1


def test_the_dry_run_ten_years_ahead_lists_every_case_and_changes_nothing(cases):
    before = personal_tables_as_text()
    results = {r.key: r for r in retention_apply(now=timezone.now() + TEN_YEARS, dry_run=True)}
    assert personal_tables_as_text() == before
    assert "Nora Aldrisøkt" in results["sensitive_fields"].items
    assert results["application_texts"].count == 5
    assert results["inactive_warned"].count == 7
    # the network: two members warned, two requests anonymised, one never confirmed, messages
    assert sorted(results["inactive_members_warned"].items) == [
        "Bevis Innehaversen",
        "Nora Aldrisøkt",
    ]
    assert results["network_requests"].count == 2
    assert results["network_unverified"].count == 1
    assert results["network_messages"].count == 2

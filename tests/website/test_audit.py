"""The audit log: every change and view of personal data that the issue lists is recorded
(who, what, whom, when, reason); administrators can read and filter it; nobody can change or
delete an entry through the application."""

import datetime

import pytest
from django.utils import timezone

from certificates.services import certificate_issue, certificate_revoke
from cohorts.models import Enrolment, Session
from cohorts.services import (
    EnrolmentError,
    attendance_mark,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
)
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)
from website.models import AuditEntry

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def setting(organisations):
    gathering = make_gathering(organisations, mode="application", title="Vårsamling")
    start = gathering.starts_at
    session = Session.objects.create(
        gathering=gathering,
        title="Velkommen",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    coordinator = make_coordinator(organisations["MHU"])
    coordinator.first_name = "Kari"
    coordinator.save()
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["MHU"], name="Åse Øyen")
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    return {
        "gathering": gathering,
        "session": session,
        "coordinator": coordinator,
        "participant": participant,
        "enrolment": enrolment,
    }


def test_every_change_of_an_applications_state_is_logged_with_who_whom_and_why(setting):
    coordinator, enrolment = setting["coordinator"], setting["enrolment"]
    enrolment_decide(enrolment=enrolment, decision="accept", actor=coordinator, reason="Passer")
    enrolment_cancel(enrolment=enrolment, actor=coordinator, reason="Syk")
    applied, accepted, cancelled = entries(Action.ENROLMENT_STATE)
    assert applied.actor == setting["participant"].user
    assert applied.summary == "– → applied"
    assert accepted.actor == coordinator and accepted.actor_label == coordinator.email
    assert accepted.participant_id == setting["participant"].pk
    assert accepted.subject_label == "Åse Øyen"
    assert accepted.object_label == "Vårsamling"
    assert (accepted.summary, accepted.reason) == ("applied → confirmed", "Passer")
    assert (cancelled.summary, cancelled.reason) == ("confirmed → cancelled", "Syk")
    assert cancelled.created_at <= timezone.now()


def test_a_refused_action_leaves_no_entry(setting):
    before = AuditEntry.objects.count()
    with pytest.raises(EnrolmentError):
        enrolment_cancel(enrolment=setting["enrolment"], actor=setting["coordinator"], reason="")
    assert AuditEntry.objects.count() == before


def test_attendance_is_logged_only_when_changed_after_the_gathering(setting):
    coordinator, session = setting["coordinator"], setting["session"]
    enrolment = setting["enrolment"]
    enrolment_decide(enrolment=enrolment, decision="accept", actor=coordinator)
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="present",
        actor=coordinator,
        now=session.starts_at,
    )
    assert entries(Action.ATTENDANCE_CHANGED) == []
    after = setting["gathering"].ends_at + datetime.timedelta(days=1)
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="absent",
        actor=coordinator,
        reason="Feilregistrert",
        now=after,
    )
    [entry] = entries(Action.ATTENDANCE_CHANGED)
    assert (entry.summary, entry.reason) == ("present → absent", "Feilregistrert")
    assert entry.object_label == "Vårsamling: Velkommen"


def test_certificates_issued_as_exceptions_and_revoked_are_logged_with_reasons(setting):
    coordinator, enrolment = setting["coordinator"], setting["enrolment"]
    enrolment_decide(enrolment=enrolment, decision="accept", actor=coordinator)
    certificate = certificate_issue(
        enrolment=enrolment, actor=coordinator, exception_reason="Syk siste dag"
    )
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Feil nivå")
    [issued] = entries(Action.CERTIFICATE_EXCEPTION)
    assert (issued.reason, issued.summary) == ("Syk siste dag", certificate.display_code)
    [revoked] = entries(Action.CERTIFICATE_REVOKED)
    assert revoked.reason == "Feil nivå" and revoked.actor == coordinator


def test_exports_and_sensitive_views_are_logged_per_participant(client, setting):
    coordinator, gathering = setting["coordinator"], setting["gathering"]
    enrolment_decide(enrolment=setting["enrolment"], decision="accept", actor=coordinator)
    log_in_with_admin_access(client, coordinator)
    base = f"/admin/pameldinger/{gathering.pk}"
    assert client.get(f"{base}/eksport.csv").status_code == 200
    assert client.get(f"{base}/oppmote/?format=xlsx").status_code == 200
    assert client.get(f"{base}/innsjekk/{setting['session'].pk}/ark.pdf").status_code == 200
    assert client.get(f"/admin/pameldinger/pamelding/{setting['enrolment'].pk}/").status_code == 200
    exports = entries(Action.EXPORT)
    assert [e.summary for e in exports] == [
        "Deltakerliste (CSV)",
        "Oppmøterapport (XLSX)",
        "Innsjekkingsliste (PDF)",
    ]
    assert {e.participant_id for e in exports} == {setting["participant"].pk}
    assert {e.actor for e in exports} == {coordinator}
    [viewed] = entries(Action.SENSITIVE_VIEWED)
    assert viewed.participant_id == setting["participant"].pk


def test_entries_cannot_be_changed_or_deleted(setting):
    entry = AuditEntry.objects.first()
    entry.reason = "endret"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(reason="endret")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(reason="endret").count() == 0


def test_an_entry_outlives_the_participant_and_the_account(setting):
    participant = setting["participant"]
    user = participant.user
    Enrolment.objects.filter(participant=participant).delete()
    participant.delete()
    user.delete()
    entry = entries(Action.ENROLMENT_STATE)[0]
    # Deleting a participant goes through erasure (issue 14): the entry stays, without the name.
    assert entry.actor is None and entry.actor_label == "slettet deltaker"
    assert user.email not in entry.actor_label


def test_administrators_browse_and_filter_the_log_but_cannot_edit_it(client, setting, admin_user):
    enrolment_decide(
        enrolment=setting["enrolment"],
        decision="reject",
        actor=setting["coordinator"],
        reason="Full",
    )
    client.force_login(admin_user)
    html = client.get("/admin/revisjonslogg/?action=enrolment_state").content.decode()
    # The summary is stored as codes and shown as words (issue 15).
    assert "Åse Øyen" in html and "Til behandling → Ikke tatt opp" in html
    assert "applied → rejected" not in html
    assert "Vårsamling" in html
    none = client.get("/admin/revisjonslogg/?action=certificate_revoked").content.decode()
    assert "Åse Øyen" not in none
    entry = AuditEntry.objects.first()
    for url in [
        "/admin/revisjonslogg/new/",
        f"/admin/revisjonslogg/edit/{entry.pk}/",
        f"/admin/revisjonslogg/delete/{entry.pk}/",
    ]:
        assert client.get(url).status_code == 404, url  # one refusal style: as if absent
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    assert client.get(f"/admin/revisjonslogg/inspect/{entry.pk}/").status_code == 200
    assert AuditEntry.objects.filter(reason="x").count() == 0
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_coordinators_and_editors_cannot_read_the_log(client, setting):
    log_in_with_admin_access(client, setting["coordinator"])
    assert client.get("/admin/revisjonslogg/").status_code == 404

"""Staff read words, not codes (issue 15): an application's history and the audit log say
«Plass bekreftet → Avmeldt», not `confirmed → cancelled`; a cancelled application is
«avmeldt», never «avlyst»; a coordinator's cancel button says «Meld av»."""

import pytest
from django.urls import reverse

from cohorts.services import enrolment_apply, enrolment_cancel, enrolment_decide
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)
from website.audit import audit_summary_display
from website.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled(organisations):
    gathering = make_gathering(organisations, mode="application", title="Vårsamling")
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["MHU"], name="Åse Øyen")
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    enrolment_decide(enrolment=enrolment, decision="accept", actor=coordinator, reason="")
    enrolment_cancel(enrolment=enrolment, actor=coordinator, reason="Syk")
    return enrolment, coordinator


def test_the_history_of_an_application_shows_states_as_words(client, cancelled):
    enrolment, coordinator = cancelled
    log_in_with_admin_access(client, coordinator)
    html = client.get(reverse("cohorts_admin_participant", args=[enrolment.pk])).content.decode()
    assert "Til behandling → Plass bekreftet" in html
    assert "Plass bekreftet → Avmeldt" in html
    assert "confirmed" not in html and "→ cancelled" not in html
    assert "Avlyst" not in html


def test_the_history_is_in_english_for_staff_who_read_english(client, cancelled):
    from wagtail.users.models import UserProfile

    enrolment, coordinator = cancelled
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"  # the admin follows the user's own language setting
    profile.save()
    log_in_with_admin_access(client, coordinator)
    html = client.get(reverse("cohorts_admin_participant", args=[enrolment.pk])).content.decode()
    assert "Seat confirmed → Cancelled" in html


def test_audit_summaries_are_stored_as_codes_and_shown_as_words(cancelled):
    from django.utils import translation

    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ENROLMENT_STATE).first()
    assert entry.summary == "confirmed → cancelled"  # data: the same whatever the language
    with translation.override("nb"):
        assert audit_summary_display(entry) == "Plass bekreftet → Avmeldt"
    with translation.override("en"):
        assert audit_summary_display(entry) == "Seat confirmed → Cancelled"


def test_a_summary_that_is_not_a_state_change_is_shown_as_written():
    entry = AuditEntry(action=AuditEntry.Action.EXPORT, summary="CSV")
    assert audit_summary_display(entry) == "CSV"
    odd = AuditEntry(action=AuditEntry.Action.ENROLMENT_STATE, summary="– → applied")
    from django.utils import translation

    with translation.override("nb"):
        assert audit_summary_display(odd) == "Til behandling"


def test_the_coordinators_cancel_button_says_meld_av(client, organisations):
    gathering = make_gathering(organisations, mode="application", title="Vårsamling")
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["MHU"], name="Åse Øyen")
    enrolment = enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisations["MHU"]
    )
    enrolment_decide(enrolment=enrolment, decision="accept", actor=coordinator, reason="")
    log_in_with_admin_access(client, coordinator)
    html = client.get(reverse("cohorts_admin_participant", args=[enrolment.pk])).content.decode()
    assert "Meld av" in html

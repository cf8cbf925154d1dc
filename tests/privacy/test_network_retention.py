"""Retention for the network (issue 18): unconfirmed requests go after a week; a closed or
completed request loses the service's contact and the texts N months after it closed (the
figures stay); messages between members go after N months; a member silent for N months is
warned by e-mail and loses the profile after the notice unless they came back. The dry run
lists each and changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from network.models import (
    AssignmentFeedback,
    MemberMessage,
    Membership,
    RequestEvent,
    RequestInvitation,
    ServiceRequest,
)
from network.services.history import request_step
from privacy.services import retention_apply
from tests.factories import make_participant
from tests.privacy.network_factories import (
    make_feedback,
    make_invitation,
    make_member,
    make_message,
    make_service_request,
)
from website import outbox
from website.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db
NOW = timezone.now()
MONTH = datetime.timedelta(days=30)
DAY = datetime.timedelta(days=1)
KIND = "privacy_inactive_member"


def results(now=NOW, dry_run=False):
    return {r.key: r for r in retention_apply(now=now, dry_run=dry_run)}


def test_a_request_never_confirmed_goes_after_seven_days():
    old = make_service_request("Gammel", state="unverified", created_at=NOW - 8 * DAY)
    new = make_service_request("Ny", state="unverified", created_at=NOW - 6 * DAY)
    confirmed = make_service_request("Bekreftet", created_at=NOW - 30 * DAY)
    assert results()["network_unverified"].count == 1
    remaining = set(ServiceRequest.objects.values_list("pk", flat=True))
    assert remaining == {new.pk, confirmed.pk}
    assert old.pk not in remaining


def test_the_unconfirmed_period_is_a_setting(settings):
    make_service_request("Gammel", state="unverified", created_at=NOW - 3 * DAY)
    settings.NETWORK_UNVERIFIED_REQUEST_DAYS = 2
    assert results()["network_unverified"].count == 1
    assert not ServiceRequest.objects.exists()


@pytest.fixture
def assignment(organisations):
    """A request completed 25 months ago (by its history), with a member who accepted and
    both sides' feedback; a request closed 23 months ago; one still open from long ago."""
    member = make_member(make_participant(organisations["MHU"], name="Mia Medlem"))
    done = make_service_request("Ferdig", state="completed", created_at=NOW - 27 * MONTH)
    invitation = make_invitation(done, member, organisations["MHU"], state="confirmed")
    request_step(request=done, step="completed", detail="SKRITT-DETALJ", now=NOW - 25 * MONTH)
    make_feedback(invitation, "member", "MEDLEMMETS-KOMMENTAR", rating=5)
    make_feedback(invitation, "service", "TJENESTENS-KOMMENTAR", rating=4)
    recent = make_service_request(
        "Nylig", state="closed", closed_at=NOW - 23 * MONTH, close_reason="GRUNN-NYLIG"
    )
    still_open = make_service_request("Åpen", state="inviting", created_at=NOW - 40 * MONTH)
    return {"done": done, "invitation": invitation, "recent": recent, "open": still_open}


def test_a_completed_request_loses_the_contact_and_texts_after_24_months(assignment):
    result = results()["network_requests"]
    assert result.items == ["Plass i Ferdig (Tjenesten Ferdig)"]
    done = ServiceRequest.objects.get(pk=assignment["done"].pk)
    assert done.anonymised_at is not None
    blanked = (done.contact_name, done.contact_email, done.contact_phone, done.description)
    assert blanked == ("", "", "", "")
    assert done.payment_details == ""
    # What the figures and the erfaringslogg count stays.
    assert (done.title, done.organisation_name, done.kind, done.state) == (
        "Plass i Ferdig",
        "Tjenesten Ferdig",
        "board",
        "completed",
    )
    assert (done.field, done.participation_level, done.county) == ("", "system", "46")
    invitation = RequestInvitation.objects.get(pk=assignment["invitation"].pk)
    assert (invitation.shared_email, invitation.shared_phone, invitation.note) == ("", "", "")
    assert invitation.membership is not None and invitation.hours == 4
    assert invitation.state == "confirmed"
    feedback = AssignmentFeedback.objects.filter(invitation=invitation)
    assert sorted(feedback.values_list("rating", "comment")) == [(4, ""), (5, "")]
    assert not RequestEvent.objects.filter(request=done).exclude(detail="").exists()
    assert RequestEvent.objects.filter(request=done, kind="anonymised").count() == 1
    assert AuditEntry.objects.filter(action="network_request", summary="anonymised").exists()


def test_a_request_closed_less_long_ago_and_an_open_one_are_untouched(assignment):
    results()
    recent = ServiceRequest.objects.get(pk=assignment["recent"].pk)
    assert (recent.anonymised_at, recent.close_reason) == (None, "GRUNN-NYLIG")
    assert recent.contact_email
    still_open = ServiceRequest.objects.get(pk=assignment["open"].pk)
    assert still_open.anonymised_at is None and still_open.contact_email
    # ... until its time comes.
    results(now=NOW + 2 * MONTH)
    recent.refresh_from_db()
    assert recent.anonymised_at is not None and recent.close_reason == ""


def test_the_requests_period_is_a_setting(assignment, settings):
    settings.RETENTION = {**settings.RETENTION, "network_requests": 30}
    assert results()["network_requests"].count == 0
    assert ServiceRequest.objects.get(pk=assignment["done"].pk).anonymised_at is None


def test_anonymising_twice_changes_nothing_more(assignment):
    results()
    events = RequestEvent.objects.count()
    assert results(now=NOW + DAY)["network_requests"].count == 0
    assert RequestEvent.objects.count() == events


def test_messages_between_members_go_after_12_months(organisations):
    one = make_member(make_participant(organisations["MHU"], name="En Medlem"))
    two = make_member(make_participant(organisations["BAR"], name="To Medlem"))
    make_message(one, two, "GAMMEL-MELDING", sent_at=NOW - 13 * MONTH)
    make_message(two, one, "NY-MELDING", sent_at=NOW - 11 * MONTH)
    assert results()["network_messages"].count == 1
    assert list(MemberMessage.objects.values_list("body", flat=True)) == ["NY-MELDING"]


# --- silent members -------------------------------------------------------------------------


@pytest.fixture
def silent(organisations):
    """A member who has done nothing in the network and not logged in for 25 months."""
    participant = make_participant(organisations["MHU"], name="Stille Siri")
    membership = make_member(participant, last_active_at=NOW - 25 * MONTH)
    get_user_model().objects.filter(pk=participant.user.pk).update(last_login=NOW - 25 * MONTH)
    return membership


def warnings_to(membership):
    return list(
        OutboxMessage.objects.filter(kind=KIND, recipient=membership.participant.user.email)
    )


def test_a_member_silent_for_24_months_is_warned_once_by_email(silent):
    results()
    results(now=NOW + DAY)
    [message] = warnings_to(silent)
    silent.refresh_from_db()
    assert silent.inactivity_warned_at == NOW
    email = outbox.render(message)
    remove_on = timezone.localtime(NOW + 30 * DAY).date()
    assert "nettverksprofil" in email.subject.lower() and f"{remove_on.day}. " in email.subject
    assert "24 måneder" in email.body
    assert "/konto/login/" in email.body and "/min-side/nettverk/profil/" in email.body
    assert "Stille Siri" in email.body
    assert Membership.objects.filter(pk=silent.pk).exists()  # not removed yet


def test_a_member_active_lately_or_who_logged_in_is_not_warned(silent, organisations):
    busy = make_member(
        make_participant(organisations["BAR"], name="Aktiv Aud"), last_active_at=NOW - 2 * MONTH
    )
    get_user_model().objects.filter(pk=silent.participant.user.pk).update(last_login=NOW - DAY)
    assert results()["inactive_members_warned"].count == 0
    assert not warnings_to(silent) and not warnings_to(busy)


def test_the_profile_is_removed_30_days_after_the_warning(silent):
    results()
    assert results(now=NOW + 29 * DAY)["inactive_members_removed"].count == 0
    result = results(now=NOW + 30 * DAY)["inactive_members_removed"]
    assert result.items == ["Stille Siri"]
    assert not Membership.objects.filter(pk=silent.pk).exists()
    # The account stays: only the network profile goes.
    assert get_user_model().objects.filter(pk=silent.participant.user.pk, erased_at=None).exists()
    assert AuditEntry.objects.filter(
        action="network_membership", summary="removed_inactive"
    ).exists()


def test_a_member_who_logs_in_after_the_warning_keeps_the_profile(silent):
    results()
    get_user_model().objects.filter(pk=silent.participant.user.pk).update(last_login=NOW + 5 * DAY)
    assert results(now=NOW + 31 * DAY)["inactive_members_removed"].count == 0
    silent.refresh_from_db()
    assert silent.inactivity_warned_at is None
    # The warning e-mail, if not yet sent, is no longer sent.
    [message] = warnings_to(silent)
    assert outbox.render(message) is None


def test_a_removed_member_leaves_the_requests_history(silent, organisations):
    request = make_service_request("Historikk")
    invitation = make_invitation(request, silent, organisations["MHU"], state="declined")
    results()
    results(now=NOW + 30 * DAY)
    invitation.refresh_from_db()
    assert invitation.membership is None and invitation.state == "declined"


def test_the_dry_run_lists_the_network_and_changes_nothing(assignment, silent, organisations):
    make_service_request("Gammel", state="unverified", created_at=NOW - 8 * DAY)
    one = make_member(make_participant(organisations["BAR"], name="En Annen"))
    make_message(one, silent, "GAMMEL", sent_at=NOW - 13 * MONTH)
    before = (ServiceRequest.objects.count(), MemberMessage.objects.count())
    dry = results(dry_run=True)
    assert dry["network_unverified"].count == 1
    assert dry["network_requests"].count == 1
    assert dry["network_messages"].count == 1
    assert dry["inactive_members_warned"].items == ["Stille Siri"]
    assert before == (ServiceRequest.objects.count(), MemberMessage.objects.count())
    assert ServiceRequest.objects.filter(anonymised_at__isnull=False).count() == 0
    silent.refresh_from_db()
    assert silent.inactivity_warned_at is None
    assert not OutboxMessage.objects.filter(kind=KIND).exists()


def test_the_retention_page_shows_the_network_rules(client, admin_user, silent):
    client.force_login(admin_user)
    html = client.get("/admin/pameldinger/sletting/").content.decode()
    assert "Stille Siri" in html


def test_a_request_nobody_closed_goes_24_months_after_its_last_date():
    forgotten = make_service_request(
        "Glemt",
        state="inviting",
        starts_on=(NOW - 26 * MONTH).date(),
        ends_on=(NOW - 25 * MONTH).date(),
    )
    running = make_service_request(
        "Løpende", state="matched", starts_on=(NOW - 30 * MONTH).date(), ends_on=NOW.date()
    )
    assert results()["network_requests"].items == ["Plass i Glemt (Tjenesten Glemt)"]
    forgotten.refresh_from_db()
    running.refresh_from_db()
    assert forgotten.contact_email == "" and forgotten.anonymised_at is not None
    assert running.contact_email and running.anonymised_at is None

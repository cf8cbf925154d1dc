"""Accounts nobody uses: after RETENTION["inactive_accounts"] months without a log-in, an
application or a gathering, the person is warned by e-mail (what goes, when, and that logging in
keeps the account); still unused after the notice, the account is erased like any erasure."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cohorts.models import Participant
from privacy.models import InactivityWarning
from privacy.services import retention_apply
from tests.factories import make_coordinator, make_participant
from website import outbox
from website.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db
NOW = timezone.now()
MONTH = datetime.timedelta(days=30)
KIND = "privacy_inactive_account"


def quiet_since(user, months):
    when = NOW - months * MONTH
    get_user_model().objects.filter(pk=user.pk).update(last_login=when, date_joined=when)


@pytest.fixture
def quiet(organisations):
    participant = make_participant(organisations["MHU"], name="Stille Sofie")
    participant.dietary_needs = "Laktosefri"
    participant.save()
    quiet_since(participant.user, 25)
    return participant


def warnings_to(address):
    return list(OutboxMessage.objects.filter(kind=KIND, recipient=address))


def test_an_account_unused_for_24_months_is_warned_once_in_its_language(quiet):
    retention_apply(now=NOW)
    retention_apply(now=NOW + datetime.timedelta(days=1))
    [message] = warnings_to(quiet.user.email)
    email = outbox.render(message)
    assert "slettet" in email.subject
    erase_on = timezone.localtime(NOW + datetime.timedelta(days=30)).date()
    assert f"{erase_on.day}. " in email.subject
    assert "24 måneder" in email.body
    assert "/konto/login/" in email.body and "logger du bare inn" in email.body
    assert "mat, tilrettelegging" in email.body and "/min-side/mine-data/" in email.body
    assert "Stille Sofie" in email.body  # greeted by name


def test_the_warning_is_in_english_for_someone_who_chose_english(quiet):
    Participant.objects.filter(pk=quiet.pk).update(language="en")
    retention_apply(now=NOW)
    [message] = warnings_to(quiet.user.email)
    email = outbox.render(message)
    assert email.subject.startswith("Your Medvirk account will be deleted on")
    assert "To keep your account, just log in" in email.body


def test_after_the_notice_an_account_still_unused_is_erased(quiet):
    retention_apply(now=NOW)
    assert not AuditEntry.objects.filter(action="erased").exists()
    retention_apply(now=NOW + datetime.timedelta(days=29))  # not yet
    assert get_user_model().objects.get(pk=quiet.user_id).erased_at is None
    retention_apply(now=NOW + datetime.timedelta(days=31))
    quiet.refresh_from_db()
    assert quiet.user.erased_at is not None and not quiet.user.is_active
    assert quiet.full_name != "Stille Sofie" and quiet.dietary_needs == ""
    assert AuditEntry.objects.filter(action="erased", participant_id=quiet.pk).exists()


def test_logging_in_after_the_warning_keeps_the_account(quiet, client):
    retention_apply(now=NOW)
    client.force_login(quiet.user)  # the log-in sets last_login to now
    get_user_model().objects.filter(pk=quiet.user_id).update(
        last_login=NOW + datetime.timedelta(days=3)
    )
    results = {r.key: r.count for r in retention_apply(now=NOW + datetime.timedelta(days=31))}
    assert results["inactive_erased"] == 0
    assert get_user_model().objects.get(pk=quiet.user_id).erased_at is None
    assert not InactivityWarning.objects.exists()  # warned afresh if quiet again
    assert len(warnings_to(quiet.user.email)) == 1


def test_an_account_without_a_profile_is_warned_and_erased_too(db):
    user = get_user_model().objects.create_user(email="bare.konto@example.org", password="x")
    quiet_since(user, 30)
    retention_apply(now=NOW)
    [message] = warnings_to("bare.konto@example.org")
    assert "slettet" in outbox.render(message).subject
    retention_apply(now=NOW + datetime.timedelta(days=31))
    user.refresh_from_db()
    assert user.erased_at is not None and user.email != "bare.konto@example.org"
    assert not OutboxMessage.objects.filter(recipient="bare.konto@example.org").exists()


def test_recent_activity_and_staff_accounts_are_not_warned(organisations, quiet):
    recent = make_participant(organisations["MHU"])
    quiet_since(recent.user, 23)
    coordinator = make_coordinator(organisations["MHU"])
    quiet_since(coordinator, 40)
    results = {r.key: r.items for r in retention_apply(now=NOW)}
    assert results["inactive_warned"] == ["Stille Sofie"]
    assert not warnings_to(recent.user.email) and not warnings_to(coordinator.email)


def test_an_application_counts_as_activity(organisations, quiet):
    from cohorts.services import enrolment_apply
    from tests.factories import make_gathering

    enrolment_apply(
        participant=quiet,
        gathering=make_gathering(organisations),
        organisation=organisations["MHU"],
    )
    assert {r.key: r.count for r in retention_apply(now=NOW)}["inactive_warned"] == 0

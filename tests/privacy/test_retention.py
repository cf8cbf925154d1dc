"""Retention: each rule removes exactly what is past its time, keeps what is not, keeps the
rows funders count; the dry run lists the same and changes nothing; a second run is a no-op.
Who was shown sensitive fields is part of the one audit log and kept as long as it."""

import datetime

import pytest
from django.db import models
from django.utils import timezone

from cohorts.models import Enrolment, Participant
from cohorts.services import enrolment_apply, enrolment_cancel, personal_data_viewed
from privacy.services import retention_apply
from tests.factories import log_in_with_admin_access, make_gathering, make_participant
from website.audit import audit_record, sensitive_access
from website.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = timezone.now()
MONTH = datetime.timedelta(days=30)


def months_ago(n):
    return NOW - n * MONTH


def past_gathering(organisations, ended_months_ago):
    end = months_ago(ended_months_ago)
    return make_gathering(
        organisations,
        starts_at=end - datetime.timedelta(days=1),
        ends_at=end,
        enrolment_opens_at=end - datetime.timedelta(days=60),
        enrolment_closes_at=end - datetime.timedelta(days=10),
    )


def applied(organisations, gathering, **fields):
    participant = make_participant(organisations["MHU"])
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.save()
    return enrolment_apply(
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
        motivation="Min motivasjon",
        needs="Mine behov",
        now=gathering.enrolment_opens_at + datetime.timedelta(days=1),
    )


@pytest.fixture
def data(organisations):
    upcoming = make_gathering(organisations)
    old = past_gathering(organisations, 13)
    recent = past_gathering(organisations, 5)
    sensitive = {name: f"S-{name}"[:30] for name in Participant.SENSITIVE_FIELDS[:-1]}
    cancelled_long_ago = applied(organisations, upcoming)
    enrolment_cancel(
        enrolment=cancelled_long_ago,
        actor=cancelled_long_ago.participant.user,
    )
    Enrolment.objects.filter(pk=cancelled_long_ago.pk).update(ended_at=months_ago(13))
    cancelled_lately = applied(organisations, upcoming)
    enrolment_cancel(enrolment=cancelled_lately, actor=cancelled_lately.participant.user)
    Enrolment.objects.filter(pk=cancelled_lately.pk).update(ended_at=months_ago(11))
    done_long_ago = applied(organisations, old, **sensitive)  # last gathering 13 months ago
    done_lately = applied(organisations, recent, **sensitive)  # last gathering 5 months ago
    coming_back = applied(organisations, old, **sensitive)  # and applies again
    enrolment_apply(
        participant=coming_back.participant,
        gathering=upcoming,
        organisation=organisations["MHU"],
    )
    for months, participant in [(25, done_long_ago.participant), (23, done_lately.participant)]:
        personal_data_viewed(viewer=None, participant=participant, object_label="Samling")
        [view] = sensitive_access(participant.pk)
        models.QuerySet.update(AuditEntry.objects.filter(pk=view.pk), created_at=months_ago(months))
    [old_entry] = audit_record(actor=None, action="export")
    models.QuerySet.update(AuditEntry.objects.filter(pk=old_entry.pk), created_at=months_ago(61))
    return {
        "cancelled_long_ago": cancelled_long_ago,
        "cancelled_lately": cancelled_lately,
        "done_long_ago": done_long_ago,
        "done_lately": done_lately,
        "coming_back": coming_back,
        "old_entry": old_entry,
    }


def fresh(enrolment):
    return Enrolment.objects.select_related("participant").get(pk=enrolment.pk)


def snapshot():
    return (
        list(Enrolment.objects.order_by("pk").values()),
        list(Participant.objects.order_by("pk").values()),
        AuditEntry.objects.filter(sensitive=True).count(),
        AuditEntry.objects.count(),
    )


def test_each_rule_removes_what_is_past_its_time_and_keeps_the_rest(data):
    enrolments_before = Enrolment.objects.count()
    results = {r.key: r.count for r in retention_apply()}
    assert results == {
        "ended_applications": 1,
        "application_texts": 3,  # the gatherings 13 and 5 months ago are over
        "sensitive_fields": 1,
        "audit_log": 1,
        "sent_emails": 0,
        "expired_sessions": 0,
        "evaluation_keys": 0,
        "who_answered": 0,
        "evaluation_texts": 0,
        "inactive_erased": 0,
        "inactive_warned": 0,
        "network_unverified": 0,
        "network_requests": 0,
        "network_messages": 0,
        "inactive_members_removed": 0,
        "inactive_members_warned": 0,
    }
    long_ago = fresh(data["cancelled_long_ago"])
    assert (long_ago.motivation, long_ago.needs) == ("", "")
    assert long_ago.state == "cancelled"  # the row stays for the counts
    lately = fresh(data["cancelled_lately"])
    assert lately.motivation == "Min motivasjon"
    gone = fresh(data["done_long_ago"]).participant
    assert all(getattr(gone, name) == "" for name in Participant.SENSITIVE_FIELDS)
    assert gone.full_name  # only the sensitive fields go
    for kept in ("done_lately", "coming_back"):
        participant = fresh(data[kept]).participant
        assert participant.dietary_needs == "S-dietary_needs", kept
    # the views of sensitive fields, 25 and 23 months old, are audit entries: kept 60 months
    assert AuditEntry.objects.filter(sensitive=True).count() == 2
    assert not AuditEntry.objects.filter(pk=data["old_entry"].pk).exists()
    assert Enrolment.objects.count() == enrolments_before


def test_the_dry_run_lists_the_same_and_changes_nothing(data):
    before = snapshot()
    preview = {r.key: r.count for r in retention_apply(dry_run=True)}
    assert snapshot() == before
    names = {r.key: r.items for r in retention_apply(dry_run=True)}
    assert names["sensitive_fields"] == [fresh(data["done_long_ago"]).participant.full_name]
    assert preview == {r.key: r.count for r in retention_apply()}


def test_a_second_run_removes_nothing_more(data):
    retention_apply()
    before = snapshot()
    assert {r.count for r in retention_apply()} == {0}
    assert snapshot() == before


def test_the_periods_are_settings(data, settings):
    settings.RETENTION = {**settings.RETENTION, "ended_applications": 10}
    results = {r.key: r.count for r in retention_apply(dry_run=True)}
    assert results["ended_applications"] == 2


def test_administrators_see_the_dry_run_and_can_run_it(client, data, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/pameldinger/sletting/").content.decode()
    assert "Sensitive profilfelt etter siste samling eller siste innlogging: 1" in html
    assert fresh(data["done_long_ago"]).participant.dietary_needs  # nothing deleted yet
    client.post("/admin/pameldinger/sletting/")
    assert fresh(data["done_long_ago"]).participant.dietary_needs == ""


def test_coordinators_cannot_open_or_run_it(client, data, organisations):
    from tests.factories import make_coordinator

    coordinator = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, coordinator)
    # One refusal style: as if the page did not exist.
    assert client.get("/admin/pameldinger/sletting/").status_code == 404
    client.post("/admin/pameldinger/sletting/")
    assert fresh(data["done_long_ago"]).participant.dietary_needs


def test_the_task_is_scheduled_daily():
    """The migration's schedule (run again here: a flush by an earlier transactional test
    on this worker may have removed the row the migration made)."""
    import importlib

    from django.apps import apps as registry
    from django_q.models import Schedule

    migration = importlib.import_module("privacy.migrations.0001_retention_schedule")
    migration.add_schedule(registry, None)
    migration.add_schedule(registry, None)  # and it is idempotent
    [schedule] = Schedule.objects.filter(func="privacy.tasks.apply_retention")
    assert schedule.schedule_type == Schedule.DAILY


def test_the_schedule_made_for_cohorts_is_pointed_at_the_privacy_task():
    """The row cohorts.0009 made is moved, not doubled: its next run and history stay."""
    import importlib

    from django.apps import apps as registry
    from django_q.models import Schedule
    from django_q.tasks import schedule as make_schedule

    Schedule.objects.filter(func__endswith=".apply_retention").delete()
    old = make_schedule("cohorts.tasks.apply_retention", schedule_type=Schedule.DAILY)
    importlib.import_module("privacy.migrations.0001_retention_schedule").add_schedule(
        registry, None
    )
    [schedule] = Schedule.objects.filter(func__endswith=".apply_retention")
    assert (schedule.pk, schedule.func) == (old.pk, "privacy.tasks.apply_retention")


def test_the_task_runs_the_rules(data):
    from privacy.tasks import apply_retention

    assert apply_retention() == {
        "ended_applications": 1,
        "application_texts": 3,
        "sensitive_fields": 1,
        "audit_log": 1,
        "sent_emails": 0,
        "expired_sessions": 0,
        "evaluation_keys": 0,
        "who_answered": 0,
        "evaluation_texts": 0,
        "inactive_erased": 0,
        "inactive_warned": 0,
        "network_unverified": 0,
        "network_requests": 0,
        "network_messages": 0,
        "inactive_members_removed": 0,
        "inactive_members_warned": 0,
    }


def test_emails_the_outbox_has_finished_with_go_after_their_time(db):
    from website.models import OutboxMessage

    fields = {"kind": "account/password_changed", "recipient": "kari@example.org"}
    old = timezone.now() - datetime.timedelta(days=30 * 13)
    for key, state in [("sent", "sent"), ("failed", "failed"), ("waiting", "pending")]:
        OutboxMessage.objects.create(key=key, state=state, **fields)
    OutboxMessage.objects.update(created_at=old)
    OutboxMessage.objects.create(key="recent", state="sent", **fields)
    dry = {r.key: r.count for r in retention_apply(dry_run=True)}
    assert dry["sent_emails"] == 2 and OutboxMessage.objects.count() == 4
    retention_apply()
    # one still to be sent stays, however old; a recent one stays
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == ["recent", "waiting"]


def test_someone_who_never_applied_loses_the_sensitive_fields_months_after_the_last_log_in(
    organisations,
):
    from django.contrib.auth import get_user_model

    def never_applied(last_login):
        participant = make_participant(organisations["MHU"])
        participant.dietary_needs = "Glutenfri"
        participant.emergency_contact_name = "Mor"
        participant.save()
        get_user_model().objects.filter(pk=participant.user_id).update(
            last_login=last_login, date_joined=months_ago(30)
        )
        return participant

    quiet = never_applied(months_ago(7))
    never_logged_in = never_applied(None)
    active = never_applied(months_ago(2))
    retention_apply()
    for gone in (quiet, never_logged_in):
        gone.refresh_from_db()
        assert (gone.dietary_needs, gone.emergency_contact_name) == ("", "")
        assert gone.full_name  # only the sensitive fields go (the account has its own rule)
    active.refresh_from_db()
    assert active.dietary_needs == "Glutenfri"


@pytest.mark.parametrize("state", ["confirmed", "applied", "offered", "guardian_pending"])
def test_what_an_application_said_goes_months_after_its_gathering_whatever_its_state(
    organisations, state
):
    over = past_gathering(organisations, 4)  # over 4 months ago: past the 3 months
    lately = past_gathering(organisations, 2)
    gone, kept = applied(organisations, over), applied(organisations, lately)
    Enrolment.objects.filter(pk__in=[gone.pk, kept.pk]).update(state=state)
    results = {r.key: r.items for r in retention_apply()}
    assert (fresh(gone).motivation, fresh(gone).needs) == ("", "")
    assert fresh(gone).state == state  # the row and its state stay for the counts
    assert fresh(kept).motivation == "Min motivasjon"
    assert len(results["application_texts"]) == 1


def test_expired_sessions_go(client, organisations):
    from django.contrib.sessions.models import Session

    client.force_login(make_participant(organisations["MHU"]).user)
    assert {r.key: r.count for r in retention_apply()}["expired_sessions"] == 0
    retention_apply(now=NOW + datetime.timedelta(days=400))
    assert not Session.objects.exists()

"""`/helse/`: database, migrations and task-queue age, as JSON with 200 or 503."""

import datetime

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_q.models import OrmQ
from django_q.signing import SignedPackage

pytestmark = pytest.mark.django_db


def queue_task(started):
    payload = SignedPackage.dumps(
        {"id": "t1", "func": "website.tasks.clear_expired_sessions", "started": started}
    )
    return OrmQ.objects.create(key="medvirk", payload=payload)


def test_a_healthy_site_answers_200_with_every_check(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["task_queue"]["queued"] == 0
    assert body["checks"]["task_queue"]["oldest_age_seconds"] is None
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_recently_queued_task_is_fine(client):
    queue_task(timezone.now() - datetime.timedelta(seconds=30))
    body = client.get("/helse/").json()
    assert body["checks"]["task_queue"]["queued"] == 1
    assert 29 <= body["checks"]["task_queue"]["oldest_age_seconds"] < 120
    assert body["status"] == "ok"


def test_a_task_waiting_too_long_means_no_worker_is_running(client, settings):
    settings.HEALTH_MAX_QUEUE_AGE_SECONDS = 600
    queue_task(timezone.now() - datetime.timedelta(minutes=45))  # the queue is first in, first out
    queue_task(timezone.now() - datetime.timedelta(seconds=30))
    response = client.get("/helse/")
    assert response.status_code == 503
    queue = response.json()["checks"]["task_queue"]
    assert queue["ok"] is False
    assert queue["queued"] == 2
    assert queue["oldest_age_seconds"] >= 45 * 60


def test_emails_waiting_past_their_time_mean_no_sender_is_running(client, settings):
    from website.models import OutboxMessage

    settings.HEALTH_MAX_QUEUE_AGE_SECONDS = 600
    fields = {"kind": "account/password_changed", "recipient": "kari@example.org"}
    OutboxMessage.objects.create(key="a", state="failed", **fields)
    body = client.get("/helse/").json()
    assert body["checks"]["outbox"] == {
        "ok": True,
        "due": 0,
        "oldest_due_age_seconds": None,
        "failed": 1,
    }  # failed e-mails are for an administrator, not a reason to take the site out
    OutboxMessage.objects.create(
        key="b", next_attempt_at=timezone.now() - datetime.timedelta(minutes=20), **fields
    )
    response = client.get("/helse/")
    assert response.status_code == 503
    outbox = response.json()["checks"]["outbox"]
    assert outbox["ok"] is False and outbox["due"] == 1
    assert outbox["oldest_due_age_seconds"] >= 20 * 60


def test_a_deploy_whose_new_migration_has_not_run_is_unhealthy(client):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    newest = max(
        name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "website"
    )
    MigrationRecorder.Migration.objects.filter(app="website", name=newest).delete()
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_an_unreachable_database_answers_503(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr("website.views._database_check", unreachable)
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}

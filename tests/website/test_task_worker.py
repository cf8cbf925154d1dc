"""Background work: tasks run inline in tests, and a real `qcluster` finishes queued work."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_q.models import OrmQ, Success
from django_q.tasks import async_task

from tests.helpers import database_url

ROOT = Path(__file__).resolve().parents[2]


def make_sessions():
    now = timezone.now()
    Session.objects.create(
        session_key="utlopt", session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    Session.objects.create(
        session_key="gyldig", session_data="", expire_date=now + datetime.timedelta(days=1)
    )


@pytest.mark.django_db
def test_tasks_run_inline_in_the_test_settings():
    make_sessions()
    task_id = async_task("website.tasks.clear_expired_sessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == ["gyldig"]
    assert Success.objects.get(id=task_id).result == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("migration", "func", "schedule_type", "minutes"),
    [
        (
            "website.migrations.0004_schedule_clear_sessions",
            "website.tasks.clear_expired_sessions",
            "D",
            None,
        ),
        ("cohorts.migrations.0003_schedule_expire_offers", "cohorts.tasks.expire_offers", "I", 5),
    ],
)
def test_migrations_schedule_the_recurring_tasks_once(migration, func, schedule_type, minutes):
    """Expired sessions are cleared daily; expired offers move on every five minutes."""
    import importlib

    from django.apps import apps
    from django_q.models import Schedule

    Schedule.objects.filter(func=func).delete()  # a transactional test may have flushed it
    add_schedule = importlib.import_module(migration).add_schedule
    add_schedule(apps, None)
    add_schedule(apps, None)
    schedule = Schedule.objects.get(func=func)
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (
        schedule_type,
        minutes,
        -1,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_picks_up_a_queued_task_and_finishes_it(tmp_path):
    make_sessions()
    task_id = async_task("website.tasks.clear_expired_sessions", sync=False)
    assert OrmQ.objects.count() == 1  # queued, not run
    assert Session.objects.count() == 2

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "TASKS_INLINE": "false",  # a real cluster, as in production
    }
    output = tmp_path / "qcluster.log"  # a file, not a pipe nobody reads while it runs
    with output.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not Success.objects.filter(id=task_id).exists():
            assert worker.poll() is None, output.read_text()
            time.sleep(0.5)
        assert Success.objects.filter(id=task_id).exists(), (
            "the worker did not finish the task in 60 s:\n" + output.read_text()
        )
    finally:
        # TERM to the main process only; TERM to the whole group makes qcluster hang.
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            raise AssertionError(
                "qcluster did not stop within 20 s of SIGTERM:\n" + output.read_text()
            ) from None
    assert list(Session.objects.values_list("session_key", flat=True)) == ["gyldig"]
    assert OrmQ.objects.count() == 0

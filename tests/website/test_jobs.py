"""Background jobs with progress (website/jobs.py): a task reports progress and finishes with a
summary and links; only the person who started a job (or an administrator) reads its status
or its file; a task run twice does its work once; a lost task is queued again."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import override

from tests.factories import log_in_with_admin_access
from website import jobs
from website.models import Job

pytestmark = pytest.mark.django_db

WORK = []  # what the test task did, in order


def counting_task(job_id):
    """A job's task as an app writes one: claim, report each step, finish."""
    with jobs.job_running(job_id) as job:
        if job is None:
            return
        for done, item in enumerate(job.params["items"], start=1):
            WORK.append(item)
            jobs.job_progress(job, done=done)
        jobs.job_finish(
            job,
            summary=f"{len(job.params['items'])} counted",
            links=[{"text": "See them", "url": "/admin/"}],
        )


@pytest.fixture(autouse=True)
def _clear_work():
    WORK.clear()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(email="koordinator@example.org", password="x")


def start(actor, on_commit=None, items=("a", "b", "c"), task=__name__ + ".counting_task"):
    kwargs = dict(
        kind="tests.count",
        actor=actor,
        task=task,
        params={"items": list(items)},
        subject="thing:1",
        label="Counting",
        total=len(items),
    )
    return on_commit(jobs.job_start, **kwargs) if on_commit else jobs.job_start(**kwargs)


def test_a_job_runs_its_task_after_commit_and_ends_finished_with_summary_and_links(
    staff, on_commit
):
    job = start(staff, on_commit)
    job.refresh_from_db()
    assert WORK == ["a", "b", "c"]
    state = jobs.job_state(job)
    assert state["finished"] and state["percent"] == 100 and state["done"] == 3
    assert state["text"] == "3 counted"
    assert state["links"] == [{"text": "See them", "url": "/admin/"}]


def test_progress_is_shown_as_done_of_total_and_a_percentage(staff):
    with override("nb"):
        job = start(staff)  # not committed: the task has not run
        assert jobs.job_state(job)["percent"] == 0
        jobs.job_progress(job, done=1)
        state = jobs.job_state(job)
    assert (state["percent"], state["finished"], state["links"]) == (33, False, [])
    assert state["text"] == "Counting: 1 av 3 ferdig."


def test_a_task_run_twice_does_the_work_once(staff, on_commit):
    job = start(staff, on_commit)
    counting_task(job.pk)  # a second copy of the task, after the first finished
    assert WORK == ["a", "b", "c"]


def test_a_copy_of_the_task_leaves_a_job_alone_while_another_worker_is_at_it(staff):
    job = start(staff)
    assert jobs.job_claim(job.pk) is not None  # the first worker
    counting_task(job.pk)
    assert WORK == []
    job.refresh_from_db()
    assert job.finished_at is None


def test_the_sweep_queues_a_lost_job_again_and_it_resumes(staff):
    job = start(staff)
    jobs.job_claim(job.pk)  # a worker took it and died
    assert jobs.jobs_sweep() == 0  # its claim is fresh
    later = timezone.now() + jobs.HEARTBEAT + timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - jobs.HEARTBEAT * 2)
    assert jobs.jobs_sweep(now=later) == 1  # queued; tasks run inline in tests
    job.refresh_from_db()
    assert job.finished_at is not None and WORK == ["a", "b", "c"]


def test_a_job_that_keeps_getting_lost_is_finished_as_failed(staff):
    job = start(staff)
    Job.objects.filter(pk=job.pk).update(
        attempts=jobs.MAX_ATTEMPTS, heartbeat_at=timezone.now() - jobs.HEARTBEAT * 2
    )
    assert jobs.jobs_sweep() == 0
    job.refresh_from_db()
    assert job.failed and job.finished_at is not None and WORK == []
    assert jobs.job_state(job)["finished"]


def test_the_status_is_for_whoever_started_the_job_and_administrators_only(
    client, staff, on_commit, django_user_model, admin_user
):
    job = start(staff, on_commit)
    url = f"/admin/jobber/{job.pk}/"
    log_in_with_admin_access(client, staff)
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json()["percent"] == 100
    assert client.get(f"/admin/jobber/{job.pk + 1000}/").status_code == 404
    other = django_user_model.objects.create_user(email="annen@example.org", password="x")
    log_in_with_admin_access(client, other)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    assert client.get(url).json()["text"] == "3 counted"


def test_a_jobs_file_is_downloaded_by_whoever_started_it_and_deleted_after_a_day(
    client, staff, django_user_model
):
    job = start(staff)
    jobs.job_finish(job, summary="Ready", file=ContentFile(b"PK-zip"), filename="bevis.zip")
    assert job.links[0]["url"] == f"/admin/jobber/{job.pk}/fil/"
    log_in_with_admin_access(client, staff)
    answer = client.get(f"/admin/jobber/{job.pk}/fil/")
    assert b"".join(answer.streaming_content) == b"PK-zip"
    assert 'filename="bevis.zip"' in answer["Content-Disposition"]
    other = django_user_model.objects.create_user(email="annen@example.org", password="x")
    log_in_with_admin_access(client, other)
    assert client.get(f"/admin/jobber/{job.pk}/fil/").status_code == 404
    name = job.file
    jobs.jobs_sweep(now=timezone.now() + jobs.FILE_KEPT + timedelta(minutes=1))
    job.refresh_from_db()
    assert job.file == "" and job.links == []
    assert not jobs._storage().exists(name)
    log_in_with_admin_access(client, staff)
    assert client.get(f"/admin/jobber/{job.pk}/fil/").status_code == 404

"""Progress that moves by itself (website/jobs.py): a coordinator starts the bulk certificate
issue, and the progress bar goes from 0 to 100 % while the page stays open, then shows the
summary and the link; the same for the zip of the gathering's certificates.

In tests, tasks run inline, so a job would be finished before its page loads. Here the queue
is held (the task is recorded, not run) and the test runs it while the page is open, as a
worker would: the bar can only move if the page's script polls."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held_queue(monkeypatch):
    """Jobs' tasks are recorded instead of run: (task, job id)."""
    queued = []
    monkeypatch.setattr("website.jobs.async_task", lambda task, *args: queued.append((task, *args)))
    return queued


def run_queued(queued):
    """What a worker does: import each task by its dotted path and run it."""
    from django.utils.module_loading import import_string

    while queued:
        task, *args = queued.pop(0)
        import_string(task)(*args)


def settled(tab):
    """The page with its animations finished (Wagtail's messages fade in): what axe checks.

    Animations that repeat are left running: Wagtail's sidebar badge pings five times over
    25 seconds (box-shadow only) and waiting for it cost this test 75 seconds."""
    tab.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter((a) => a.effect.getComputedTiming().iterations === 1)"
        ".map((a) => a.finished))"
    )
    return tab


def test_the_progress_bar_reaches_100_percent_without_a_reload(demo_site, new_tab, held_queue):
    from certificates.models import Certificate
    from cohorts.models import Gathering
    from website.models import Job

    Certificate.objects.all().delete()  # start from a gathering with none issued
    gathering = Gathering.objects.get(slug="nye-brukermedvirkere-oslo")  # finished

    coordinator = new_tab()
    log_in(coordinator, "koordinator.bar@medvirk.localhost")
    coordinator.goto(f"/admin/kursbevis/samling/{gathering.pk}/")
    coordinator.get_by_role("button", name="Utsted til de valgte").click()
    bar = coordinator.get_by_role("progressbar", name="Utsteder kursbevis")
    status = coordinator.locator("[data-job-progress]").filter(has=bar).get_by_role("status")
    expect(bar).to_have_attribute("value", "0")
    coordinator.evaluate("window.stillTheSamePage = true")  # gone if the page reloads
    assert_accessible(settled(coordinator))

    job = Job.objects.get(kind="certificates.issue")
    Job.objects.filter(pk=job.pk).update(done=1)  # as the worker reports its first step
    percent = str(100 // job.total)
    expect(bar).to_have_attribute("value", percent)
    expect(status).to_have_text(f"Utsteder kursbevis: 1 av {job.total} ferdig.")

    run_queued(held_queue)
    expect(bar).to_have_attribute("value", "100")
    box = coordinator.locator("[data-job-progress]").filter(has=bar)
    expect(box.locator("[data-job-percent]")).to_have_text("100 %")
    expect(status).to_contain_text("kursbevis utstedt; de sendes til deltakerne på e-post.")
    expect(coordinator.get_by_role("link", name="Vis kursbevisene")).to_be_visible()
    assert coordinator.evaluate("window.stillTheSamePage") is True
    assert_accessible(settled(coordinator))

    # The zip of the certificates: the same bar, ending with the download link.
    coordinator.get_by_role("link", name="Vis kursbevisene").click()
    coordinator.get_by_role("button", name="Lag en zip-fil med kursbevisene").click()
    zip_bar = coordinator.get_by_role("progressbar", name="Samler kursbevisene")
    expect(zip_bar).to_have_attribute("value", "0")
    run_queued(held_queue)
    expect(zip_bar).to_have_attribute("value", "100")
    download = coordinator.get_by_role("link", name="Last ned kursbevis-")
    expect(download).to_be_visible()
    answer = coordinator.request.get(download.get_attribute("href"))
    names = zipfile.ZipFile(io.BytesIO(answer.body())).namelist()
    issued = Certificate.objects.filter(
        enrolment__gathering=gathering, enrolment__organisation__short_code="BAR"
    )
    assert len(names) == issued.count() > 0
    assert all(name.endswith(".pdf") for name in names)
    assert_accessible(settled(coordinator))

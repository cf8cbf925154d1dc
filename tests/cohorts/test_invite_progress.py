"""Invite runs report through the one progress mechanism (website/jobs.py): the run keeps its
own row, claim and resume; each person who asked follows it with a progress bar that ends
with a summary and a link. The attendance report keeps its key columns in view."""

import re

import pytest

from cohorts.models import InviteRun
from cohorts.services import invite_run_execute, invite_run_start
from tests.factories import (
    confirmed_enrolment,
    log_in_with_admin_access,
    make_coordinator,
    make_invite_gathering,
)
from website.jobs import job_state
from website.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations, on_commit):
    gathering = make_invite_gathering(organisations)
    for code in ("MHU", "BAR"):
        confirmed_enrolment(on_commit, gathering, organisations[code])
    return gathering


def test_two_coordinators_asking_at_once_follow_one_run_each_with_their_own_bar(
    gathering, organisations, django_capture_on_commit_callbacks
):
    other = make_coordinator(organisations["BAR"])
    gathering.coordinators.add(other)
    first = invite_run_start(gathering=gathering, kind="resend", actor=gathering.coordinator)
    second = invite_run_start(gathering=gathering, kind="resend", actor=other)
    again = invite_run_start(gathering=gathering, kind="resend", actor=other)
    assert first.pk == second.pk == again.pk  # one run at a time per gathering
    jobs = Job.objects.filter(kind="cohorts.invites")
    assert sorted(job.requested_by_id for job in jobs) == sorted(
        [gathering.coordinator.pk, other.pk]
    )
    assert not any(job_state(job)["finished"] for job in jobs)
    run = invite_run_execute(run_id=first.pk)
    for job in Job.objects.filter(kind="cohorts.invites"):
        state = job_state(job)
        assert state["finished"] and state["percent"] == 100 and state["total"] == 2
        assert (
            state["text"]
            == f"Ferdig: {run.invites.count()} invitasjoner er på vei, 2 personer sjekket."
        )
    assert invite_run_execute(run_id=first.pk) is None  # a second copy finds it finished


def test_a_lost_invite_run_resumes_and_its_bar_follows(gathering):
    run = invite_run_start(gathering=gathering, kind="update", actor=gathering.coordinator)
    job = Job.objects.get(kind="cohorts.invites")
    InviteRun.objects.filter(pk=run.pk).update(processed=1, total=2)  # a worker died here
    Job.objects.filter(pk=job.pk).update(done=1, total=2)
    assert job_state(Job.objects.get(pk=job.pk))["percent"] == 50
    invite_run_execute(run_id=run.pk)  # the sweep queued it again (heartbeat never set)
    assert job_state(Job.objects.get(pk=job.pk))["percent"] == 100


def test_an_automatic_run_without_an_asker_has_no_bar(gathering):
    from cohorts.services import gathering_invites_follow

    gathering_invites_follow(gathering=gathering)
    assert InviteRun.objects.filter(gathering=gathering).exists()
    assert not Job.objects.exists()


def test_the_attendance_reports_key_columns_come_first_in_a_named_scrolling_region(
    client, gathering
):
    log_in_with_admin_access(client, gathering.coordinator)
    html = client.get(f"/admin/pameldinger/{gathering.pk}/oppmote/").content.decode()
    region = re.search(r'<div class="attendance-report"([^>]*)>', html).group(1)
    assert 'tabindex="0"' in region and 'role="region"' in region
    assert 'aria-label="Oppmøte per økt"' in region
    table = html.split('attendance-report"')[1].split("</table>")[0]
    headings = re.findall(r'<th scope="col"[^>]*>([^<]*)', table)
    assert headings[:3] == ["Navn", "Oppmøte", "Gjennomført"]
    assert headings[-1] == "Organisasjon"

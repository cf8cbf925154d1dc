"""Bulk issue and the zip of a gathering's certificates run as background jobs with progress
(website/jobs.py): they reach finished with a summary and links; the zip holds only the
coordinator's own organisation's participants, under safe file names, and is for its asker."""

import datetime
import io
import zipfile

import pytest

from certificates.models import Certificate
from certificates.services import (
    certificate_issue,
    certificates_issue_run,
    certificates_zip_run,
    zip_member_name,
)
from cohorts.services import enrolment_apply
from tests.factories import NOW, log_in_with_admin_access, make_coordinator, make_participant
from website.jobs import job_state
from website.models import AuditEntry, Job

pytestmark = pytest.mark.django_db


def issue_url(gathering):
    return f"/admin/kursbevis/samling/{gathering.pk}/"


def test_a_bulk_issue_runs_as_a_job_and_ends_with_a_summary_and_a_link(
    client, finished, django_capture_on_commit_callbacks
):
    gathering = finished["gathering"]
    log_in_with_admin_access(client, finished["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            issue_url(gathering),
            {"enrolment": [finished["present"].pk, finished["absent"].pk]},
        )
    job = Job.objects.get(kind="certificates.issue")
    state = job_state(job)
    assert state["finished"] and state["percent"] == 100 and state["total"] == 2
    assert state["text"].startswith("1 kursbevis utstedt; de sendes til deltakerne på e-post.")
    assert "Ikke utstedt: Emil Haugen:" in state["text"]
    assert state["links"] == [{"text": "Vis kursbevisene", "url": issue_url(gathering)}]
    assert client.get(f"/admin/jobber/{job.pk}/").json()["percent"] == 100
    # A second copy of the task, or the sweep's retry, issues nothing new.
    certificates_issue_run(job_id=job.pk)
    assert Certificate.objects.filter(enrolment__gathering=gathering).count() == 1


def test_a_bad_reason_starts_no_job(client, finished):
    log_in_with_admin_access(client, finished["coordinator"])
    absent = finished["absent"].pk
    response = client.post(
        issue_url(finished["gathering"]),
        {"enrolment": [absent], f"reason-{absent}": "Unntak\x00"},
        follow=True,
    )
    assert "Begrunnelsen må være ren tekst på høyst 2000 tegn" in response.content.decode()
    assert not Job.objects.exists()


@pytest.fixture
def three_certificates(finished, organisations, admin_user):
    """Two BAR participants' certificates (one named like a path) and one MHU participant's,
    in the same gathering. No PDF rendered yet (the render task never ran)."""
    gathering = finished["gathering"]
    mhu = enrolment_apply(
        participant=make_participant(organisations["MHU"], name="Mona Dahl"),
        gathering=gathering,
        organisation=organisations["MHU"],
        now=NOW - datetime.timedelta(days=30),
    )
    certificates = [
        certificate_issue(enrolment=enrolment, actor=admin_user, exception_reason="Avtalt")
        for enrolment in (finished["present"], finished["absent"], mhu)
    ]
    Certificate.objects.filter(pk=certificates[1].pk).update(holder_name="../../Emil/Haugen")
    assert not any(certificate.pdf for certificate in certificates)
    return certificates


def zip_names(client, job) -> list[str]:
    answer = client.get(f"/admin/jobber/{job.pk}/fil/")
    assert answer.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")
    return sorted(archive.namelist())


def test_a_coordinators_zip_holds_their_own_organisations_certificates_rendered_as_needed(
    client, finished, three_certificates, django_capture_on_commit_callbacks
):
    ida, emil, mona = three_certificates
    log_in_with_admin_access(client, finished["coordinator"])  # BAR, runs the gathering
    with django_capture_on_commit_callbacks(execute=True):
        client.post(issue_url(finished["gathering"]) + "zip/")
    job = Job.objects.get(kind="certificates.zip")
    state = job_state(job)
    assert state["finished"] and state["percent"] == 100 and state["total"] == 2
    assert state["text"].startswith("2 kursbevis i én zip-fil.")
    assert state["links"][0]["url"] == f"/admin/jobber/{job.pk}/fil/"
    assert zip_names(client, job) == sorted(
        [f"Emil_Haugen-{emil.display_code}.pdf", f"Ida_Larsen-{ida.display_code}.pdf"]
    )
    # The file left the system with the holders' organisation in it: recorded per person.
    exported = AuditEntry.objects.filter(action="export", sensitive=True)
    assert {entry.participant_id for entry in exported} == {
        finished["present"].participant_id,
        finished["absent"].participant_id,
    }
    # The page shows the finished job with its download link.
    html = client.get(issue_url(finished["gathering"])).content.decode()
    assert f"/admin/jobber/{job.pk}/fil/" in html


def test_an_administrators_zip_holds_everyone(
    client, finished, three_certificates, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(issue_url(finished["gathering"]) + "zip/")
    job = Job.objects.get(kind="certificates.zip")
    assert len(zip_names(client, job)) == 3
    certificates_zip_run(job_id=job.pk)  # a second copy finds it finished
    assert Job.objects.get(pk=job.pk).file == job.file


def test_others_get_404_for_the_zip_and_its_file(
    client, finished, three_certificates, organisations, django_capture_on_commit_callbacks
):
    gathering = finished["gathering"]
    log_in_with_admin_access(client, finished["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(issue_url(gathering) + "zip/")
    job = Job.objects.get(kind="certificates.zip")
    # MHU's coordinator issues for MHU's participant here but does not run the gathering.
    outsider = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, outsider)
    missing = client.post(f"/admin/kursbevis/samling/{gathering.pk + 1000}/zip/")
    refused = client.post(issue_url(gathering) + "zip/")
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    assert client.get(f"/admin/jobber/{job.pk}/fil/").status_code == 404
    assert client.get(f"/admin/jobber/{job.pk}/").status_code == 404
    assert Job.objects.filter(kind="certificates.zip").count() == 1


@pytest.mark.parametrize(
    "holder, stem",
    [
        ("Ida Larsen", "Ida_Larsen"),
        ("../../etc/passwd", "etc_passwd"),
        ("Åse Øvrebø-Ødegård", "Åse_Øvrebø-Ødegård"),
        ('"; rm -rf', "rm_-rf"),
        ("", "deltaker"),
    ],
)
def test_zip_file_names_are_the_holders_name_made_safe(holder, stem):
    certificate = Certificate(code="ABCDEFGHJKLM", holder_name=holder)
    name = zip_member_name(certificate)
    assert name == f"{stem}-{certificate.display_code}.pdf"
    assert "/" not in name and "\\" not in name

"""The coordinator's invites page: who has which version, sending updates, resending to one
person, and who may open it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import CalendarFeed, CalendarInvite
from tests.factories import (
    add_sessions,
    apply_for_seat,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)
from website.models import Job

pytestmark = pytest.mark.django_db


# The coordinator's invites page ---------------------------------------------------------------


@pytest.fixture
def invited(organisations, django_capture_on_commit_callbacks):
    gathering = add_sessions(make_gathering(organisations, title="Høstsamling"))
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participants = [make_participant(organisations[c]) for c in ("MHU", "BAR")]
    with django_capture_on_commit_callbacks(execute=True):
        for participant in participants:
            apply_for_seat(gathering, participant, participant.organisations.first())
    return {"gathering": gathering, "coordinator": coordinator, "participants": participants}


def invites_url(gathering, suffix=""):
    return f"/admin/pameldinger/{gathering.pk}/kalender/{suffix}"


def test_the_invites_page_shows_who_has_which_version(client, invited):
    gathering = invited["gathering"]
    log_in_with_admin_access(client, invited["coordinator"])
    html = client.get(invites_url(gathering)).content.decode()
    assert "2 personer har gjeldende versjon." in html
    assert invited["participants"][0].full_name in html
    assert "Invitasjon, versjon 0," in html
    assert "Send 0 oppdateringer" in html
    session = gathering.sessions.first()
    session.room = "Fjordsalen"
    session.save()
    html = client.get(invites_url(gathering)).content.decode()
    assert "2 invitasjoner er utdatert." in html
    review = client.get(f"/admin/pameldinger/{gathering.pk}/").content.decode()
    assert "Kalenderinvitasjonene er utdatert: 2 personer bør få en oppdatering." in review


def test_sending_the_updates_from_the_page_runs_the_task_and_reports_the_count(
    client, invited, django_capture_on_commit_callbacks
):
    gathering = invited["gathering"]
    session = gathering.sessions.first()
    session.starts_at -= datetime.timedelta(minutes=15)
    session.save()
    mail.outbox.clear()
    log_in_with_admin_access(client, invited["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invites_url(gathering, "send/"), {"kind": "update"})
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    # The progress bar (website/jobs.py) follows the run and ends with its summary.
    job = Job.objects.get(kind="cohorts.invites", requested_by=invited["coordinator"])
    status = client.get(f"/admin/jobber/{job.pk}/").json()
    assert status["finished"] and status["percent"] == 100 and status["total"] == 2
    assert status["links"][0]["url"] == invites_url(gathering)
    html = client.get(invites_url(gathering)).content.decode()
    assert "Ferdig: 2 invitasjoner er på vei, 2 personer sjekket." in html
    assert 'value="100"' in html
    assert "versjon 1," in html


def test_a_bad_kind_changes_nothing(client, invited):
    log_in_with_admin_access(client, invited["coordinator"])
    response = client.post(
        invites_url(invited["gathering"], "send/"), {"kind": "alle"}, follow=True
    )
    assert "Velg hva som skal sendes." in response.content.decode()
    assert not invited["gathering"].invite_runs.exists()


def test_the_invites_page_lists_only_the_coordinators_own_members(client, invited):
    """The counts (and the runs) cover everyone; the names are the coordinator's own members'
    only, without another organisation's state such as waiting for a guardian (rule 6)."""
    gathering = invited["gathering"]
    mhu, bar = invited["participants"]
    log_in_with_admin_access(client, invited["coordinator"])  # MHU, runs the gathering
    html = client.get(invites_url(gathering)).content.decode()
    assert mhu.full_name in html
    assert bar.full_name not in html and ">BAR<" not in html
    assert "1 person fra en annen organisasjon er talt med over, men ikke listet" in html


def test_an_administrator_sees_everyone_on_the_invites_page(client, invited, admin_user):
    client.force_login(admin_user)
    html = client.get(invites_url(invited["gathering"])).content.decode()
    for participant in invited["participants"]:
        assert participant.full_name in html
    assert "ikke listet" not in html


def test_resending_to_one_person_from_the_page(client, invited, django_capture_on_commit_callbacks):
    gathering = invited["gathering"]
    person = invited["participants"][0]  # the coordinator's own member
    CalendarInvite.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    mail.outbox.clear()
    log_in_with_admin_access(client, invited["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invites_url(gathering, f"{person.pk}/send-igjen/"), follow=True)
    assert f"Invitasjonen er på vei til {person.full_name}." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[person.user.email]]


def test_resending_to_another_organisations_member_answers_as_a_made_up_id(
    client, invited, organisations, django_capture_on_commit_callbacks
):
    """Ids are sequential: the answer for another organisation's member (here one under 18,
    waiting for a guardian) must be the very bytes of the answer for an id nobody has."""
    gathering = invited["gathering"]
    minor = make_participant(organisations["BAR"], age=16)
    with django_capture_on_commit_callbacks(execute=True):
        apply_for_seat(gathering, minor, organisations["BAR"])
    bar = invited["participants"][1]
    CalendarInvite.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    mail.outbox.clear()
    log_in_with_admin_access(client, invited["coordinator"])
    missing = client.post(invites_url(gathering, "999999999/send-igjen/"))
    assert missing.status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        for person in (bar, minor):
            response = client.post(invites_url(gathering, f"{person.pk}/send-igjen/"))
            assert response.status_code == 404
            assert response.content == missing.content
    page = client.get(invites_url(gathering)).content.decode()
    assert bar.full_name not in page and minor.full_name not in page  # no message either
    assert not mail.outbox


def test_the_invites_pages_are_only_for_the_gatherings_coordinators(client, invited):
    gathering = invited["gathering"]
    other = make_coordinator(invited["participants"][1].organisations.first())  # BAR, not on it
    log_in_with_admin_access(client, other)
    assert client.get(invites_url(gathering)).status_code == 404
    assert client.get(invites_url(gathering, "status/")).status_code == 404
    assert client.post(invites_url(gathering, "send/"), {"kind": "update"}).status_code == 404
    person = invited["participants"][0]
    assert client.post(invites_url(gathering, f"{person.pk}/send-igjen/")).status_code == 404
    assert not gathering.invite_runs.exists()
    client.logout()
    assert client.get(invites_url(gathering)).status_code == 302  # to the admin login


def test_the_coordinator_finds_their_own_feed_in_the_admin(client, invited):
    log_in_with_admin_access(client, invited["coordinator"])
    html = client.get("/admin/pameldinger/").content.decode()
    token = CalendarFeed.objects.get(user=invited["coordinator"]).token
    assert f"http://testserver/kalender/{token}.ics" in html

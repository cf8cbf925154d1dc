"""What erasure left behind (issue 14, finding 8): Wagtail's own log kept the name where an
administrator had edited the login; other devices' sessions kept the e-mail; deleting a
participant in Wagtail's Users skipped erasure, and answered 500 for someone with a
certificate. Now every way of deleting a participant is an erasure."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from certificates.services import certificate_issue
from cohorts.models import Enrolment
from cohorts.models import Session as GatheringSession
from cohorts.services import attendance_mark, enrolment_apply, personal_data_viewed
from tests.factories import make_coordinator, make_gathering, make_participant
from website.models import AuditEntry

pytestmark = pytest.mark.django_db
NAME = "Åse Lekkasje"


@pytest.fixture
def holder(organisations):
    """A participant who attended a gathering that is over and holds its certificate, whose
    sensitive fields a coordinator has seen: names in many audit entries."""
    now = timezone.now()
    gathering = make_gathering(
        organisations,
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=9),
        enrolment_opens_at=now - datetime.timedelta(days=60),
        enrolment_closes_at=now - datetime.timedelta(days=20),
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    session = GatheringSession.objects.create(
        gathering=gathering,
        title="Velkommen",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=2),
    )
    participant = make_participant(organisations["MHU"], name=NAME)
    user = participant.user
    user.first_name, user.last_name = NAME.split()
    user.save()
    enrolment = enrolment_apply(
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
        now=gathering.enrolment_opens_at + datetime.timedelta(days=1),
    )
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="present",
        actor=coordinator,
        now=session.starts_at,
    )
    certificate_issue(enrolment=enrolment, actor=coordinator)
    personal_data_viewed(viewer=coordinator, participant=participant, object_label="Samling")
    return participant


def entries_naming(name):
    return [
        e
        for e in AuditEntry.objects.all()
        if name in f"{e.actor_label} {e.subject_label} {e.object_label} {e.summary} {e.reason}"
    ]


def test_site_history_loses_the_name_an_administrator_left_when_editing_the_login(
    holder, admin_user, site_tree
):
    # What Wagtail writes when an administrator saves the user's edit form.
    ModelLogEntry.objects.log_action(holder.user, "wagtail.edit", user=admin_user)
    admin = Client()
    admin.force_login(admin_user)
    assert NAME in admin.get("/admin/reports/site-history/").content.decode()
    me = Client()
    me.force_login(holder.user)
    response = me.post("/min-side/slett/", {"password": "x"})
    assert response.status_code == 302
    html = admin.get("/admin/reports/site-history/").content.decode()
    assert NAME not in html and "Slettet deltaker" in html  # the entry stays, nameless
    assert not ModelLogEntry.objects.filter(label__contains="Lekkasje").exists()


def test_erasure_ends_the_sessions_on_every_other_device(holder):
    phone, laptop = Client(), Client()
    phone.force_login(holder.user)
    laptop.force_login(holder.user)
    laptop_key = laptop.session.session_key
    assert Session.objects.filter(session_key=laptop_key).exists()
    phone.post("/min-side/slett/", {"password": "x"})
    assert not Session.objects.filter(session_key=laptop_key).exists()
    assert laptop.get("/min-side/").status_code == 302  # to the log-in page


def test_deleting_a_participant_with_a_certificate_in_wagtails_users_erases_them(
    holder, admin_user, client
):
    assert len(entries_naming(NAME)) >= 3
    client.force_login(admin_user)
    url = reverse("wagtailusers_users:delete", args=(holder.user_id,))
    page = client.get(url)
    assert page.status_code == 200
    assert "Kursbevis kan fortsatt sjekkes" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302  # not a 500 (the certificate protects its application)
    user = get_user_model().objects.get(pk=holder.user_id)
    assert user.erased_at is not None and not user.is_active
    [erased] = AuditEntry.objects.filter(action="erased", participant_id=holder.pk)
    assert erased.actor == admin_user
    assert entries_naming(NAME) == []
    assert Certificate.objects.filter(enrolment__participant=holder).count() == 1  # still verifies
    assert Enrolment.objects.filter(participant=holder).count() == 1  # still counted
    followed = client.get(response["Location"]).content.decode()
    assert "Dataene til personen er slettet" in followed


def test_deleting_participants_in_bulk_erases_them(holder, admin_user, client):
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=("website", "user", "delete"))
    response = client.post(f"{url}?id={holder.user_id}")
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=holder.user_id).erased_at is not None
    assert AuditEntry.objects.filter(action="erased", participant_id=holder.pk).exists()
    assert entries_naming(NAME) == []


def test_a_staff_account_is_still_deleted_as_before(admin_user, client, organisations):
    coordinator = make_coordinator(organisations["MHU"])
    client.force_login(admin_user)
    response = client.post(reverse("wagtailusers_users:delete", args=(coordinator.pk,)))
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=coordinator.pk).exists()


def test_deleting_a_participant_with_djangos_delete_erases_them_first(organisations):
    participant = make_participant(organisations["MHU"], name=NAME)
    personal_data_viewed(viewer=None, participant=participant, object_label="Samling")
    participant_id = participant.pk
    participant.user.delete()
    assert AuditEntry.objects.filter(action="erased", participant_id=participant_id).exists()
    assert entries_naming(NAME) == []


def test_someone_at_a_gathering_going_on_now_is_not_erased_and_the_admin_gets_a_message(
    organisations, admin_user, client
):
    now = timezone.now()
    gathering = make_gathering(
        organisations,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
        enrolment_opens_at=now - datetime.timedelta(days=30),
        enrolment_closes_at=now - datetime.timedelta(days=2),
    )
    participant = make_participant(organisations["MHU"], name=NAME)
    enrolment_apply(
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
        now=now - datetime.timedelta(days=10),
    )
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailusers_users:delete", args=(participant.user_id,)), follow=True
    )
    assert response.status_code == 200
    assert "er på en samling som pågår nå" in response.content.decode()
    assert get_user_model().objects.get(pk=participant.user_id).erased_at is None


def test_a_password_change_that_gives_the_session_a_new_key_is_recorded_too(organisations):
    from privacy.models import LoginSession

    participant = make_participant(organisations["MHU"])
    laptop = Client()
    laptop.force_login(participant.user)
    before = laptop.session.session_key
    response = laptop.post(
        "/konto/password/change/",
        {
            "oldpassword": "x",
            "password1": "et-nytt-langt-passord-9",
            "password2": "et-nytt-langt-passord-9",
        },
    )
    assert response.status_code == 302
    after = laptop.cookies["sessionid"].value
    assert after != before
    assert LoginSession.objects.filter(user=participant.user, session_key=after).exists()
    Client().force_login(participant.user)
    from privacy.services import participant_erase

    participant_erase(participant=participant, actor=None)
    assert not Session.objects.filter(session_key=after).exists()

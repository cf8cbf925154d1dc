"""After the assignment (issue 18 item 5): completion once the last day has passed, feedback
asked of both sides through the outbox once, and the feedback forms — the member's (with the
hours for the erfaringslogg, their own only) and the service's (its request link)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from network.models import AssignmentFeedback, RequestEvent, ServiceRequest
from network.services.assignments import assignments_complete
from tests.factories import log_in_with_admin_access, make_coordinator
from tests.helpers import run_concurrently
from tests.network.assignment_factories import (
    confirm_member,
    make_assignment,
    make_member,
    make_request,
)
from website.models import OutboxMessage
from website.outbox import render

pytestmark = pytest.mark.django_db

State = ServiceRequest.State


def _feedback_url(invitation):
    return f"/min-side/nettverk/oppdrag/{invitation.pk}/tilbakemelding/"


def _service_url(request):
    return f"/nettverk/foresporsel/{request.token}/tilbakemelding/"


@pytest.fixture
def member(organisations):
    return make_member(organisations["MHU"], name="Sara Nilsen")


def _completed(member, organisations, **fields):
    invitation = make_assignment(member, organisations["MHU"], **fields)
    assignments_complete()
    invitation.request.refresh_from_db()
    return invitation


# --- completion ------------------------------------------------------------------------------


def test_a_request_is_completed_only_after_its_last_day(member, organisations):
    ends_today = make_assignment(member, organisations["MHU"], days_ago=2, length_days=2)
    one_day_today = make_assignment(member, organisations["MHU"], days_ago=0)
    ended_yesterday = make_assignment(member, organisations["MHU"], days_ago=3, length_days=2)
    one_day_yesterday = make_assignment(member, organisations["MHU"], days_ago=1)
    not_matched = make_assignment(member, organisations["MHU"], days_ago=5, state=State.ACCEPTED)

    assert assignments_complete() == 2

    states = {
        invitation: ServiceRequest.objects.get(pk=invitation.request_id).state
        for invitation in (ends_today, one_day_today, ended_yesterday, one_day_yesterday)
    }
    assert states[ends_today] == State.MATCHED
    assert states[one_day_today] == State.MATCHED
    assert states[ended_yesterday] == State.COMPLETED
    assert states[one_day_yesterday] == State.COMPLETED
    assert ServiceRequest.objects.get(pk=not_matched.request_id).state == State.ACCEPTED
    assert RequestEvent.objects.filter(kind="completed").count() == 2


def test_completion_asks_both_sides_once_however_often_it_runs(member, organisations):
    invitation = make_assignment(member, organisations["MHU"], days_ago=2)
    second = make_member(organisations["BAR"])
    confirm_member(invitation.request, second, organisations["BAR"])

    assert assignments_complete() == 1
    assert assignments_complete() == 0

    messages = OutboxMessage.objects.filter(kind__startswith="network_feedback")
    assert sorted(messages.values_list("recipient", flat=True)) == sorted(
        [
            member.participant.user.email,
            second.participant.user.email,
            invitation.request.contact_email,
        ]
    )
    assert RequestEvent.objects.filter(kind="completed").count() == 1


def test_the_e_mails_link_to_each_sides_feedback_form(member, organisations):
    invitation = _completed(member, organisations, days_ago=2)
    to_member = OutboxMessage.objects.get(kind="network_feedback_member")
    to_service = OutboxMessage.objects.get(kind="network_feedback_service")
    assert _feedback_url(invitation) in render(to_member).body
    assert "/min-side/nettverk/erfaringslogg/" in render(to_member).body
    assert _service_url(invitation.request) in render(to_service).body
    assert render(to_member).subject.startswith("Hvordan gikk det?")


def test_a_member_feedback_e_mail_is_skipped_once_they_have_answered(client, member, organisations):
    invitation = _completed(member, organisations, days_ago=2)
    client.force_login(member.participant.user)
    client.post(_feedback_url(invitation), {"rating": "4", "hours": "2", "comment": ""})
    assert render(OutboxMessage.objects.get(kind="network_feedback_member")) is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_runs_at_the_same_time_complete_and_ask_once(organisations):
    member = make_member(organisations["MHU"])
    invitations = [make_assignment(member, organisations["MHU"], days_ago=2 + n) for n in range(3)]
    results = run_concurrently([assignments_complete for _ in range(6)])
    assert sum(results) == 3
    assert OutboxMessage.objects.filter(kind="network_feedback_member").count() == 3
    assert OutboxMessage.objects.filter(kind="network_feedback_service").count() == 3
    assert RequestEvent.objects.filter(kind="completed").count() == 3
    assert {ServiceRequest.objects.get(pk=i.request_id).state for i in invitations} == {
        State.COMPLETED
    }


# --- the member's feedback -------------------------------------------------------------------


def test_the_member_gives_feedback_with_hours_and_they_appear_in_the_log(
    client, member, organisations
):
    invitation = _completed(member, organisations, days_ago=2, title="Foredrag på Gran skole")
    client.force_login(member.participant.user)
    page = client.get(_feedback_url(invitation))
    assert page.status_code == 200
    assert "Foredrag på Gran skole" in page.content.decode()

    response = client.post(
        _feedback_url(invitation), {"rating": "5", "hours": "2,5", "comment": "Godt tatt imot"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.hours == Decimal("2.5")
    feedback = invitation.feedback.get(side=AssignmentFeedback.Side.MEMBER)
    assert (feedback.rating, feedback.comment) == (5, "Godt tatt imot")
    assert RequestEvent.objects.filter(kind="feedback", invitation=invitation).exists()
    member.refresh_from_db()
    assert member.last_active_at >= feedback.submitted_at  # answering counts as activity

    log = client.get("/min-side/nettverk/erfaringslogg/").content.decode()
    assert "Foredrag på Gran skole" in log
    assert "2,5" in log


def test_a_second_answer_changes_the_first(client, member, organisations):
    invitation = _completed(member, organisations, days_ago=2)
    client.force_login(member.participant.user)
    client.post(_feedback_url(invitation), {"rating": "2", "hours": "1", "comment": "Kort"})
    page = client.get(_feedback_url(invitation)).content.decode()
    assert "Du har allerede svart" in page
    client.post(_feedback_url(invitation), {"rating": "4", "hours": "3", "comment": "Lengre"})
    assert invitation.feedback.count() == 1
    assert invitation.feedback.get().rating == 4
    invitation.refresh_from_db()
    assert invitation.hours == Decimal("3")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours": "2", "comment": ""}, "Velg hvordan det gikk"),
        ({"rating": "9", "hours": "2", "comment": ""}, "Velg hvordan det gikk"),
        ({"rating": "4", "hours": "mange", "comment": ""}, "Skriv timene du brukte"),
        ({"rating": "4", "hours": "-1", "comment": ""}, "Skriv timene du brukte"),
        ({"rating": "4", "hours": "5000", "comment": ""}, "Skriv timene du brukte"),
        ({"rating": "4", "hours": "", "comment": ""}, "Skriv timene du brukte"),
        ({"rating": "4", "hours": "2", "comment": "x" * 2001}, "Kommentaren"),
    ],
)
def test_bad_input_gets_a_norwegian_message_and_changes_nothing(
    client, member, organisations, data, message
):
    invitation = _completed(member, organisations, days_ago=2)
    client.force_login(member.participant.user)
    response = client.post(_feedback_url(invitation), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.hours is None
    assert not AssignmentFeedback.objects.exists()
    assert not RequestEvent.objects.filter(kind="feedback").exists()


def test_the_member_feedback_form_is_the_members_own(client, member, organisations, admin_user):
    invitation = _completed(member, organisations, days_ago=2)
    url = _feedback_url(invitation)
    other = make_member(organisations["MHU"])
    coordinator = make_coordinator(organisations["MHU"])
    for user in (other.participant.user, coordinator, admin_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        response = client.post(url, {"rating": "1", "hours": "99", "comment": "Ikke min"})
        assert response.status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page
    assert not AssignmentFeedback.objects.exists()
    client.force_login(member.participant.user)
    assert client.get("/min-side/nettverk/oppdrag/999999/tilbakemelding/").status_code == 404


def test_no_feedback_before_the_assignment_is_completed(client, member, organisations):
    invitation = make_assignment(member, organisations["MHU"], days_ago=0)
    client.force_login(member.participant.user)
    assert client.get(_feedback_url(invitation)).status_code == 404
    assert client.get(_service_url(invitation.request)).status_code == 404


# --- the service's feedback ------------------------------------------------------------------


def test_the_service_gives_feedback_once_through_its_link(client, member, organisations):
    invitation = _completed(member, organisations, days_ago=2)
    url = _service_url(invitation.request)
    assert client.get(url).status_code == 200
    response = client.post(url, {"rating": "5", "comment": "Svært nyttig"})
    assert response.status_code == 302
    feedback = AssignmentFeedback.objects.get(side=AssignmentFeedback.Side.SERVICE)
    assert (feedback.invitation, feedback.rating) == (invitation, 5)
    client.post(url, {"rating": "3", "comment": "Endret"})
    assert AssignmentFeedback.objects.filter(side="service").count() == 1
    assert AssignmentFeedback.objects.get(side="service").comment == "Endret"
    assert "Du har svart" in client.get(url).content.decode()
    assert render(OutboxMessage.objects.get(kind="network_feedback_service")) is None


def test_the_service_form_refuses_bad_input_and_unknown_links(client, member, organisations):
    invitation = _completed(member, organisations, days_ago=2)
    response = client.post(_service_url(invitation.request), {"rating": "", "comment": "Hei"})
    assert response.status_code == 400
    assert "Velg hvordan det gikk" in response.content.decode()
    assert not AssignmentFeedback.objects.exists()
    assert client.get("/nettverk/foresporsel/ukjent-lenke/tilbakemelding/").status_code == 404
    invitation.request.anonymised_at = timezone.now()
    invitation.request.save()
    assert client.get(_service_url(invitation.request)).status_code == 404


def test_a_request_without_a_confirmed_member_gets_no_service_feedback(client):
    request = make_request(state=State.COMPLETED, days_ago=4)
    assert client.get(_service_url(request)).status_code == 404
    assert assignments_complete(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_the_inviting_organisations_coordinators_read_how_it_went_on_the_request(
    client, member, organisations
):
    from network.services.assignments import member_feedback_submit, service_feedback_submit

    invitation = _completed(member, organisations, days_ago=2)
    member_feedback_submit(
        invitation=invitation,
        actor=member.participant.user,
        rating=4,
        hours=Decimal("3.5"),
        comment="Godt forberedt møte",
    )
    service_feedback_submit(request=invitation.request, rating=5, comment="Klok og tydelig")
    url = f"/admin/nettverk/foresporsler/{invitation.request.pk}/"

    log_in_with_admin_access(client, make_coordinator(organisations["MHU"]))
    page = client.get(url).content.decode()
    assert "Godt forberedt møte" in page and "Klok og tydelig" in page and "3,5" in page

    log_in_with_admin_access(client, make_coordinator(organisations["BAR"]))
    response = client.get(url)
    assert response.status_code == 200  # every coordinator sees the request itself …
    page = response.content.decode()
    assert "Godt forberedt møte" not in page and "Klok og tydelig" not in page  # … not this

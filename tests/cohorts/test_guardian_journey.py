"""The guardian's page and e-mails (issue 15): dates, venue, overnight stay, programme link and
a contact person; decline beside confirm; a second visit told "already confirmed"; a receipt to
the guardian through the outbox either way."""

import pytest
from django.core import mail
from django.test import Client

from cohorts.models import Enrolment
from cohorts.services import enrolment_apply, guardian_token
from tests.factories import make_gathering, make_participant

pytestmark = pytest.mark.django_db
State = Enrolment.State


@pytest.fixture
def minor_application(organisations, on_commit):
    organisations["MHU"].contact_email = "medvirk@mhu.example.org"
    organisations["MHU"].save()
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    minor = make_participant(organisations["MHU"], age=16, name="Nora Lie")
    enrolment = on_commit(
        enrolment_apply, participant=minor, gathering=gathering, organisation=organisations["MHU"]
    )
    assert enrolment.state == State.GUARDIAN_PENDING
    return enrolment, f"/samlinger/foresatt/{guardian_token(enrolment)}/"


def _to_guardian(enrolment):
    return [m for m in mail.outbox if enrolment.participant.guardian_email in m.to]


def test_the_guardians_email_gives_what_they_need_to_decide(minor_application):
    enrolment, url = minor_application
    [request] = _to_guardian(enrolment)
    body = request.body
    assert "Scandic Oslo" in body and "Storgata 1, Oslo" in body
    assert "Overnatting: Ja, 2 netter" in body
    assert f"/samlinger/{enrolment.gathering.slug}/" in body  # the programme
    assert "Mental Helse Ungdom, medvirk@mhu.example.org" in body  # whom to ask
    # The link is signed with a timestamp: the one in the mail was made when it was written,
    # perhaps a second before `url`; it leads to this enrolment's page all the same.
    import re

    links = re.findall(r"/samlinger/foresatt/[^/\s]+/", body)
    [link] = {link for link in links if link.split(":")[0] == url.split(":")[0]}
    assert Client().get(link).status_code == 200
    assert "bekrefte eller avslå" in body


def test_the_guardians_page_offers_decline_beside_confirm(client, minor_application):
    enrolment, url = minor_application
    html = client.get(url).content.decode()
    assert "Nora Lie" in html
    assert "Scandic Oslo" in html and "Ja, 2 netter" in html
    assert "medvirk@mhu.example.org" in html
    assert 'value="confirm"' in html and 'value="decline"' in html
    assert "Nei, jeg bekrefter ikke" in html


def test_confirming_sends_the_guardian_a_receipt_and_a_second_visit_says_already_confirmed(
    client, minor_application, django_capture_on_commit_callbacks
):
    enrolment, url = minor_application
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, {"answer": "confirm"}).content.decode()
    assert "Vi har sendt deg en kvittering på e-post." in html
    enrolment.refresh_from_db()
    assert enrolment.state == State.CONFIRMED
    [receipt] = _to_guardian(enrolment)
    assert "Overnatting" in receipt.body
    again = client.get(url)
    assert again.status_code == 200
    text = again.content.decode()
    assert "Du har allerede bekreftet" in text
    assert 'value="decline"' not in text
    # Declining after confirming changes nothing.
    client.post(url, {"answer": "decline"})
    enrolment.refresh_from_db()
    assert enrolment.state == State.CONFIRMED


def test_declining_withdraws_frees_the_seat_and_tells_both(
    client, minor_application, organisations, django_capture_on_commit_callbacks
):
    enrolment, url = minor_application
    gathering = enrolment.gathering
    # The gathering fills up and someone waits.
    others = [make_participant(organisations["MHU"]) for _ in range(3)]
    for other in others:
        enrolment_apply(participant=other, gathering=gathering, organisation=organisations["MHU"])
    waiting = Enrolment.objects.get(participant=others[0])  # first in line
    assert waiting.state == State.WAITLISTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, {"answer": "decline"}).content.decode()
    assert "Du har takket nei" in html
    enrolment.refresh_from_db()
    assert enrolment.state == State.CANCELLED
    assert enrolment.events.last().reason == "Foresatt takket nei"
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED
    [receipt] = _to_guardian(enrolment)
    assert "Du har takket nei" in receipt.subject
    to_minor = [m for m in mail.outbox if enrolment.participant.user.email in m.to]
    assert any("Foresatt bekreftet ikke" in m.subject for m in to_minor)
    # A second visit is told the application is no longer active; nothing to press.
    again = client.get(url).content.decode()
    assert "ikke lenger aktiv" in again
    assert 'value="confirm"' not in again


def test_a_forged_link_is_refused(client):
    assert client.get("/samlinger/foresatt/ugyldig:lenke/").status_code == 400
    response = client.post("/samlinger/foresatt/ugyldig:lenke/", {"answer": "decline"})
    assert response.status_code == 400

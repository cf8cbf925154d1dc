"""The demo's requests from services (demo/data/network.yaml `requests:`): one in every state a
coordinator and a service meet, one in English, each made through the services — so the
request's page shows a member only once they said yes (rule 11)."""

import pytest

from network.models import RequestInvitation, ServiceRequest

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_in_every_state_and_one_in_english(demo, client):
    requests = {request.title: request for request in ServiceRequest.objects.all()}
    states = {request.state for request in requests.values()}
    assert {"open", "inviting", "accepted", "matched", "completed"} <= states
    assert any(request.language == "en" for request in requests.values())
    for request in requests.values():
        assert request.email_verified_at is not None
        assert list(request.events.values_list("kind", flat=True))[:2] == ["received", "verified"]

    inviting = requests["Ungdomspanel om veiledning hos NAV"]
    page = client.get(inviting.get_absolute_url()).content.decode()
    for invitation in inviting.invitations.select_related("membership__participant"):
        assert invitation.state in (
            RequestInvitation.State.INVITED,
            RequestInvitation.State.DECLINED,
        )
        assert invitation.membership.participant.full_name not in page

    matched = requests["Arbeidsgruppe for ny ettervernsplan"]
    [confirmed] = matched.invitations.filter(state=RequestInvitation.State.CONFIRMED)
    page = client.get(matched.get_absolute_url()).content.decode()
    assert confirmed.membership.participant.display_name in page
    assert confirmed.shared_email in page

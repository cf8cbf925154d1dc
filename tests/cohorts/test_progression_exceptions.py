"""Design rule 4's exception: an administrator records it with a reason (audited); then the
participant may apply to the level without the certificate."""

import pytest

from cohorts.models import ProgressionException
from cohorts.services import application_blocker
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)
from website.models import AuditEntry

pytestmark = pytest.mark.django_db
URL = "/admin/pameldinger/unntak/"


def test_an_administrator_grants_an_exception_and_the_level_opens(
    client, admin_user, organisations
):
    participant = make_participant(organisations["MHU"])
    advanced = make_gathering(organisations, level="advanced")
    assert application_blocker(participant=participant, gathering=advanced) is not None
    client.force_login(admin_user)
    response = client.post(
        URL,
        {"email": participant.user.email.upper(), "level": "advanced", "reason": "Erfaren fra før"},
        follow=True,
    )
    assert "Unntaket er registrert." in response.content.decode()
    exception = ProgressionException.objects.get(participant=participant)
    assert (exception.level, exception.reason, exception.granted_by) == (
        "advanced",
        "Erfaren fra før",
        admin_user,
    )
    entry = AuditEntry.objects.get(action="progression_exception")
    assert entry.participant_id == participant.pk and entry.reason == "Erfaren fra før"
    assert application_blocker(participant=participant, gathering=advanced) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "advanced", "reason": ""}, "Dette feltet er påkrevet."),
        ({"level": "advanced", "reason": "x", "email": "ingen@example.org"}, "Ingen deltaker"),
        ({"level": "new", "reason": "x"}, "Velg et gyldig valg"),
    ],
)
def test_bad_input_gets_a_message_and_records_nothing(
    client, admin_user, organisations, data, message
):
    participant = make_participant(organisations["MHU"])
    client.force_login(admin_user)
    response = client.post(URL, {"email": participant.user.email, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressionException.objects.exists()
    assert not AuditEntry.objects.filter(action="progression_exception").exists()


def test_twice_for_the_same_level_is_refused(client, admin_user, organisations):
    participant = make_participant(organisations["MHU"])
    client.force_login(admin_user)
    data = {"email": participant.user.email, "level": "advanced", "reason": "Erfaren"}
    client.post(URL, data)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "har allerede et unntak" in response.content.decode()
    assert ProgressionException.objects.count() == 1


def test_coordinators_cannot_grant_exceptions(client, organisations):
    participant = make_participant(organisations["MHU"])
    log_in_with_admin_access(client, make_coordinator(organisations["MHU"]))
    client.post(URL, {"email": participant.user.email, "level": "advanced", "reason": "x"})
    assert not ProgressionException.objects.exists()

"""A service's request under concurrent presses, on PostgreSQL with real threads: confirming
twice at once writes one history step and one receipt; withdrawing twice at once closes it
once."""

import datetime

import pytest
from django.utils import timezone

from network.models import ServiceRequest
from network.services.requests import request_submit, request_verify, request_withdraw
from tests.helpers import run_concurrently
from website.models import OutboxMessage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def submitted():
    return request_submit(
        organisation_name="Tromsø kommune",
        contact_name="Per Pedersen",
        contact_email="per@tromso.example",
        language="nb",
        kind="talk",
        title="Foredrag",
        description="Et foredrag for ansatte.",
        participation_level="service",
        digital=True,
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        duration="En time",
    )


def test_confirming_at_once_from_two_tabs_writes_one_step_and_one_receipt():
    service_request = submitted()
    results = run_concurrently([lambda: request_verify(token=service_request.token)] * 4)
    assert all(result.state == ServiceRequest.State.OPEN for result in results)
    assert service_request.events.filter(kind="verified").count() == 1
    assert OutboxMessage.objects.filter(kind="network_request_receipt").count() == 1


def test_withdrawing_at_once_closes_once():
    service_request = submitted()
    request_verify(token=service_request.token)
    run_concurrently([lambda: request_withdraw(token=service_request.token, reason="Nei")] * 4)
    service_request.refresh_from_db()
    assert service_request.state == ServiceRequest.State.CLOSED
    assert service_request.events.filter(kind="closed").count() == 1

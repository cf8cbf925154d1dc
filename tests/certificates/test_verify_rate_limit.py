"""`/bevis/<code>/` look-ups are rate-limited per client by the site's one limiter: after the
limit the same 429 page as the account forms, with `Retry-After`, and nothing about any
certificate — not even one whose code is right."""

import math

import pytest
from django.conf import settings
from django.test import Client

from certificates.codes import display

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_limiter_clock")]
LIMIT, WINDOW = settings.RATE_LIMITS["certificate_lookup"]


def assert_refused(response):
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= WINDOW
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "For mange forsøk" in html
    assert f"Vent litt og prøv igjen om {math.ceil(wait / 60)} minutt" in html


def test_after_the_limit_even_the_right_code_shows_nothing(client, certificate):
    for n in range(LIMIT):
        assert client.get(f"/bevis/AAAA-BBBB-{n:02d}/").status_code == 404
    refused = client.get(f"/bevis/{display(certificate.code)}/")
    assert_refused(refused)
    assert "Ida Larsen" not in refused.content.decode()
    # Another client is not affected, and finds the certificate.
    other = client.get(f"/bevis/{display(certificate.code)}/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200
    assert "Ida Larsen" in other.content.decode()


def test_two_servers_share_the_count(certificate):
    servers = [Client(), Client()]
    for n in range(LIMIT):
        assert servers[n % 2].get(f"/bevis/AAAA-BBBB-{n:02d}/").status_code == 404
    for server in servers:
        assert_refused(server.get(f"/bevis/{display(certificate.code)}/"))


def test_the_refusal_is_in_english_when_english_was_chosen(db, english_visitor):
    visitor = english_visitor
    for n in range(LIMIT + 1):
        response = visitor.get(f"/bevis/AAAA-BBBB-{n:02d}/")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0

"""The two-factor code step is rate-limited per client and per account: guessing a six-digit
code is slow whoever tries and from wherever. A refused code — even the right one — logs
nobody in."""

import math
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_limiter_clock")]
PASSWORD = "et-langt-passord-123"
AUTHENTICATE = "/konto/2fa/authenticate/"
REAUTHENTICATE = "/konto/2fa/reauthenticate/"


def limit(scope):
    return settings.RATE_LIMITS[scope][0]


def window(scope):
    return settings.RATE_LIMITS[scope][1]


def right_code(user):
    return format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))


def wrong_code(user):
    """A code that is valid in none of the accepted 30-second steps."""
    step = int(time.time()) // 30
    valid = {
        format_hotp_value(hotp_value(user.totp_secret, step + offset))
        for offset in (-2, -1, 0, 1, 2)
    }
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in valid)


def assert_refused(response, scope):
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= window(scope)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "For mange forsøk" in html
    assert f"Vent litt og prøv igjen om {math.ceil(wait / 60)} minutt" in html


def with_totp(email):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    # A secret of its own: allauth remembers used codes per user id in the process's cache,
    # and a rolled-back test may hand the next one the same id.
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


@pytest.fixture
def kari():
    return with_totp("kari@example.org")


def log_in(client, user, **extra):
    """The password, accepted: allauth now asks for the code."""
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD}, **extra)
    assert response["Location"] == AUTHENTICATE
    return client


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_right_code_within_the_limit_logs_in(kari):
    client = log_in(Client(), kari)
    for _ in range(3):
        assert client.post(AUTHENTICATE, {"code": wrong_code(kari)}).status_code == 200
    assert client.post(AUTHENTICATE, {"code": right_code(kari)}).status_code == 302
    assert logged_in(client)


def test_codes_for_one_account_are_limited_from_any_number_of_clients(kari):
    client = log_in(Client(), kari)
    for n in range(limit("mfa_account")):
        response = client.post(AUTHENTICATE, {"code": wrong_code(kari)}, REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 200  # the form again, with its error
    refused = client.post(AUTHENTICATE, {"code": right_code(kari)}, REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "mfa_account")
    assert not logged_in(client)
    # A fresh log-in from elsewhere does not start the account's count again.
    elsewhere = log_in(Client(), kari, REMOTE_ADDR="10.0.3.1")
    refused = elsewhere.post(AUTHENTICATE, {"code": right_code(kari)}, REMOTE_ADDR="10.0.3.1")
    assert_refused(refused, "mfa_account")
    assert not logged_in(elsewhere)
    # Another account is not affected.
    ola = with_totp("ola@example.org")
    other = log_in(Client(), ola, REMOTE_ADDR="10.0.4.1")
    assert (
        other.post(AUTHENTICATE, {"code": right_code(ola)}, REMOTE_ADDR="10.0.4.1").status_code
        == 302
    )
    assert logged_in(other)


def test_codes_from_one_client_are_limited_across_accounts(kari):
    ola = with_totp("ola@example.org")
    first = log_in(Client(), kari)
    half = limit("mfa") // 2
    for _ in range(half):
        assert first.post(AUTHENTICATE, {"code": wrong_code(kari)}).status_code == 200
    second = log_in(Client(), ola)
    for _ in range(limit("mfa") - half):
        assert second.post(AUTHENTICATE, {"code": wrong_code(ola)}).status_code == 200
    assert limit("mfa") - half < limit("mfa_account")  # so it is the client's count that is full
    refused = second.post(AUTHENTICATE, {"code": right_code(ola)})
    assert_refused(refused, "mfa")
    assert not logged_in(second)
    # The same account from another client still gets in.
    third = log_in(Client(), ola, REMOTE_ADDR="10.0.0.2")
    assert (
        third.post(AUTHENTICATE, {"code": right_code(ola)}, REMOTE_ADDR="10.0.0.2").status_code
        == 302
    )


def test_the_code_asked_again_when_signed_in_shares_the_reauthentication_count(kari):
    client = Client()
    client.force_login(kari)
    for _ in range(limit("reauthenticate")):
        assert client.post(REAUTHENTICATE, {"code": wrong_code(kari)}).status_code == 200
    records = list(client.session.get("account_authentication_methods", []))
    refused = client.post(REAUTHENTICATE, {"code": right_code(kari)})
    assert_refused(refused, "reauthenticate")
    assert client.session.get("account_authentication_methods", []) == records

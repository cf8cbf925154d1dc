"""Log-in, sign-up and password-reset forms answer 429 per client (and per e-mail address)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

ENGLISH_MESSAGE = "Wait a little and try again in"

SITE_LOGIN = "/konto/login/"
ADMIN_LOGIN = "/admin/login/"
SIGNUP = "/konto/signup/"
RESET = "/konto/password/reset/"
ADMIN_RESET = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def no_allauth_limits(settings):
    """allauth's own limits live in the per-process cache and would carry over between tests;
    switched off here so only ours are measured."""
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def client():
    """A visitor who chose English, so the page can be read without the Norwegian catalogue."""
    visitor = Client()
    visitor.cookies["medvirk_language"] = "en"
    return visitor


def limit(scope):
    return settings.RATE_LIMITS[scope][0]


def window(scope):
    return settings.RATE_LIMITS[scope][1]


def site_login(client, email, password="feil-passord", **extra):
    return client.post(SITE_LOGIN, {"login": email, "password": password}, **extra)


def admin_login(client, email, password="feil-passord", **extra):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password}, **extra)


def assert_refused(response, scope):
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= window(scope)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Too many attempts" in html
    assert ENGLISH_MESSAGE in html
    assert "minute" in html


def test_the_login_after_the_limit_is_refused_with_retry_after_and_a_message(client, user):
    for n in range(limit("login")):
        assert site_login(client, f"ukjent{n}@example.org").status_code == 200
    refused = site_login(client, "kari@example.org", password="et-langt-passord-123")
    assert_refused(refused, "login")
    assert "_auth_user_id" not in client.session  # the right password did not log in


def test_another_client_is_not_affected(client, user):
    for n in range(limit("login") + 1):
        site_login(client, f"ukjent{n}@example.org")
    assert site_login(client, "ukjent@example.org").status_code == 429
    response = site_login(
        client, "kari@example.org", password="et-langt-passord-123", REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302  # the password was checked (verification comes next)


def test_logins_to_one_account_are_limited_from_any_number_of_clients(client, user):
    for n in range(limit("login_account")):
        response = site_login(client, "kari@example.org", REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 200
    # Another spelling of the same address, from yet another client.
    refused = admin_login(client, " KARI@Example.org", REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "login_account")
    # Other accounts are not affected.
    assert site_login(client, "ola@example.org", REMOTE_ADDR="10.0.2.2").status_code == 200


def test_gets_are_never_limited(client, user):
    for n in range(limit("login") + 1):
        site_login(client, f"ukjent{n}@example.org")
    for _ in range(max(limit(scope) for scope in settings.RATE_LIMITS) + 1):
        for url in (SITE_LOGIN, ADMIN_LOGIN, SIGNUP, RESET, ADMIN_RESET):
            assert client.get(url).status_code == 200, url


def test_the_admin_login_is_limited_and_shares_the_count_with_the_site_login(client, admin_user):
    half = limit("login") // 2
    for n in range(half):
        assert site_login(client, f"ukjent{n}@example.org").status_code == 200
    for n in range(half, limit("login")):
        assert admin_login(client, f"ukjent{n}@example.org").status_code == 200
    refused = admin_login(client, "admin@example.org", password="et-langt-passord-123")
    assert_refused(refused, "login")
    assert "_auth_user_id" not in client.session
    response = admin_login(
        client, "admin@example.org", password="et-langt-passord-123", REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


# The e-mails leave through the outbox after commit: these tests commit for real.
@pytest.mark.django_db(transaction=True)
def test_a_refused_signup_creates_no_user_and_sends_no_email(client):
    users = get_user_model().objects
    for n in range(limit("signup")):
        response = client.post(
            SIGNUP,
            {
                "email": f"ny{n}@example.org",
                "password1": "Et-godt-passord-2026",
                "password2": "Et-godt-passord-2026",
            },
        )
        assert response.status_code == 302
    assert users.count() == limit("signup")
    sent = len(mail.outbox)
    assert sent == limit("signup")  # each new account was asked to confirm its address
    refused = client.post(
        SIGNUP,
        {
            "email": "en.til@example.org",
            "password1": "Et-godt-passord-2026",
            "password2": "Et-godt-passord-2026",
        },
    )
    assert_refused(refused, "signup")
    assert users.count() == limit("signup")
    assert not users.filter(email="en.til@example.org").exists()
    assert len(mail.outbox) == sent


@pytest.mark.django_db(transaction=True)
def test_a_refused_password_reset_sends_no_email(client, user):
    for n in range(limit("password_reset")):
        assert client.post(RESET, {"email": f"ukjent{n}@example.org"}).status_code == 302
    sent = len(mail.outbox)
    assert sent == limit("password_reset")
    assert_refused(client.post(RESET, {"email": "kari@example.org"}), "password_reset")
    assert len(mail.outbox) == sent
    # The admin's reset form shares the count.
    assert_refused(client.post(ADMIN_RESET, {"email": "kari@example.org"}), "password_reset")
    assert len(mail.outbox) == sent


@pytest.mark.django_db(transaction=True)
def test_reset_requests_for_one_address_are_limited_from_any_number_of_clients(client, user):
    for n in range(limit("password_reset_account")):
        response = client.post(RESET, {"email": "kari@example.org"}, REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 302
    sent = len(mail.outbox)
    assert sent >= 1  # (identical reset e-mails within one second are written once)
    refused = client.post(RESET, {"email": "kari@example.org"}, REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "password_reset_account")
    assert len(mail.outbox) == sent


def test_norwegian_is_the_default_language_of_the_refusal(db):
    visitor = Client()
    for n in range(limit("login") + 1):
        response = site_login(visitor, f"ukjent{n}@example.org")
    assert response.status_code == 429
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb">' in response.content.decode()


def test_a_forged_cross_site_post_does_not_use_up_the_allowance(db):
    forger = Client(enforce_csrf_checks=True)
    for n in range(limit("login") + 1):
        assert site_login(forger, f"ukjent{n}@example.org").status_code == 403
    assert site_login(Client(), "ukjent@example.org").status_code == 200

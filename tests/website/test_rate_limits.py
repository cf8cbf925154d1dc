"""The one rate limiter (website/ratelimit.py): each limited form answers 429 with `Retry-After`
and the same page once its limit is used up — per client, per submitted e-mail address or per
account; a refused request changes nothing; every app server shares the counts; ended windows
are cleaned away. The numbers are the production defaults (no test-only settings).
The two-factor code step is in test_rate_limits_two_factor.py, `/bevis/` in
tests/certificates/test_verify_rate_limit.py."""

import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client

from tests.helpers import clear_of_window_edge, database_url
from website import ratelimit
from website.models import RateLimitCounter

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "et-langt-passord-123"
SITE_LOGIN = "/konto/login/"
ADMIN_LOGIN = "/admin/login/"
SIGNUP = "/konto/signup/"
RESET = "/konto/password/reset/"
ADMIN_RESET = "/admin/password_reset/"
REAUTHENTICATE = "/konto/reauthenticate/"
CHANGE_PASSWORD = "/konto/password/change/"
EMAIL = "/konto/email/"
pytestmark = pytest.mark.usefixtures("steady_limiter_clock")


@pytest.fixture
def client():
    """A visitor who has not chosen a language: the site speaks Norwegian."""
    return Client()


def limit(scope):
    return settings.RATE_LIMITS[scope][0]


def window(scope):
    return settings.RATE_LIMITS[scope][1]


def site_login(client, email, password="feil-passord", **extra):
    return client.post(SITE_LOGIN, {"login": email, "password": password}, **extra)


def admin_login(client, email, password="feil-passord", **extra):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password}, **extra)


def signup(client, email, **extra):
    return client.post(
        SIGNUP,
        {"email": email, "password1": "Et-godt-passord-2026", "password2": "Et-godt-passord-2026"},
        **extra,
    )


def assert_refused(response, scope):
    """The one refusal: 429, Retry-After no later than the window's end, never cached, the
    page in Norwegian saying in how many minutes to try again."""
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= window(scope)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Language"] == "nb"
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "For mange forsøk" in html
    assert f"Vent litt og prøv igjen om {math.ceil(wait / 60)} minutt" in html


# Log-in ------------------------------------------------------------------------------------


def test_the_login_after_the_limit_is_refused_even_with_the_right_password(client, user):
    for n in range(limit("login")):
        assert site_login(client, f"ukjent{n}@example.org").status_code == 200
    refused = site_login(client, "kari@example.org", password=PASSWORD)
    assert_refused(refused, "login")
    assert "_auth_user_id" not in client.session  # the right password did not log in


def test_retry_after_is_the_end_of_the_counting_window(client, user):
    for n in range(limit("login") + 1):
        response = site_login(client, f"ukjent{n}@example.org")
    now = ratelimit.now()  # held still for the test
    until_window_ends = (int(now) // window("login") + 1) * window("login") - now
    assert int(response["Retry-After"]) == math.ceil(until_window_ends)


def test_another_client_is_not_affected(client, user):
    for n in range(limit("login") + 1):
        site_login(client, f"ukjent{n}@example.org")
    assert site_login(client, "ukjent@example.org").status_code == 429
    response = site_login(client, "kari@example.org", password=PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302  # the password was checked (verification comes next)


def test_logins_to_one_account_are_limited_from_any_number_of_clients(client, user):
    for n in range(limit("login_account")):
        response = site_login(client, "kari@example.org", REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 200
    # Another spelling of the same address, from yet another client, on the admin's form.
    refused = admin_login(client, " KARI@Example.org", REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "login_account")
    # Other accounts are not affected.
    assert site_login(client, "ola@example.org", REMOTE_ADDR="10.0.2.2").status_code == 200


def test_the_admin_login_is_limited_and_shares_the_count_with_the_site_login(client, admin_user):
    half = limit("login") // 2
    for n in range(half):
        assert site_login(client, f"ukjent{n}@example.org").status_code == 200
    for n in range(half, limit("login")):
        assert admin_login(client, f"ukjent{n}@example.org").status_code == 200
    refused = admin_login(client, "admin@example.org", password=PASSWORD)
    assert_refused(refused, "login")
    assert "_auth_user_id" not in client.session
    response = admin_login(client, "admin@example.org", password=PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_gets_of_the_forms_are_never_limited(client, user):
    for n in range(limit("login") + 1):
        site_login(client, f"ukjent{n}@example.org")
    form_scopes = ("login", "login_account", "signup", "signup_account", "password_reset")
    for _ in range(max(limit(scope) for scope in form_scopes) + 1):
        for url in (SITE_LOGIN, ADMIN_LOGIN, SIGNUP, RESET, ADMIN_RESET):
            assert client.get(url).status_code == 200, url


def test_a_forged_cross_site_post_does_not_use_up_the_allowance(db):
    forger = Client(enforce_csrf_checks=True)
    for n in range(limit("login") + 1):
        assert site_login(forger, f"ukjent{n}@example.org").status_code == 403
    assert site_login(Client(), "ukjent@example.org").status_code == 200


def test_the_refusal_is_in_english_when_english_was_chosen(db, english_visitor):
    visitor = english_visitor
    for n in range(limit("login") + 1):
        response = site_login(visitor, f"ukjent{n}@example.org")
    assert response.status_code == 429
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "Wait a little and try again in" in html


# Sign-up and password reset (their e-mails leave through the outbox after commit) -----------


@pytest.mark.django_db(transaction=True)
def test_a_refused_signup_creates_no_user_and_sends_no_email(client):
    users = get_user_model().objects
    for n in range(limit("signup")):
        assert signup(client, f"ny{n}@example.org").status_code == 302
    assert users.count() == limit("signup")
    sent = len(mail.outbox)
    assert sent == limit("signup")  # each new account was asked to confirm its address
    assert_refused(signup(client, "en.til@example.org"), "signup")
    assert users.count() == limit("signup")
    assert not users.filter(email="en.til@example.org").exists()
    assert len(mail.outbox) == sent


@pytest.mark.django_db(transaction=True)
def test_signups_with_one_address_are_limited_from_any_number_of_clients(client, user):
    """Each sign-up with a taken address e-mails its owner: not a way to flood an inbox."""
    for n in range(limit("signup_account")):
        assert signup(client, "kari@example.org", REMOTE_ADDR=f"10.0.1.{n}").status_code == 302
    sent = len(mail.outbox)
    assert sent >= 1
    refused = signup(client, " Kari@Example.org", REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "signup_account")
    assert len(mail.outbox) == sent
    assert signup(client, "ny@example.org", REMOTE_ADDR="10.0.2.2").status_code == 302


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


# A signed-in person: password again, changing it, e-mail addresses --------------------------


def authentication_records(client):
    return list(client.session.get("account_authentication_methods", []))


def test_reauthentication_is_limited_per_account_and_a_refusal_proves_nothing(client, user):
    client.force_login(user)
    for n in range(limit("reauthenticate")):
        response = client.post(REAUTHENTICATE, {"password": "feil"}, REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 200  # the form again, with its error
    records = authentication_records(client)
    # The right password, from another client and another session of the same account.
    elsewhere = Client()
    elsewhere.force_login(user)
    refused = elsewhere.post(REAUTHENTICATE, {"password": PASSWORD}, REMOTE_ADDR="10.0.2.1")
    assert_refused(refused, "reauthenticate")
    assert authentication_records(elsewhere) == []
    assert authentication_records(client) == records
    # The count is the account's: another account may still confirm its password.
    other = get_user_model().objects.create_user(email="ola@example.org", password=PASSWORD)
    third = Client()
    third.force_login(other)
    assert third.post(REAUTHENTICATE, {"password": PASSWORD}).status_code == 302
    assert len(authentication_records(third)) == 1


def test_changing_the_password_shares_the_reauthentication_count(client, user):
    client.force_login(user)
    for _ in range(limit("reauthenticate")):
        assert client.post(REAUTHENTICATE, {"password": "feil"}).status_code == 200
    refused = client.post(
        CHANGE_PASSWORD,
        {
            "oldpassword": PASSWORD,
            "password1": "Et-nytt-passord-2026",
            "password2": "Et-nytt-passord-2026",
        },
    )
    assert_refused(refused, "reauthenticate")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)  # unchanged


def test_changing_the_password_alone_is_limited_too(client, user):
    client.force_login(user)
    wrong = {
        "oldpassword": "feil",
        "password1": "Et-nytt-pass-2026",
        "password2": "Et-nytt-pass-2026",
    }
    for _ in range(limit("reauthenticate")):
        assert client.post(CHANGE_PASSWORD, wrong).status_code == 200
    right = {**wrong, "oldpassword": PASSWORD}
    assert_refused(client.post(CHANGE_PASSWORD, right), "reauthenticate")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_adding_addresses_and_resending_confirmations_are_limited_per_account(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    for n in range(limit("email")):
        response = client.post(
            EMAIL, {"email": f"kari{n}@example.org", "action_add": ""}, REMOTE_ADDR=f"10.0.1.{n}"
        )
        assert response.status_code == 302
    addresses = set(EmailAddress.objects.values_list("email", flat=True))
    assert len(addresses) == limit("email") + 1
    sent = len(mail.outbox)
    assert sent == limit("email")  # a confirmation to each new address
    refused = client.post(EMAIL, {"email": "kari.ny@example.org", "action_add": ""})
    assert_refused(refused, "email")
    resend = client.post(EMAIL, {"email": "kari0@example.org", "action_send": ""})
    assert_refused(resend, "email")
    assert set(EmailAddress.objects.values_list("email", flat=True)) == addresses
    assert len(mail.outbox) == sent
    assert client.get(EMAIL).status_code == 200  # the page itself still opens


# Documents behind a shared password ----------------------------------------------------------


def test_guessing_a_documents_shared_password_is_limited(client, db):
    from wagtail.models import Collection, CollectionViewRestriction

    # (a flush by an earlier transactional test on this worker may have taken the root away)
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.add_child(name="Styrepapirer")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="riktig-passord",
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for n in range(limit("document_password")):
        response = client.post(url, {"password": f"gjett{n}", "return_url": "/"})
        assert response.status_code == 200
    refused = client.post(url, {"password": "riktig-passord", "return_url": "/"})
    assert_refused(refused, "document_password")
    assert restriction.pk not in client.session.get("passed_collection_view_restrictions", [])


# Shared by every app server --------------------------------------------------------------------


def test_two_servers_count_together(user):
    """Two clients standing for two app servers: the client's count is in the database."""
    servers = [Client(), Client()]
    for n in range(limit("login")):
        assert site_login(servers[n % 2], f"ukjent{n}@example.org").status_code == 200
    for server in servers:
        assert_refused(site_login(server, "kari@example.org", password=PASSWORD), "login")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_on_separate_connections_never_exceed_the_limit():
    """Thirty requests at once, each on its own database connection (as on thirty app
    servers): exactly the limit get through, and the counter has every one of them."""
    allowed, window_seconds = 10, 900
    gate = threading.Barrier(30)
    results = []

    def request():
        try:
            gate.wait(timeout=30)
            results.append(
                ratelimit.retry_after(
                    key="login:samtidig", limit=allowed, window_seconds=window_seconds
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 30
    assert results.count(None) == allowed
    assert all(0 < wait <= window_seconds for wait in results if wait is not None)
    assert RateLimitCounter.objects.get(key="login:samtidig").count == 30


LOGINS_IN_ANOTHER_PROCESS = """
import os
from django.test import Client
server = Client()
for n in range(int(os.environ["ATTEMPTS"])):
    response = server.post("/konto/login/", {"login": f"ukjent{n}@example.org", "password": "x"})
    print(response.status_code)
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_server_process_shares_the_count(client, user, monkeypatch):
    """Another process (another app server) takes the client's whole allowance; this one
    then refuses the client's next log-in."""
    clear_of_window_edge()  # both processes count on the real clock, in one window
    monkeypatch.setattr(ratelimit, "now", time.time)
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="website.settings.test",
        ATTEMPTS=str(limit("login")),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", LOGINS_IN_ANOTHER_PROCESS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200"] * limit("login")
    assert_refused(site_login(client, "kari@example.org", password=PASSWORD), "login")
    assert "_auth_user_id" not in client.session


# Cleaning up --------------------------------------------------------------------------------


def test_counters_whose_window_has_ended_are_deleted(db):
    from website.tasks import clear_rate_limit_counters

    now = ratelimit.now()
    login = int(now) // window("login")
    lookup = int(now) // window("certificate_lookup")
    RateLimitCounter.objects.bulk_create(
        [
            RateLimitCounter(key="login:naa", window=login, count=3),
            RateLimitCounter(key="login:for-lenge-siden", window=login - 1, count=9),
            RateLimitCounter(key="certificate_lookup:naa", window=lookup, count=1),
            RateLimitCounter(key="certificate_lookup:gammel", window=lookup - 40, count=30),
            # counted when the scope's window was shorter: its index is far ahead of today's
            RateLimitCounter(key="login_account:kortere-vindu", window=login, count=2),
            # a scope that is no longer limited
            RateLimitCounter(key="bevis:gammel", window=lookup, count=5),
        ]
    )
    assert clear_rate_limit_counters() == 4
    assert set(RateLimitCounter.objects.values_list("key", flat=True)) == {
        "login:naa",
        "certificate_lookup:naa",
    }
    assert clear_rate_limit_counters() == 0


def test_a_request_after_the_cleanup_counts_from_one_again(client, user):
    for n in range(limit("login") + 1):
        site_login(client, f"ukjent{n}@example.org")
    ratelimit.counters_clear_ended(at=ratelimit.now() + window("login"))
    assert site_login(client, "kari@example.org", password=PASSWORD).status_code == 302


def test_the_cleanup_is_scheduled_hourly_once(db):
    import importlib

    from django.apps import apps
    from django_q.models import Schedule

    func = "website.tasks.clear_rate_limit_counters"
    Schedule.objects.filter(func=func).delete()  # a transactional test may have flushed it
    migration = importlib.import_module("website.migrations.0009_schedule_rate_limit_cleanup")
    migration.add_schedule(apps, None)
    migration.add_schedule(apps, None)
    [schedule] = Schedule.objects.filter(func=func)
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.HOURLY, -1)

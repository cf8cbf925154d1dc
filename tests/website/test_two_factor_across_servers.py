"""Two-factor codes across app servers: a used code is used on every server (the cache they
share, settings.CACHES), wrong codes for one account add up whichever server they reach, and
a lock-out ends with its window: then the right code logs in."""

import os
import subprocess
import sys
import time
from pathlib import Path

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
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.helpers import clear_of_window_edge, database_url
from website import ratelimit

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "et-langt-passord-123"
LOGIN = "/konto/login/"
AUTHENTICATE = "/konto/2fa/authenticate/"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CODES_ON_ANOTHER_SERVER = """
import os
from django.test import Client
server = Client()
password = {"login": os.environ["EMAIL"], "password": os.environ["PASSWORD"]}
response = server.post("/konto/login/", password)
assert response["Location"] == "/konto/2fa/authenticate/", response
for code in os.environ["CODES"].split(","):
    response = server.post("/konto/2fa/authenticate/", {"code": code})
    print(response.status_code, "_auth_user_id" in server.session)
"""


def on_another_server(user, codes):
    """Log in with the password and type `codes` on another app server (its own process,
    its own memory, the same database); what it answered to each code."""
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="website.settings.test",
        EMAIL=user.email,
        PASSWORD=PASSWORD,
        CODES=",".join(codes),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CODES_ON_ANOTHER_SERVER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [tuple(line.split()) for line in result.stdout.splitlines()]


def right_code(user):
    return format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))


def wrong_code(user, n=0):
    step = int(time.time()) // 30
    valid = {format_hotp_value(hotp_value(user.totp_secret, step + k)) for k in range(-2, 3)}
    return [code for code in (f"{k:06d}" for k in range(100)) if code not in valid][n]


@pytest.fixture
def kari():
    user = get_user_model().objects.create_user(email="kari@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def log_in(user, address="10.0.9.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response["Location"] == AUTHENTICATE
    return client


def logged_in(client):
    return "_auth_user_id" in client.session


def test_a_code_used_on_one_server_is_refused_on_another(kari):
    code = right_code(kari)
    assert on_another_server(kari, [code]) == [("302", "True")]
    # Someone who saw the code (over a shoulder, through a phishing page) types it here.
    client = log_in(kari)
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 200
    assert "Feil kode." in response.content.decode()
    assert not logged_in(client)


def test_wrong_codes_on_another_server_count_here_until_the_window_ends(kari, monkeypatch):
    allowed, window_seconds = settings.RATE_LIMITS["mfa_account"]
    clear_of_window_edge()  # both processes count on the real clock, in one window
    codes = [wrong_code(kari, n) for n in range(allowed)]
    assert on_another_server(kari, codes) == [("200", "False")] * allowed
    client = log_in(kari)
    refused = client.post(AUTHENTICATE, {"code": right_code(kari)})
    assert refused.status_code == 429
    assert not logged_in(client)
    # The window ends: the lock-out does not refuse the right code any longer.
    later = time.time() + window_seconds
    monkeypatch.setattr(ratelimit, "now", lambda: later)
    assert client.post(AUTHENTICATE, {"code": right_code(kari)}).status_code == 302
    assert logged_in(client)


def test_the_shared_cache_is_the_database_unless_redis_is_configured(monkeypatch):
    from django.core.cache import cache

    from website.settings.env import shared_cache

    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    assert cache.add("delt-nokkel", "y", timeout=60)  # its table exists (made by migrate)
    assert not cache.add("delt-nokkel", "y", timeout=60)
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match="redis"):
        shared_cache("redis://127.0.0.1:6379/0")
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    redis = shared_cache("redis://127.0.0.1:6379/0")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }

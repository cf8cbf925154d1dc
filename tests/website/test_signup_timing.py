"""Sign-up answers a known address and a new one with the same work (issue 14, finding 10):
allauth creates no account for a known address (it e-mails the owner instead), and it used to
skip the password hashing too — 31 ms against 619 ms, enough to tell which addresses have an
account. Now both hash the password once and get the same answer."""

import statistics
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "Et-godt-passord-2026"


def sign_up(email, n):
    return Client().post(
        "/konto/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=f"10.0.9.{n}",
    )


def test_a_known_and_a_new_address_hash_the_password_once_each(user, monkeypatch):
    hashed = []
    hasher_class = type(get_hasher())
    encode = hasher_class.encode

    def counting_encode(self, *args, **kwargs):
        hashed.append(1)
        return encode(self, *args, **kwargs)

    monkeypatch.setattr(hasher_class, "encode", counting_encode)

    known = sign_up(user.email, 1)
    hashed_for_known = len(hashed)
    new = sign_up("ny.person@example.org", 2)
    hashed_for_new = len(hashed) - hashed_for_known

    assert hashed_for_known == hashed_for_new == 1
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert get_user_model().objects.count() == 2


def test_a_known_address_takes_about_as_long_as_a_new_one(user, settings):
    """With the production hasher (PBKDF2): the medians of three tries each are within a
    factor of two (the difference was twentyfold)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    known, new = [], []
    for n in range(3):
        start = time.perf_counter()
        assert sign_up(user.email, 10 + n).status_code == 302
        known.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert sign_up(f"ny{n}@example.org", 20 + n).status_code == 302
        new.append(time.perf_counter() - start)
    assert statistics.median(known) > statistics.median(new) / 2

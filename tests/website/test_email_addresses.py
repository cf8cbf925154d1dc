"""E-mail addresses, one way everywhere (website/emails.py; issue 14, finding 3).

`koordinator.lfb@medvırk.localhost` (dotless ı) matched the real account through PostgreSQL's
`iexact`, was sent a confirmation with the holder's name and escaped the per-address limit.
Now addresses are stored and looked up in one normal form, look-alikes are refused and count
against the real address's limit, and the stored addresses were migrated."""

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.test import Client

from website.emails import look_alike_key, normalise
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

PASSWORD = "et-langt-passord-123"
REAL = "koordinator.lfb@medvirk.localhost"
LOOK_ALIKE = "koordinator.lfb@medvırk.localhost"  # dotless ı
LOOK_ALIKE_CYRILLIC = "koordinator.lfb@medvirk.lоcalhost"  # Cyrillic о


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user(
        email=REAL, password=PASSWORD, first_name="Lise", last_name="Fjellberg"
    )
    EmailAddress.objects.create(user=user, email=REAL, verified=True, primary=True)
    return user


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# The normal form


@pytest.mark.parametrize(
    "typed, normal",
    [
        ("Kari@Example.ORG", "kari@example.org"),
        (" kari@example.org ", "kari@example.org"),
        ("ＫＡＲＩ@ｅｘａｍｐｌｅ.org", "kari@example.org"),  # full-width letters
        ("kari@Blåbær.no", "kari@xn--blbr-roah.no"),
        ("kari@xn--blbr-roah.no", "kari@xn--blbr-roah.no"),
        ("kari@example.org.", "kari@example.org"),
    ],
)
def test_every_spelling_of_one_address_has_one_normal_form(typed, normal):
    assert normalise(typed) == normal


def test_a_dotless_i_is_another_address_but_counts_as_the_same_for_limits():
    assert normalise(LOOK_ALIKE) != normalise(REAL)
    assert look_alike_key(LOOK_ALIKE) == look_alike_key(REAL)
    assert look_alike_key(LOOK_ALIKE_CYRILLIC) == look_alike_key(REAL)


def test_addresses_are_stored_in_the_normal_form():
    user = get_user_model().objects.create_user(email="Kari@Blåbær.NO", password="x")
    assert user.email == "kari@xn--blbr-roah.no"
    assert authenticate(username="KARI@blåbær.no", password="x") == user


# Log-in


def test_logging_in_with_a_look_alike_address_does_not_reach_the_account(client, coordinator):
    response = client.post("/konto/login/", {"login": LOOK_ALIKE, "password": PASSWORD})
    assert response.status_code == 200
    assert not logged_in(client)
    assert not OutboxMessage.objects.exists()
    assert not EmailAddress.objects.exclude(email=REAL).exists()


def test_the_admin_login_does_not_match_a_look_alike_either(coordinator):
    assert authenticate(username=LOOK_ALIKE, password=PASSWORD) is None
    assert authenticate(email=LOOK_ALIKE, password=PASSWORD) is None


def test_the_real_address_still_logs_in_in_any_capitalisation(client, coordinator):
    client.post(
        "/konto/login/", {"login": "Koordinator.LFB@Medvirk.localhost", "password": PASSWORD}
    )
    assert logged_in(client)


def test_a_reset_for_a_look_alike_sends_no_key(client, coordinator):
    client.post("/konto/password/reset/", {"email": LOOK_ALIKE})
    assert not OutboxMessage.objects.filter(kind="account/password_reset_key").exists()


# Sign-up and adding an address


@pytest.mark.parametrize("address", [LOOK_ALIKE, LOOK_ALIKE_CYRILLIC, "kari@раураl.no"])
def test_nobody_signs_up_with_a_look_alike_address(client, address):
    response = client.post(
        "/konto/signup/",
        {
            "email": address,
            "password1": "Et-godt-passord-2026",
            "password2": "Et-godt-passord-2026",
        },
    )
    assert response.status_code == 200
    assert "ser ut som andre bokstaver" in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_genuinely_international_address_signs_up(client):
    response = client.post(
        "/konto/signup/",
        {
            "email": "Kari@Blåbær.no",
            "password1": "Et-godt-passord-2026",
            "password2": "Et-godt-passord-2026",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get().email == "kari@xn--blbr-roah.no"
    assert EmailAddress.objects.get().email == "kari@xn--blbr-roah.no"


def test_a_look_alike_cannot_be_added_to_an_account(client, user):
    client.force_login(user)
    response = client.post("/konto/email/", {"email": LOOK_ALIKE, "action_add": ""})
    assert "ser ut som andre bokstaver" in response.content.decode()
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["kari@example.org"]


# Rate limits


def test_look_alikes_use_up_the_real_addresses_log_in_allowance(coordinator):
    client = Client()
    allowed = settings.RATE_LIMITS["login_account"][0]
    spellings = [LOOK_ALIKE, LOOK_ALIKE_CYRILLIC, "KOORDINATOR.LFB@medvirk.localhost"]
    for n in range(allowed):
        response = client.post(
            "/konto/login/",
            {"login": spellings[n % len(spellings)], "password": "feil"},
            REMOTE_ADDR=f"10.0.7.{n}",
        )
        assert response.status_code == 200
    refused = client.post(
        "/konto/login/", {"login": REAL, "password": PASSWORD}, REMOTE_ADDR="10.0.8.1"
    )
    assert refused.status_code == 429


# The migration


def migrate_addresses():
    migration = importlib.import_module("website.migrations.0011_email_addresses_normal_form")
    from django.apps import apps

    migration.normalise_stored_addresses(apps, None)


def test_the_migration_stores_existing_addresses_in_the_normal_form(capsys):
    User = get_user_model()
    user = User.objects.create_user(email="kari@example.org", password="x")
    User.objects.filter(pk=user.pk).update(email="kari@blåbær.no")
    EmailAddress.objects.create(user=user, email="kari@blåbær.no", verified=True, primary=True)

    migrate_addresses()

    assert User.objects.get(pk=user.pk).email == "kari@xn--blbr-roah.no"
    assert EmailAddress.objects.get(user=user).email == "kari@xn--blbr-roah.no"
    assert capsys.readouterr().out == ""


def test_the_migration_reports_two_accounts_that_become_one_address_and_merges_nothing(capsys):
    User = get_user_model()
    first = User.objects.create_user(email="per@xn--blbr-roah.no", password="x")
    second = User.objects.create_user(email="per@example.org", password="x")
    User.objects.filter(pk=second.pk).update(email="per@blåbær.no")

    migrate_addresses()

    assert User.objects.get(pk=first.pk).email == "per@xn--blbr-roah.no"
    assert User.objects.get(pk=second.pk).email == "per@blåbær.no"
    report = capsys.readouterr().out
    assert "website_user" in report
    assert f"ids {min(first.pk, second.pk)}, {max(first.pk, second.pk)}" in report

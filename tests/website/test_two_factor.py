"""Staff reach the admin only with two-factor authentication (TOTP); participants may use it."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import admin_access_permission, make_coordinator, make_participant

pytestmark = pytest.mark.django_db
PASSWORD = "et-langt-passord-123"


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_MFA_REQUIRED = True


def code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def verified(user):
    from allauth.account.models import EmailAddress

    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def coordinator(organisations):
    from django.contrib.auth.models import Group

    user = verified(make_coordinator(organisations["MHU"]))
    group, _ = Group.objects.get_or_create(name="Koordinatorer")
    group.permissions.add(admin_access_permission())
    user.groups.add(group)
    return user


def log_in(client, user, next_url="/admin/"):
    return client.post(
        f"/konto/login/?next={next_url}", {"login": user.email, "password": PASSWORD}
    )


@pytest.fixture(autouse=True)
def commit_callbacks(monkeypatch):
    """allauth announces a new authenticator on commit; run such callbacks as they come."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: func())


def set_up_totp(client, user):
    """What a staff member does the first time: password again, then a code from the app."""
    activate = "/konto/2fa/totp/activate/?next=/admin/"
    response = client.get(activate)
    if "/konto/reauthenticate/" in response.get("Location", ""):
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(activate)
    secret = re.search(r'value="([A-Z2-7]{16,})"', response.content.decode())[1]
    done = client.post("/konto/2fa/totp/activate/", {"code": code(secret)})
    assert done.status_code == 302
    return secret


def test_the_admins_password_only_login_is_replaced_by_the_sites(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/")["Location"].startswith("/konto/login/")


def test_a_staff_member_without_totp_must_set_it_up_before_the_admin(client, coordinator):
    log_in(client, coordinator)
    response = client.get("/admin/pameldinger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/totp/activate/")
    set_up_totp(client, coordinator)
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert Authenticator.objects.filter(user=coordinator, type="recovery_codes").exists()
    assert client.get("/admin/pameldinger/").status_code == 200


def test_with_totp_the_password_alone_does_not_open_the_admin(client, coordinator):
    log_in(client, coordinator)
    secret = set_up_totp(client, coordinator)
    client.logout()
    response = log_in(client, coordinator)
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert client.get("/admin/pameldinger/").status_code == 302  # not logged in yet
    wrong = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/admin/pameldinger/").status_code == 302
    client.post("/konto/2fa/authenticate/", {"code": code(secret, 1)})
    assert client.get("/admin/pameldinger/").status_code == 200


def test_a_recovery_code_also_works(client, coordinator):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    log_in(client, coordinator)
    set_up_totp(client, coordinator)
    client.logout()
    recovery = RecoveryCodes(
        Authenticator.objects.get(user=coordinator, type="recovery_codes")
    ).get_unused_codes()[0]
    log_in(client, coordinator)
    client.post("/konto/2fa/authenticate/", {"code": recovery})
    assert client.get("/admin/pameldinger/").status_code == 200


def test_a_session_without_the_second_factor_is_sent_to_log_in_again(client, coordinator):
    log_in(client, coordinator)
    set_up_totp(client, coordinator)
    client.logout()
    client.force_login(coordinator)  # e.g. a session from before the account became staff
    response = client.get("/admin/pameldinger/")
    assert response["Location"].startswith("/konto/login/")
    assert client.get("/min-side/").status_code == 302  # and it was logged out


def test_participants_are_not_forced_but_may_turn_it_on(client, organisations):
    participant = make_participant(organisations["MHU"])
    verified(participant.user)
    log_in(client, participant.user, next_url="/min-side/")
    page = client.get("/min-side/")
    assert page.status_code == 200
    assert 'href="/konto/2fa/"' in page.content.decode()
    assert client.get("/konto/2fa/").status_code == 200

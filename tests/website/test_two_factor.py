"""Staff reach the admin — and every page but the account pages — only with two-factor
authentication (TOTP); they set it up only through a one-time link from an administrator.
Participants may use it."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

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


def through_a_set_up_link(client, user):
    """An administrator's link, used: then the password (the link leads to the log-in)."""
    from website.staff_setup import link_path

    user.refresh_from_db()  # (the link holds the account's state, last log-in included)
    link = link_path(user)
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"
    log_in(client, user, next_url="/konto/2fa/totp/activate/")
    return link


def activation_page(client):
    """The TOTP set-up page (allauth asks for the password once more before it)."""
    response = client.get("/konto/2fa/totp/activate/")
    if "/konto/reauthenticate/" in response.get("Location", ""):
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get("/konto/2fa/totp/activate/")
    return response


def set_up_totp(client, user):
    """What a staff member does the first time: through the link, then a code from the app."""
    through_a_set_up_link(client, user)
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
    assert response["Location"] == "/konto/tofaktor/kreves/"
    client.logout()
    set_up_totp(client, coordinator)
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert Authenticator.objects.filter(user=coordinator, type="recovery_codes").exists()
    assert client.get("/admin/pameldinger/").status_code == 200


def test_with_totp_the_password_alone_does_not_open_the_admin(client, coordinator):
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

    set_up_totp(client, coordinator)
    client.logout()
    recovery = RecoveryCodes(
        Authenticator.objects.get(user=coordinator, type="recovery_codes")
    ).get_unused_codes()[0]
    log_in(client, coordinator)
    client.post("/konto/2fa/authenticate/", {"code": recovery})
    assert client.get("/admin/pameldinger/").status_code == 200


def test_a_session_without_the_second_factor_is_sent_to_log_in_again(client, coordinator):
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


# Without a second factor, nothing but the account pages ----------------------------------------


def test_with_the_password_only_a_staff_account_sees_no_participant_data(client, coordinator):
    """Today's hole: a coordinator without TOTP downloaded members' certificates."""
    log_in(client, coordinator, next_url="/min-side/")
    for url in ("/min-side/", "/min-side/kursbevis/1/", "/admin/pameldinger/", "/samlinger/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/konto/tofaktor/kreves/"
    page = client.get("/konto/tofaktor/kreves/")
    assert page.status_code == 200
    assert "Be en administrator om en lenke for å sette opp" in page.content.decode()
    assert client.get("/konto/email/").status_code == 200  # the account pages stay open


def test_with_the_password_only_a_staff_account_cannot_enrol_an_authenticator(client, coordinator):
    log_in(client, coordinator)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    response = client.get("/konto/2fa/totp/activate/")
    assert response["Location"] == "/konto/tofaktor/kreves/"
    client.post("/konto/2fa/totp/activate/", {"code": "123456"})
    assert not Authenticator.objects.filter(user=coordinator).exists()


# The set-up link ----------------------------------------------------------------------------------


@pytest.fixture
def administrator(admin_user):
    return verified(admin_user)


def signed_in_with_totp(client, user):
    """A staff member who set up TOTP before, signed in with the password and a code."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert log_in(client, user)["Location"] == "/konto/2fa/authenticate/"
    assert client.post("/konto/2fa/authenticate/", {"code": code(secret)}).status_code == 302
    return client


def test_an_administrator_makes_a_link_that_is_emailed_and_shown(
    client, administrator, coordinator
):
    from django.core import mail

    signed_in_with_totp(client, administrator)
    form = client.get("/admin/tofaktor-lenker/")
    assert form.status_code == 200
    assert coordinator.email in form.content.decode()
    response = client.post("/admin/tofaktor-lenker/", {"user": coordinator.pk})
    assert response.status_code == 200
    shown = re.search(r'id="staff-setup-link">([^<]+)<', response.content.decode())[1]
    [email] = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert email.subject == "Sett opp tofaktorautentisering for Medvirk"
    assert shown in email.body
    assert "72 timer" in email.body
    link = shown.removeprefix("http://testserver")
    staff = Client()
    page = staff.get(link)
    assert page.status_code == 200
    assert coordinator.email in page.content.decode()
    assert staff.post(link).status_code == 302
    log_in(staff, coordinator, next_url="/konto/2fa/totp/activate/")
    assert activation_page(staff).status_code == 200


def test_the_link_works_once(client, coordinator):
    link = through_a_set_up_link(client, coordinator)
    again = Client()
    response = again.get(link)
    assert response.status_code == 404
    assert "Lenken er utløpt, allerede brukt" in response.content.decode()
    assert again.post(link).status_code == 404


def test_a_link_used_but_not_followed_by_a_log_in_is_still_used_up(coordinator):
    from website.staff_setup import link_path

    link = link_path(coordinator)
    assert Client().post(link).status_code == 302
    assert Client().post(link).status_code == 404


def test_the_link_expires(client, coordinator, settings, monkeypatch):
    from website.staff_setup import link_path, tokens

    link = link_path(coordinator)
    later = tokens._now() + timedelta(hours=settings.STAFF_SETUP_LINK_HOURS, seconds=5)
    monkeypatch.setattr(tokens, "_now", lambda: later)
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404


def test_a_link_for_one_account_lets_no_other_account_enrol(client, coordinator, organisations):
    from website.staff_setup import link_path

    other = verified(make_coordinator(organisations["BAR"]))
    other.groups.add(*coordinator.groups.all())
    assert client.post(link_path(coordinator)).status_code == 302
    log_in(client, other, next_url="/konto/2fa/totp/activate/")
    response = client.get("/konto/2fa/totp/activate/")
    assert response["Location"] == "/konto/tofaktor/kreves/"


def test_only_administrators_make_links(client, coordinator):
    signed_in_with_totp(client, coordinator)
    assert client.get("/admin/tofaktor-lenker/").status_code == 404
    assert client.post("/admin/tofaktor-lenker/", {"user": coordinator.pk}).status_code == 404


def test_the_bootstrap_command_prints_a_link_for_the_first_superuser(administrator):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("staff_setup_link", stdout=out)
    link = out.getvalue().strip()
    assert link.startswith("http://testserver/konto/tofaktor/oppsett/")
    client = Client()
    assert client.post(link.removeprefix("http://testserver")).status_code == 302
    log_in(client, administrator, next_url="/konto/2fa/totp/activate/")
    assert activation_page(client).status_code == 200

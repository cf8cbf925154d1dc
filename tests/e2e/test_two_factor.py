"""A staff member's first admin login: the password alone shows nothing but "ask an
administrator"; with the administrator's one-time set-up link they set up two-factor and are
in; the link does not work a second time."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
COORDINATOR = "koordinator.lfb@medvirk.localhost"


def sign_in(desk):
    desk.locator("input[name=login]").fill(COORDINATOR)
    desk.locator("input[name=password]").fill("medvirk-demo")
    desk.get_by_role("button", name="Logg inn").click()


def test_a_coordinator_sets_up_two_factor_with_an_administrators_link(demo_site, new_tab, settings):
    from website.staff_setup import staff_setup_link_create

    settings.STAFF_MFA_REQUIRED = True
    desk = new_tab()
    desk.goto("/admin/")
    expect(desk).to_have_url(re.compile(r"/konto/login/"))
    sign_in(desk)
    # The password alone: no admin, no participant data, and no way to enrol an authenticator.
    expect(desk.get_by_role("heading", level=1)).to_have_text("Tofaktorautentisering kreves")
    expect(desk.get_by_text("Be en administrator om en lenke")).to_be_visible()
    assert_accessible(desk)
    desk.goto("/konto/2fa/totp/activate/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Tofaktorautentisering kreves")

    # An administrator makes a link (the admin page and the e-mail show this address).
    coordinator = get_user_model().objects.get(email=COORDINATOR)
    link = staff_setup_link_create(user=coordinator).removeprefix(settings.WAGTAILADMIN_BASE_URL)
    desk.goto(link)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Sett opp tofaktorautentisering")
    expect(desk.get_by_text(COORDINATOR)).to_be_visible()
    assert_accessible(desk)
    desk.get_by_role("button", name="Gå videre til innlogging").click()
    expect(desk).to_have_url(re.compile(r"/konto/login/"))
    sign_in(desk)
    # allauth asks for the password once more before a security setting changes
    desk.wait_for_url(re.compile(r"/konto/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in desk.url:
        desk.locator("input[name=password]").fill("medvirk-demo")
        desk.get_by_role("button", name="Bekreft").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("autentiseringsapp")
    secret = re.search(r'value="([A-Z2-7]{16,})"', desk.content())[1]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    desk.locator("input[name=code]").fill(code)
    desk.locator("form button[type=submit]").last.click()
    expect(desk).to_have_url(re.compile(r"/konto/2fa/recovery-codes/"))
    desk.goto("/admin/")
    expect(desk.get_by_role("link", name="Påmeldinger")).to_be_visible()

    # The link was used: a second visit (anyone's) is told so.
    other = new_tab()
    other.goto(link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Lenken for oppsett virker ikke")
    expect(other.get_by_role("alert")).to_contain_text("allerede brukt")
    assert_accessible(other)

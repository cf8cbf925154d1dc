"""A staff member's first admin login: made to set up two-factor, then in."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_is_made_to_set_up_two_factor_on_first_admin_login(
    demo_site, new_tab, settings
):
    settings.STAFF_MFA_REQUIRED = True
    desk = new_tab()
    desk.goto("/admin/")
    expect(desk).to_have_url(re.compile(r"/konto/login/"))
    desk.locator("input[name=login]").fill("koordinator.lfb@medvirk.localhost")
    desk.locator("input[name=password]").fill("medvirk-demo")
    desk.get_by_role("button", name="Logg inn").click()
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

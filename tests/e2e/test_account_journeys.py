"""The account pages as a person uses them, in Norwegian and in English: sign up (with the step
indicator) → confirm the address from the e-mail → the profile; log in with "Husk meg"; reset a
forgotten password from the e-mail; set up two-factor and handle the recovery codes; look up a
certificate on /bevis/. Every page visited is checked with axe at phone and desktop width."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Et-godt-passord-2026"
IDA = "ida@medvirk.localhost"


def mailed_link(pattern: str) -> str:
    """The path of the last e-mail's link matching `pattern` (links carry the public address)."""
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", mail.outbox[-1].body).group(1)


def current_step(tab):
    return tab.locator("ol.steps [aria-current=step]")


def test_a_newcomer_signs_up_confirms_the_address_and_reaches_the_profile(demo_site, new_tab):
    tab = new_tab(*PHONE)
    tab.goto("/konto/signup/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Opprett konto")
    expect(current_step(tab)).to_have_text("Konto")
    assert_accessible(tab)
    tab.get_by_role("button", name="Opprett konto").click()
    # Nothing typed: an error summary linking to the fields, and each field says what is wrong.
    expect(tab.locator(".ds-error-summary")).to_be_visible()
    expect(tab.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    assert_accessible(tab)
    tab.get_by_label("E-post").fill("ny.deltaker@example.org")
    tab.get_by_label("Passord", exact=True).fill(PASSWORD)
    tab.get_by_label("Passord (igjen)").fill(PASSWORD)
    tab.get_by_role("button", name="Opprett konto").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    expect(current_step(tab)).to_have_text("Bekreft e-post")
    assert_accessible(tab)

    tab.goto(mailed_link("/konto/confirm-email/"))
    expect(tab.get_by_text("ny.deltaker@example.org")).to_be_visible()
    tab.get_by_role("button", name="Bekreft e-postadressen").click()
    expect(tab).to_have_url(re.compile(r"/min-side/profil/"))


def test_sign_up_in_english(demo_site, page, live_server, settings):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto("/konto/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    expect(current_step(page)).to_have_text("Account")
    page.get_by_label("Email").fill("new.participant@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(current_step(page)).to_have_text("Confirm e-mail")
    assert mail.outbox[-1].subject == "Confirm your e-mail address"
    page.goto(mailed_link("/konto/confirm-email/"))
    page.get_by_role("button", name="Confirm e-mail address").click()
    expect(page).to_have_url(re.compile(r"/min-side/profil/"))


def session_cookie(tab):
    return next(c for c in tab.context.cookies() if c["name"] == "sessionid")


@pytest.mark.parametrize("remember", [True, False])
def test_husk_meg_keeps_the_log_in_after_the_browser_closes(demo_site, new_tab, remember):
    tab = new_tab()
    tab.goto("/konto/login/")
    assert_accessible(tab)
    tab.get_by_label("E-post").fill(IDA)
    tab.get_by_label("Passord").fill("medvirk-demo")
    box = tab.get_by_role("checkbox", name="Husk meg")
    expect(box).not_to_be_checked()
    if remember:
        box.check()
    tab.get_by_role("button", name="Logg inn").click()
    expect(tab.get_by_role("heading", level=1, name="Min side")).to_be_visible()
    expires = session_cookie(tab)["expires"]
    assert (expires > time.time()) if remember else (expires == -1)


def test_a_wrong_password_gets_an_error_summary(demo_site, new_tab):
    tab = new_tab(*PHONE)
    tab.goto("/konto/login/")
    tab.get_by_label("E-post").fill(IDA)
    tab.get_by_label("Passord").fill("feil-passord")
    tab.get_by_role("button", name="Logg inn").click()
    expect(tab.locator(".ds-error-summary")).to_be_visible()
    assert_accessible(tab)


def test_a_forgotten_password_is_reset_from_the_e_mail(demo_site, new_tab):
    tab = new_tab(*PHONE)
    tab.goto("/konto/login/")
    tab.get_by_role("link", name="Glemt passordet?").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Glemt passordet?")
    assert_accessible(tab)
    tab.get_by_label("E-post").fill(IDA)
    tab.get_by_role("button", name="Send meg en lenke").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    assert_accessible(tab)
    tab.goto(mailed_link("/konto/password/reset/key/"))
    tab.get_by_label("Nytt passord", exact=True).fill(PASSWORD)
    tab.get_by_label("Nytt passord (igjen)").fill(PASSWORD)
    tab.locator("main form button[name=action]").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Passordet ditt er endret")
    assert_accessible(tab)
    tab.get_by_role("link", name="Logg inn").last.click()
    tab.get_by_label("E-post").fill(IDA)
    tab.get_by_label("Passord").fill(PASSWORD)
    tab.get_by_role("button", name="Logg inn").click()
    expect(tab.get_by_role("heading", level=1, name="Min side")).to_be_visible()


def test_a_participant_sets_up_two_factor_and_handles_the_recovery_codes(demo_site, new_tab):
    tab = new_tab()
    tab.goto("/konto/login/")
    tab.get_by_label("E-post").fill(IDA)
    tab.get_by_label("Passord").fill("medvirk-demo")
    tab.get_by_role("button", name="Logg inn").click()
    expect(tab.get_by_role("heading", level=1, name="Min side")).to_be_visible()
    tab.goto("/konto/2fa/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Tofaktorautentisering")
    assert_accessible(tab)
    tab.get_by_role("link", name="Sett opp en autentiseringsapp").click()
    tab.wait_for_url(re.compile(r"/konto/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in tab.url:
        tab.get_by_label("Passord").fill("medvirk-demo")
        tab.locator("main form button[type=submit]").first.click()
    expect(tab.locator("img.account-qr")).to_be_visible()
    assert_accessible(tab)
    secret = re.search(r'value="([A-Z2-7]{16,})"', tab.content())[1]
    tab.locator("input[name=code]").fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    tab.locator("main form button[type=submit]").last.click()
    expect(tab).to_have_url(re.compile(r"/konto/2fa/recovery-codes/"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reservekoder")
    codes = tab.get_by_label("Ubrukte koder").input_value().split()
    assert len(codes) >= 8
    download = tab.get_by_role("link", name="Last ned kodene")
    make_new = tab.get_by_role("link", name="Lag nye koder")
    expect(download).to_have_class(re.compile("ds-button"))
    expect(make_new).to_have_attribute("data-color", "danger")
    # Two actions, two buttons with space between them (not links running together).
    first, second = download.bounding_box(), make_new.bounding_box()
    assert (
        second["x"] >= first["x"] + first["width"] + 4
        or second["y"] >= first["y"] + first["height"]
    )
    assert_accessible(tab)

    make_new.click()
    expect(tab.get_by_text("De gamle kodene slutter å virke")).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("button", name="Lag nye koder").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reservekoder")
    assert tab.get_by_label("Ubrukte koder").input_value().split() != codes

    tab.goto("/konto/2fa/")
    expect(tab.get_by_role("link", name="Slå av tofaktorautentisering")).to_have_attribute(
        "data-color", "danger"
    )


def test_a_visitor_types_a_code_on_bevis_and_sees_valid_then_revoked(demo_site, new_tab):
    from certificates.models import Certificate

    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    tab = new_tab(*PHONE)
    tab.goto("/bevis/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sjekk et kursbevis")
    assert_accessible(tab)
    tab.get_by_label("Kode på kursbeviset").fill("hei")
    tab.get_by_role("button", name="Sjekk kursbeviset").click()
    expect(tab.locator(".ds-error-summary")).to_contain_text("Det er ikke en kode for kursbevis")
    assert_accessible(tab)
    typed = certificate.display_code.lower().replace("-", " ")
    tab.get_by_label("Kode på kursbeviset").fill(typed)
    tab.get_by_role("button", name="Sjekk kursbeviset").click()
    expect(tab).to_have_url(re.compile(rf"/bevis/{certificate.display_code}/$"))
    expect(tab.locator(".ds-alert[data-color=success]")).to_contain_text("Gyldig kursbevis")
    assert_accessible(tab)
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    tab.reload()
    expect(tab.locator(".ds-alert[data-color=danger]")).to_contain_text("Tilbakekalt")
    assert_accessible(tab)
    tab.goto("/bevis/AAAA-BBBB-CC/")
    expect(tab.get_by_text("Ingen kursbevis har denne koden")).to_be_visible()
    assert_accessible(tab)

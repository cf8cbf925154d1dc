"""Someone keeps guessing a password on the login form: after the limit the browser gets the
one 429 page, in Norwegian, saying when to try again, and it is accessible."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_too_many_log_in_attempts_get_the_rate_limit_page(site_tree, page):
    allowed, window_seconds = settings.RATE_LIMITS["login"]
    page.goto("/konto/login/")
    for n in range(allowed):
        page.locator("input[name=login]").fill(f"gjetter{n}@example.org")
        page.locator("input[name=password]").fill("feil-passord")
        with page.expect_navigation() as attempt:
            page.get_by_role("button", name="Logg inn").click()
        assert attempt.value.status == 200
        expect(page.locator("input[name=login]")).to_be_visible()  # the form again
    page.locator("input[name=login]").fill("gjetter@example.org")
    page.locator("input[name=password]").fill("feil-passord")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name="Logg inn").click()
    assert refused.value.status == 429
    assert 0 < int(refused.value.headers["retry-after"]) <= window_seconds
    expect(page.get_by_role("heading", level=1)).to_have_text("For mange forsøk")
    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"Vent litt og prøv igjen om \d+ minutt(er)?\.")
    )
    assert page.locator("html").get_attribute("lang") == "nb"
    assert_accessible(page)

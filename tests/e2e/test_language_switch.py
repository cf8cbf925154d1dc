"""The language switcher is a link (issue 20): a visitor gets no cookie until they choose a
language, pages come from the shared cache in the language chosen, and the switch works by
keyboard and passes axe on a phone and a wide screen."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/h17/shots"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "enabled": True}


def open_menu_on_a_phone(page, name):
    """On a phone the language switcher is in the folded menu (static/js/site.js)."""
    menu = page.get_by_role("button", name=name)
    if menu.is_visible():
        menu.click()


def cookie_names(page):
    return sorted(cookie["name"] for cookie in page.context.cookies())


def test_switching_language_by_link_sets_only_the_language_cookie(demo_site, page_cache, page):
    page.goto("/program/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert cookie_names(page) == []  # a visitor's page view sets no cookie
    open_menu_on_a_phone(page, "Meny")
    english = page.get_by_role("link", name="English")
    expect(english).to_have_attribute("hreflang", "en")
    page.screenshot(path=f"{SHOTS}/perf-language-switch-390.png")
    english.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{page.url.split('/program/')[0]}/program/")  # the same page
    assert cookie_names(page) == [settings.LANGUAGE_COOKIE_NAME]
    assert_accessible(page)

    page.reload()  # from the cache now, and still English
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # By keyboard: the link is reached with Tab and followed with Enter.
    open_menu_on_a_phone(page, "Menu")
    norwegian = page.get_by_role("link", name="Norsk (bokmål)")
    norwegian.focus()
    expect(norwegian).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert cookie_names(page) == [settings.LANGUAGE_COOKIE_NAME]
    assert_accessible(page)


def test_the_switcher_on_a_wide_screen(demo_site, page_cache, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    english = page.get_by_role("link", name="English")
    expect(english).to_be_visible()
    page.screenshot(path=f"{SHOTS}/perf-language-switch-1280.png")
    english.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Norsk (bokmål)")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/perf-language-switch-en-1280.png")
    assert_accessible(page)

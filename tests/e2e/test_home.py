"""A first visit: the front page in Norwegian, switching to English, keyboard use, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_front_page_is_norwegian_even_for_an_english_browser(demo_site, page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medvirk")
    expect(page.get_by_text("Ett felles opplæringsprogram")).to_be_visible()
    footer = page.get_by_role("contentinfo")
    for name in (
        "Mental Helse Ungdom",
        "Barn av rusmisbrukere",
        "Landsforeningen for barnevernsbarn",
    ):
        expect(footer.get_by_text(name, exact=True)).to_be_visible()


def open_menu_on_a_phone(page):
    """On a phone the language switcher is in the folded menu (static/js/site.js)."""
    menu = page.get_by_role("button", name="Meny")
    if menu.is_visible():
        menu.click()


def test_language_switch_shows_english_and_remembers_it(demo_site, page):
    page.goto("/")
    open_menu_on_a_phone(page)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("One shared training programme")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    page.goto("/")  # a new page load keeps the choice
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Norsk (bokmål)").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_text("Ett felles opplæringsprogram")).to_be_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_site, page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.parametrize("language_button", [None, "English"])
def test_front_page_has_no_wcag_violations(demo_site, page, language_button):
    page.goto("/")
    if language_button:
        open_menu_on_a_phone(page)
        page.get_by_role("link", name=language_button).click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_front_page_is_usable_on_a_wide_screen_too(demo_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    assert_accessible(page)
    # Nothing overflows sideways on a phone-sized screen either.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320

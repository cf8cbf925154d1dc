"""The frame of every page: the header's folding menu on a phone (mouse and keyboard), the
full menu on a desktop, and the home page's call to action leading to a gathering."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

MENU_LINKS = ["Forside", "Opplæringsprogrammet", "Samlinger", "Søk"]


def test_the_phone_menu_folds_and_opens_with_the_mouse_and_the_keyboard(demo_site, new_tab):
    page = new_tab(390, 844)
    page.goto("/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 100
    button = page.get_by_role("button", name="Meny")
    nav = page.get_by_role("navigation", name="Hovedmeny")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    # Log in stays one tap away, outside the menu.
    expect(page.get_by_role("link", name="Logg inn")).to_be_visible()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    for name in MENU_LINKS:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="English")).to_be_visible()
    assert_accessible(page)

    # Escape closes it and gives focus back to the button; Enter and Space open it again.
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Forside", exact=True)).to_be_focused()
    button.focus()
    page.keyboard.press("Space")
    expect(nav).to_be_hidden()

    # The menu's links work.
    button.click()
    nav.get_by_role("link", name="Samlinger", exact=True).click()
    expect(page).to_have_url(re.compile(r"/samlinger/$"))
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()


def test_the_desktop_header_shows_the_whole_menu_in_one_row(demo_site, new_tab):
    page = new_tab(1280, 900)
    page.goto("/program/")
    expect(page.get_by_role("button", name="Meny")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Hovedmeny")
    expect(nav).to_be_visible()
    current = nav.get_by_role("link", name="Opplæringsprogrammet", exact=True)
    expect(current).to_have_attribute("aria-current", "page")
    assert page.locator(".site-header").bounding_box()["height"] <= 100
    # The page uses the width: the content is wider than the old 560 px column.
    assert page.locator("main").bounding_box()["width"] > 1000
    assert_accessible(page)


def test_the_home_page_says_what_medvirk_is_and_its_call_to_action_leads_to_a_gathering(
    demo_site, new_tab
):
    page = new_tab(390, 844)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medvirk")
    gatherings = page.get_by_role("region", name="Neste samlinger")
    expect(gatherings.locator("article").first).to_be_visible()
    path = page.get_by_role("region", name="Tre nivåer, én vei")
    expect(path.get_by_role("listitem")).to_have_count(3)
    assert_accessible(page)

    cta = gatherings.get_by_role("link", name=re.compile(r"^Søk plass")).first
    expect(cta).to_be_visible()
    cta.click()
    expect(page).to_have_url(re.compile(r"/samlinger/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_course_path_links_to_the_course_pages(demo_site, new_tab):
    page = new_tab(1280, 900)
    page.goto("/")
    path = page.get_by_role("region", name="Tre nivåer, én vei")
    path.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/program/[\w-]+/$"))
    expect(page.get_by_role("complementary").first).to_be_visible()

"""The curriculum as people meet it: editors write, two reviewers approve, visitors read,
search and print — and every public curriculum page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)

MODULE_URL = "/program/nye-brukermedvirkere/retten-til-a-bli-hort/"
NEW_MODULE_URL = "/program/viderekomne/likepersonsarbeid-i-praksis/"


def approve_from_dashboard(tab, email, title):
    log_in(tab, email)
    row = tab.locator("tr", has_text=title)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Handlinger").click()
    row.get_by_role("button", name="Godkjenn", exact=True).click()
    expect(tab.locator("tr", has_text=title)).to_have_count(0)


def test_an_editor_writes_a_module_two_reviewers_approve_and_a_visitor_reads_it(demo_site, new_tab):
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="viderekomne", locale__language_code="nb")
    editor = new_tab()
    log_in(editor, "redaktor.mhu@medvirk.localhost")
    editor.goto(f"/admin/pages/{course.pk}/add_subpage/")
    editor.locator("#id_title").fill("Likepersonsarbeid i praksis")
    editor.locator("#id_summary").fill("Hvordan du støtter andre med din egen erfaring.")
    # Wagtail fills the slug from the title in the browser once the title field is left; on a
    # busy machine the form could otherwise be submitted first ("validation errors").
    expect(editor.locator("#id_slug")).to_have_value("likepersonsarbeid-i-praksis")
    editor.locator("[data-contentpath=learning_objectives] [contenteditable=true]").click()
    editor.keyboard.type("Forstå hva en likeperson gjør")
    editor.locator("#id_duration_minutes").fill("60")
    editor.get_by_label("Individnivå").check()
    editor.get_by_label("Mental Helse Ungdom (MHU)").check()
    body = editor.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").click()
    editor.locator(".w-combobox__option", has_text="Tekst").click()
    text_editor = body.get_by_role("textbox").first
    expect(text_editor).to_be_visible()
    text_editor.click()
    editor.keyboard.type("En likeperson deler erfaring for å gi andre håp.")
    # Draftail copies its content into the form's hidden input after a short pause.
    expect(editor.locator("#id_learning_objectives")).to_have_value(re.compile("likeperson gjør"))
    expect(editor.locator("input[name='body-0-value']")).to_have_value(re.compile("gi andre håp"))
    footer = editor.locator("footer")
    expect(footer.get_by_role("button", name="Publiser")).to_have_count(0)  # editors can't
    footer.get_by_role("button", name="Flere handlinger").click()
    footer.get_by_role("button", name="Send inn til Godkjenning av opplæringsprogrammet").click()
    expect(editor.get_by_text("er opprettet og sendt til godkjenning")).to_be_visible()

    visitor = new_tab(390, 844)
    assert visitor.goto(NEW_MODULE_URL).status == 404

    approve_from_dashboard(
        new_tab(), "bruker.godkjenner@medvirk.localhost", "Likepersonsarbeid i praksis"
    )
    assert visitor.goto(NEW_MODULE_URL).status == 404  # one approval is not enough

    approve_from_dashboard(
        new_tab(), "faglig.godkjenner@medvirk.localhost", "Likepersonsarbeid i praksis"
    )
    assert visitor.goto(NEW_MODULE_URL).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Likepersonsarbeid i praksis")
    expect(visitor.get_by_text("En likeperson deler erfaring for å gi andre håp.")).to_be_visible()
    visitor.goto("/program/viderekomne/")
    expect(visitor.get_by_role("link", name="Likepersonsarbeid i praksis")).to_be_visible()


def test_curriculum_pages_have_no_wcag_violations(demo_site, page):
    for url in ["/program/", "/program/nye-brukermedvirkere/", MODULE_URL, "/sok/?q=rettighetene"]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.get_by_role("button", name="Meny").click()  # on a phone the switcher is in the menu
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for url in ["/program/", "/program/nye-brukermedvirkere/", MODULE_URL]:
        page.goto(url)
        assert_accessible(page)


def test_a_visitor_searches_from_the_menu_and_opens_a_module(demo_site, page):
    page.goto("/")
    page.get_by_role("button", name="Meny").click()  # a phone: the menu is folded
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Søk").click()
    page.get_by_label("Søk etter").fill("rettighetene")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("treff for «rettighetene»")
    result = page.get_by_role("link", name="Retten til å bli hørt")
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retten til å bli hørt")
    expect(page.get_by_role("link", name="Neste modul")).to_be_visible()


def test_a_module_prints_as_a_clean_handout_without_facilitator_notes(demo_site, new_tab):
    coordinator = new_tab()
    log_in(coordinator, "koordinator.bar@medvirk.localhost")
    coordinator.goto(MODULE_URL)
    facilitator = coordinator.locator(".facilitator").first
    expect(facilitator).to_be_visible()  # on screen, the coordinator sees the notes
    coordinator.emulate_media(media="print")
    expect(coordinator.get_by_role("heading", level=1)).to_be_visible()
    expect(coordinator.get_by_role("heading", name="Du har rettigheter")).to_be_visible()
    for hidden in [
        ".site-nav",
        ".ds-breadcrumbs",
        ".toc",
        ".pager",
        ".site-footer",
        ".language-switcher",
    ]:
        expect(coordinator.locator(hidden).first).to_be_hidden()
    expect(facilitator).to_be_hidden()
    pdf = coordinator.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_visitors_never_see_facilitator_notes(demo_site, page):
    page.goto("/program/nye-brukermedvirkere/hva-er-brukermedvirkning/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "fasilitatorhemmelighet" not in page.content()
    expect(page.locator(".facilitator")).to_have_count(0)

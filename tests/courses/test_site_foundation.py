"""The foundation of every page: Designsystemet served, robots.txt, the sitemap on the public
address, the search matching word forms on every database, the error pages."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from tests.factories import make_module

pytestmark = pytest.mark.django_db


def test_designsystemet_and_our_theme_are_served_as_static_files():
    # `npm ci` (make setup / make test) copies the package's CSS; the theme is committed.
    components = finders.find("vendor/designsystemet/designsystemet.css")
    assert components, "run `npm ci` (scripts/ensure-node.sh) to copy Designsystemet's CSS"
    with open(components, encoding="utf-8") as css:
        assert ".ds-button" in css.read()
    with open(finders.find("css/theme.css"), encoding="utf-8") as css:
        assert "--ds-color-primary-base-default" in css.read()


def test_every_page_loads_the_system_then_the_theme_then_our_layout(client, modules):
    html = client.get("/").content.decode()
    sheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert sheets[:3] == [
        "vendor/designsystemet/designsystemet.css",
        "css/theme.css",
        "css/site.css",
    ]
    assert 'class="ds-skip-link" href="#main"' in html
    # Scripts are our static files only, none inline (CSP): early.js before the first paint
    # (the phone menu is drawn folded), site.js deferred.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/js/early.js">',
        '<script src="/static/js/site.js" defer>',
    ]


def test_robots_txt_keeps_crawlers_out_of_private_paths_and_names_the_public_sitemap(
    client, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://medvirk.example.no"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/konto/", "/min-side/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    # Where a newcomer starts is findable, above the rule that closes the rest of /konto/.
    for path in ("/konto/login/", "/konto/signup/"):
        assert lines.index(f"Allow: {path}") < lines.index("Disallow: /konto/")
    assert "Sitemap: https://medvirk.example.no/sitemap.xml" in lines


def test_the_sitemap_uses_the_configured_public_address_not_the_request_host(
    client, modules, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://medvirk.example.no"
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert locations
    assert all(loc.startswith("https://medvirk.example.no/") for loc in locations)
    assert "https://medvirk.example.no/program/nye/hva-er/" in locations
    assert "localhost" not in xml


def test_search_finds_barnevern_in_barnevernet_on_this_database(client, course):
    # PostgreSQL: the Norwegian stemmer; SQLite: each word is a prefix (website/search_backends.py).
    body = [{"type": "paragraph", "value": "<p>Om barnevernet og rettighetene dine.</p>"}]
    make_module(course, title="Barnevernsmodul", slug="barnevernsmodul", body=body)
    html = client.get("/sok/", {"q": "barnevern"}).content.decode()
    assert "Barnevernsmodul" in html
    html = client.get("/sok/", {"q": "barnevern rettighet"}).content.decode()
    assert "Barnevernsmodul" in html
    assert "Barnevernsmodul" not in client.get("/sok/", {"q": "styrearbeid"}).content.decode()


def test_a_missing_page_is_a_styled_404_with_a_way_on(client, site_tree):
    response = client.get("/finnes-ikke-her/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Fant ikke siden" in html or "Page not found" in html
    assert 'class="ds-button"' in html and 'href="/"' in html
    assert 'type="search"' in html


def test_the_500_page_stands_alone_and_uses_the_system():
    html = render_to_string("500.html")
    assert "designsystemet.css" in html
    assert 'class="ds-alert" data-color="danger"' in html
    assert "Noe gikk galt" in html and "Something went wrong" in html


def test_the_module_page_has_a_table_of_contents_from_its_headings(client, course):
    body = [
        {"type": "heading", "value": {"text": "Første del", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Tekst.</p>"},
        {"type": "heading", "value": {"text": "Underpunkt", "level": "h3"}},
        {"type": "heading", "value": {"text": "Andre del", "level": "h2"}},
    ]
    module = make_module(course, title="Modul med innhold", slug="innhold", body=body)
    html = client.get(module.url).content.decode()
    toc = html.split('aria-labelledby="toc-heading"')[1].split("</nav>")[0]
    assert re.findall(r'href="#([^"]+)"', toc) == ["learning-objectives", "første-del", "andre-del"]
    assert 'id="første-del"' in html and 'id="andre-del"' in html

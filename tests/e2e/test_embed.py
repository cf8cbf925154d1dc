"""An organisation's own site shows Medvirk's upcoming gatherings (issue 19): the snippet
(static/js/samlinger-embed.js) on a page of another origin inserts the frame of
/samlinger/innebygd/, which the browser lets it show, sized to its content; the list is
accessible, and its links open Medvirk in a new tab and say so."""

import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.factories import make_gathering

pytestmark = pytest.mark.django_db(transaction=True)

HOST_PAGE = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>Mental Helse Ungdom</title></head>
<body><main><h1>Bli brukermedvirker</h1>
<script src="{medvirk}/static/js/samlinger-embed.js" data-level="new" async></script>
<p>Tekst etter rammen.</p></main></body></html>"""


@pytest.fixture
def organisation_site(live_server):
    """Another origin (another port on 127.0.0.1; Medvirk's live server is on localhost) that
    serves the organisation's page with the snippet pasted in."""
    body = HOST_PAGE.format(medvirk=live_server.url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_list_on_another_site_in_a_frame_sized_to_fit(organisation_site, page, organisations):
    # organisation_site first: it must outlive `page`, whose teardown checks every page the
    # tab visited (the organisation's page too) with axe.
    make_gathering(organisations, title="Samling for nye i Bodø", venue_name="Thon Hotel Nordlys")
    make_gathering(organisations, title="Samling for viderekomne", level="advanced")

    page.goto(organisation_site)
    frame = page.frame_locator("iframe[title='Medvirk: kommende samlinger']")
    link = frame.get_by_role("link", name="Samling for nye i Bodø (åpnes i ny fane)")
    expect(link).to_be_visible()
    expect(frame.get_by_text("Thon Hotel Nordlys")).to_be_visible()
    expect(frame.get_by_text("Samling for viderekomne")).to_have_count(0)  # data-level="new"
    expect(frame.get_by_text("Åpen for søknader")).to_be_visible()
    # The frame grows to its content (embed-frame.js → samlinger-embed.js), so the page's
    # own text follows the list instead of a scrollbar inside the frame.
    page.wait_for_function("() => document.querySelector('iframe').style.height.endsWith('px')")
    content = frame.locator("html").evaluate("html => html.getBoundingClientRect().height")
    shown = page.locator("iframe").evaluate("frame => frame.getBoundingClientRect().height")
    assert abs(shown - content) <= 2, (shown, content)

    with page.expect_popup() as opened:
        link.click()
    gathering_page = opened.value
    expect(gathering_page.get_by_role("heading", level=1)).to_have_text("Samling for nye i Bodø")
    gathering_page.close()


def test_the_embeddable_list_is_accessible_in_both_languages(page, organisations):
    make_gathering(organisations, title="Samling", title_en="Gathering for new ones")
    page.goto("/samlinger/innebygd/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommende samlinger")
    expect(page.locator("header, footer, nav")).to_have_count(0)  # no site chrome
    assert_accessible(page)
    page.goto("/samlinger/innebygd/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(
        page.get_by_role("link", name="Gathering for new ones (opens in a new tab)")
    ).to_be_visible()
    assert_accessible(page)

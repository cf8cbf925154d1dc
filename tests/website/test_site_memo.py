"""The site memo (website/sitememo.py): what pages read about the site, kept per process while
the pages generation lasts — never outside a request, never for a preview, never grown by
made-up paths."""

import pytest

from website import sitememo

pytestmark = pytest.mark.django_db


def test_outside_a_request_nothing_is_kept():
    calls = []
    for _ in range(2):
        sitememo.remember("outside", lambda: calls.append(1) or "value")
    assert len(calls) == 2


def test_inside_a_request_a_value_is_built_once_until_something_changes(site_tree):
    from website.pagecache import generation_bump

    calls = []

    def build():
        calls.append(1)
        return "value"

    token = sitememo.request_begin()
    try:
        assert sitememo.remember("inside", build) == "value"
        assert sitememo.remember("inside", build) == "value"
        assert len(calls) == 1
        generation_bump("pages")  # an editor published something in this process
        sitememo.remember("inside", build)
        assert len(calls) == 2
    finally:
        sitememo.request_end(token)


def test_a_preview_is_never_answered_from_the_memo(site_tree, rf):
    request = rf.get("/")
    request.is_preview = True
    token = sitememo.request_begin()
    try:
        sitememo.remember("preview", lambda: "live", request=None)
        assert sitememo.remember("preview", lambda: "draft", request=request) == "draft"
    finally:
        sitememo.request_end(token)


def test_paths_that_name_no_page_do_not_grow_the_memo(client, site_settings):
    client.get("/")
    client.get("/finnes-ikke/")  # the 404 page's own look-ups
    size = len(sitememo._memo["values"])
    for number in range(30):
        assert client.get(f"/finnes-ikke-{number}/").status_code == 404
    assert len(sitememo._memo["values"]) == size

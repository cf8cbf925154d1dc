"""Pages that show gatherings cost the same number of queries with one gathering as with six
(issue 20: each card's status read its seats with two queries of its own), and every public
page type stays within its ceiling when it is not served from the cache."""

import pytest

from tests.factories import make_course, make_gathering, make_module, make_programme
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

# Uncached, anonymous (issue 20: at most 8 each; the page cache serves a visitor any of them
# in one query: tests/website/test_page_cache.py). What every page reads about the site comes
# from the site memo (website/sitememo.py); tests/courses/test_query_counts.py pins the
# curriculum pages for 4 and 40 modules and that an editor's change shows at once.
PAGE_BUDGET = 8


@pytest.fixture
def pages(site_tree, site_settings, organisations):
    programme = make_programme(site_tree)
    course = make_course(programme, level="new", slug="nye", title="Kurs for nye")
    module = make_module(course, title="Modul", slug="modul", organisations=[])
    return {
        "home": "/",
        "programme": programme.url,
        "course": course.url,
        "module": module.url,
        "list": "/samlinger/",
    }


def gatherings(organisations, count):
    return [make_gathering(organisations, level="new") for _ in range(count)]


def test_pages_showing_gatherings_do_not_grow_with_them(client, organisations, pages):
    (first,) = gatherings(organisations, 1)
    one = {name: queries_for(client, url) for name, url in pages.items()}
    one["gathering"] = queries_for(client, f"/samlinger/{first.slug}/")
    gatherings(organisations, 5)
    six = {name: queries_for(client, url) for name, url in pages.items()}
    six["gathering"] = queries_for(client, f"/samlinger/{first.slug}/")
    assert six == one
    for name, count in six.items():
        assert count <= PAGE_BUDGET, (name, count)

"""Course and module pages cost the same number of queries with 4 modules as with 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_course, make_module

pytestmark = pytest.mark.django_db

# Ceilings measured when the pages were written; a rise means a new query per request.
COURSE_PAGE_QUERIES = 17  # +1: upcoming gatherings of the level; +1: the shared cache
# Issue 20: the home page routes by url_path (two queries, not two per level) and the module
# page finds its course in the breadcrumbs and its neighbours in one query: 20 → 16.
MODULE_PAGE_QUERIES = 16


def queries_to_render(client, url):
    client.get(url)  # warm the caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def course_with(programme, organisations, count, level, slug):
    course = make_course(programme, level=level, slug=slug, title=f"Kurs {slug}")
    modules = [
        make_module(
            course,
            title=f"Modul {n}",
            slug=f"modul-{n}",
            minutes=45,
            organisations=[organisations["MHU"], organisations["BAR"]],
        )
        for n in range(count)
    ]
    return course, modules


def test_course_and_module_pages_do_not_grow_with_the_number_of_modules(
    client, programme, organisations
):
    small, small_modules = course_with(programme, organisations, 4, "new", "fire")
    large, large_modules = course_with(programme, organisations, 40, "advanced", "forti")

    course_small = queries_to_render(client, small.url)
    course_large = queries_to_render(client, large.url)
    assert course_small == course_large
    assert course_large <= COURSE_PAGE_QUERIES

    module_small = queries_to_render(client, small_modules[2].url)
    module_large = queries_to_render(client, large_modules[20].url)
    assert module_small == module_large
    assert module_large <= MODULE_PAGE_QUERIES


def test_the_programme_page_does_not_grow_with_courses_or_modules(client, programme, organisations):
    course_with(programme, organisations, 4, "new", "fire")
    few = queries_to_render(client, programme.url)
    course_with(programme, organisations, 40, "advanced", "forti")
    course_with(programme, organisations, 10, "communicator", "ti")
    assert queries_to_render(client, programme.url) == few

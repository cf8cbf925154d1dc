"""The curriculum pages within their query budget (issue 20: at most 8 when not served from the
page cache), the same for 4 modules as for 40, and a change an editor makes shows on the next
page view (the site memo, website/sitememo.py, keeps what pages read about the site only while
nothing changed). The home page, /samlinger/ and a gathering's page:
tests/cohorts/test_page_query_counts.py."""

import pytest

from tests.factories import make_course, make_module
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

# Issue 20: a page's queries when the page cache does not answer (a logged-in person, or the
# first visitor after the stored copy aged out). What every page reads about the site (the
# Site, the Locale, the menu, the footer, the routing, the home page, the breadcrumbs) comes
# from the site memo: the page's own content and a gathering's seats are what is left.
PAGE_BUDGET = 8


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
    client, programme, organisations, site_settings
):
    small, small_modules = course_with(programme, organisations, 4, "new", "fire")
    large, large_modules = course_with(programme, organisations, 40, "advanced", "forti")

    course_small = queries_for(client, small.url)
    course_large = queries_for(client, large.url)
    assert course_small == course_large
    assert course_large <= PAGE_BUDGET

    module_small = queries_for(client, small_modules[2].url)
    module_large = queries_for(client, large_modules[20].url)
    assert module_small == module_large
    assert module_large <= PAGE_BUDGET


def test_the_programme_page_does_not_grow_with_courses_or_modules(
    client, programme, organisations, site_settings
):
    course_with(programme, organisations, 4, "new", "fire")
    few = queries_for(client, programme.url)
    course_with(programme, organisations, 40, "advanced", "forti")
    course_with(programme, organisations, 10, "communicator", "ti")
    many = queries_for(client, programme.url)
    assert many == few
    assert many <= PAGE_BUDGET


def test_a_logged_in_person_is_within_the_same_budget(
    client, programme, organisations, site_settings, user
):
    """The page cache never answers a logged-in person (rule 9), so the memo is what keeps
    their page views cheap."""
    _course, modules = course_with(programme, organisations, 4, "new", "fire")
    client.force_login(user)
    # Two more than anonymous: the session and the user.
    assert queries_for(client, modules[1].url) <= PAGE_BUDGET + 2


def test_what_an_editor_changes_shows_on_the_next_page_view(
    client, programme, organisations, site_settings
):
    from wagtail.models import Site

    from website.models import NavigationSettings

    course, modules = course_with(programme, organisations, 4, "new", "fire")
    client.get(modules[1].url)  # the memo now holds the menu, the routes, the neighbours

    # A new module between two others: the neighbours' links change.
    inserted = make_module(course, title="Ny modul", slug="ny-modul", minutes=30)
    assert inserted.url in client.get(modules[3].url).content.decode()

    # The module's title, published again.
    revision = modules[1].save_revision()
    modules[1].title = "Endret tittel"
    revision = modules[1].save_revision()
    revision.publish()
    assert "Endret tittel" in client.get(modules[1].url).content.decode()

    # Unpublished: no longer served, and gone from its neighbour's links.
    modules[2].unpublish()
    assert client.get(modules[2].url).status_code == 404
    assert modules[2].url not in client.get(modules[3].url).content.decode()

    # The menu.
    site = Site.objects.get(is_default_site=True)
    menu = NavigationSettings.for_site(site)
    menu.links = [("link", {"url": "https://example.org/", "label": "Ny lenke i menyen"})]
    menu.save()
    assert "Ny lenke i menyen" in client.get(modules[1].url).content.decode()


def test_a_page_made_private_is_refused_at_once(client, programme, organisations, site_settings):
    """The view restrictions are read from the memo: a new one applies to the next request."""
    from wagtail.models import PageViewRestriction

    course, modules = course_with(programme, organisations, 4, "new", "fire")
    assert client.get(modules[1].url).status_code == 200
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(modules[1].url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_change_another_process_made_shows_here_once_its_generation_is_read(
    client, programme, organisations, site_settings
):
    """Another app server saved a page: this process learns it from the shared `pages`
    generation (read once per request), not from its own signals."""
    from django.core.cache import cache
    from wagtail.models import Page

    from website import pagecache

    _course, modules = course_with(programme, organisations, 4, "new", "fire")
    client.get(modules[1].url)  # the memo holds the neighbours' titles
    # What the other process did: its rows (no signal here), then its new generation.
    Page.objects.filter(pk=modules[2].pk).update(title="Endret et annet sted")
    assert "Endret et annet sted" not in client.get(modules[1].url).content.decode()
    cache.set(pagecache._generation_key("pages"), "the other process's generation", None)
    assert "Endret et annet sted" in client.get(modules[1].url).content.decode()

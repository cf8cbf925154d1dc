"""Anonymous pages from the shared cache (issue 20, website/pagecache.py): no cookie, stored
per path and language, HTTP caching headers and 304s, stale when what they show changes, and
never for a logged-in person (design rule 9)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import parse_http_date

from tests.factories import (
    make_course,
    make_gathering,
    make_module,
    make_participant,
    make_programme,
)
from website import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, site_tree):
    """On, with the site's settings rows made (Wagtail makes them on first use, and that
    first use would start a new generation in the middle of a test)."""
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "enabled": True}
    site = Site.objects.get(is_default_site=True)
    FooterSettings.for_site(site)
    NavigationSettings.for_site(site)


@pytest.fixture
def programme(site_tree, organisations):
    return make_programme(site_tree)


@pytest.fixture
def curriculum(programme, organisations):
    course = make_course(programme, slug="nye", title="Kurs for nye")
    modules = [
        make_module(course, title=f"Modul {n}", slug=f"modul-{n}", organisations=[])
        for n in range(3)
    ]
    return course, modules


@pytest.fixture
def clock(monkeypatch):
    """The cache's clock, moved on by hand."""

    class Clock:
        offset = 0.0

        def advance(self, seconds):
            self.offset += seconds

    clock = Clock()
    real = pagecache.now
    monkeypatch.setattr(pagecache, "now", lambda: real() + clock.offset)
    return clock


def public_urls(programme, curriculum, gathering):
    course, modules = curriculum
    return [
        "/",
        programme.url,
        course.url,
        modules[1].url,
        "/samlinger/",
        f"/samlinger/{gathering.slug}/",
        "/bevis/",
        "/sitemap.xml",
    ]


def cache_state(response):
    return response.get("X-Page-Cache")


def test_no_anonymous_page_sets_a_cookie_and_each_comes_from_the_cache_the_second_time(
    client, programme, curriculum, organisations
):
    gathering = make_gathering(organisations)
    for url in public_urls(programme, curriculum, gathering):
        first = client.get(url)
        assert first.status_code == 200, url
        assert not first.cookies, (url, first.cookies)
        assert cache_state(first) == "miss", url
        second = client.get(url)
        assert cache_state(second) == "hit", url
        assert second.content == first.content
        assert not second.cookies
        assert "public" in second["Cache-Control"]
        assert "max-age=" in second["Cache-Control"]
        assert second["ETag"] == first["ETag"]
        assert second["Last-Modified"] == first["Last-Modified"]
        assert "Cookie" in second["Vary"]  # the language is chosen by a cookie


def test_a_page_from_the_cache_costs_one_query(client, programme, curriculum):
    _course, modules = curriculum
    client.get(modules[0].url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(modules[0].url)
    assert cache_state(response) == "hit"
    assert len(captured) == 1  # the entry and the generations in one look-up


def test_the_language_switcher_is_a_link_not_a_form(client, programme):
    html = client.get("/").content.decode()
    assert 'class="language-switcher"' in html
    assert 'href="/i18n/en/?next=/"' in html
    assert 'name="csrfmiddlewaretoken"' not in html


def test_the_language_link_sets_the_cookie_and_goes_back(client, programme):
    response = client.get("/i18n/en/", {"next": programme.url})
    assert response.status_code == 302
    assert response["Location"] == programme.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="en">' in client.get(programme.url).content.decode()


@pytest.mark.parametrize("next_url", ["https://example.com/", "//example.com/", ""])
def test_the_language_link_never_leaves_the_site(client, site_tree, next_url):
    response = client.get("/i18n/en/", {"next": next_url})
    assert response["Location"] == "/"


def test_an_unknown_language_is_not_found(client, site_tree):
    assert client.get("/i18n/sv/").status_code == 404


def test_pages_are_stored_per_language(client, programme):
    norwegian = client.get(programme.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(programme.url)
    assert cache_state(english) == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert cache_state(client.get(programme.url)) == "hit"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    again = client.get(programme.url)
    assert cache_state(again) == "hit"
    assert again.content == norwegian.content


def test_a_conditional_request_that_matches_gets_304(client, programme):
    first = client.get(programme.url)
    by_etag = client.get(programme.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(programme.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    other = client.get(programme.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_a_publish_makes_the_stored_page_stale(client, programme, curriculum):
    _course, modules = curriculum
    module = modules[1]
    client.get(module.url)
    module.title = "Et nytt navn på modulen"
    module.save_revision().publish()
    response = client.get(module.url)
    assert cache_state(response) == "miss"
    assert "Et nytt navn på modulen" in response.content.decode()


def test_an_unpublished_page_is_not_served_from_the_cache(client, programme, curriculum):
    _course, modules = curriculum
    client.get(modules[2].url)
    modules[2].unpublish()
    assert client.get(modules[2].url).status_code == 404


def test_a_moved_page_is_not_served_from_the_cache_at_its_old_address(
    client, programme, curriculum
):
    course, modules = curriculum
    old_url = modules[0].url
    other = make_course(programme, level="advanced", slug="videre", title="Kurs for viderekomne")
    client.get(old_url)
    modules[0].move(other, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's redirect to where it went
    assert response["Location"] == "/program/videre/modul-0/"


def test_a_change_to_a_gathering_makes_its_page_stale_at_once(client, organisations):
    gathering = make_gathering(organisations, capacity=20)
    url = f"/samlinger/{gathering.slug}/"
    client.get(url)
    gathering.title = "Samling med nytt navn"
    gathering.capacity = 3
    gathering.save()
    response = client.get(url)
    assert cache_state(response) == "miss"
    assert "Samling med nytt navn" in response.content.decode()


def test_seats_left_are_never_older_than_a_few_seconds(client, organisations, clock):
    """An application changes the seats left without a new generation (a rush would empty the
    cache many times a second): a page that shows seats is kept `seats_seconds` only."""
    from cohorts.services import enrolment_apply

    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    url = f"/samlinger/{gathering.slug}/"
    first = client.get(url)
    assert f"max-age={settings.PAGE_CACHE['seats_seconds']}" in first["Cache-Control"]
    enrolment_apply(
        participant=make_participant(organisations["MHU"]),
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    clock.advance(settings.PAGE_CACHE["seats_seconds"] - 1)
    assert cache_state(client.get(url)) == "hit"
    clock.advance(2)
    assert cache_state(client.get(url)) == "miss"


def test_a_page_without_seats_is_kept_longer(client, programme, curriculum, clock):
    _course, modules = curriculum
    first = client.get(modules[0].url)
    assert f"max-age={settings.PAGE_CACHE['max_age']}" in first["Cache-Control"]
    clock.advance(settings.PAGE_CACHE["seats_seconds"] + 1)
    assert cache_state(client.get(modules[0].url)) == "hit"
    clock.advance(settings.PAGE_CACHE["seconds"])
    assert cache_state(client.get(modules[0].url)) == "miss"


def test_a_change_to_the_footer_or_the_menu_makes_every_page_stale(client, programme):
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    site = Site.objects.get(is_default_site=True)
    client.get(programme.url)
    footer = FooterSettings.for_site(site)
    footer.about = "Ny tekst i bunnteksten."
    footer.save()
    response = client.get(programme.url)
    assert cache_state(response) == "miss"
    assert "Ny tekst i bunnteksten." in response.content.decode()
    navigation = NavigationSettings.for_site(site)
    navigation.save()
    assert cache_state(client.get(programme.url)) == "miss"


def test_no_logged_in_response_is_ever_served_from_or_stored_in_the_cache(
    client, programme, organisations
):
    client.get(programme.url)  # stored for visitors
    person = make_participant(organisations["MHU"])
    client.force_login(person.user)
    logged_in = client.get(programme.url)
    assert cache_state(logged_in) is None
    assert "no-store" in logged_in["Cache-Control"]
    assert "public" not in logged_in["Cache-Control"]
    gathering = make_gathering(organisations)
    url = f"/samlinger/{gathering.slug}/"
    assert "no-store" in client.get(url)["Cache-Control"]  # first asked by someone logged in
    client.logout()
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    assert cache_state(client.get(url)) == "miss"  # it was not stored


def test_a_visitor_with_a_session_cookie_gets_no_stored_page(client, programme):
    client.get(programme.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert cache_state(client.get(programme.url)) is None


def test_pages_with_a_form_that_posts_are_not_stored(client, organisations):
    gathering = make_gathering(organisations)
    response = client.get(f"/samlinger/{gathering.slug}/pamelding/")
    assert cache_state(response) is None


def test_a_query_string_is_not_stored(client, programme):
    assert cache_state(client.get(programme.url, {"utm_source": "x"})) is None


def test_a_page_from_the_cache_keeps_the_strict_content_security_policy(client, programme):
    client.get(programme.url)
    response = client.get(programme.url)
    assert cache_state(response) == "hit"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "nonce" not in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()  # no inline script to allow
    assert response["X-Frame-Options"] == "DENY"


def test_last_modified_is_when_the_page_was_rendered(client, programme, clock):
    before = int(pagecache.now())
    response = client.get(programme.url)
    clock.advance(30)
    assert cache_state(client.get(programme.url)) == "hit"
    assert before <= parse_http_date(response["Last-Modified"]) <= before + 1


def test_a_transaction_that_saves_many_rows_starts_one_generation_on_commit(
    organisations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(3):
            make_gathering(organisations)  # a gathering and three quotas each
    bumps = [c for c in callbacks if isinstance(c, pagecache._BumpOnCommit)]
    assert [bump.name for bump in bumps] == ["gatherings"]

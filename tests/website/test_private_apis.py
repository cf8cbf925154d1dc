"""Private APIs of allauth and Wagtail that we use because neither offers a public one for the
job. Both libraries are pinned in pyproject.toml; these tests say plainly what broke when an
upgrade moves or changes them."""

import inspect

import pytest
from allauth.account.authentication import get_authentication_records
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_allauth_still_records_a_sessions_factor_the_way_website_apps_calls_it(rf, user):
    try:
        from allauth.account.internal.flows.login import record_authentication
    except ImportError:
        pytest.fail(
            "allauth.account.internal.flows.login.record_authentication is gone: website/apps.py "
            "calls it to count setting up TOTP as the session's second factor. Find what allauth's "
            "own MFA login calls now (allauth/mfa/base/internal/flows.py) and use that."
        )
    parameters = inspect.signature(record_authentication).parameters
    assert list(parameters)[:3] == ["request", "user", "method"], (
        f"record_authentication{inspect.signature(record_authentication)} no longer takes "
        "(request, user, method, **extra): update second_factor_proved_on_setup in website/apps.py"
    )
    assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    # What it writes is what the staff 2FA check reads through allauth's public API.
    request = rf.get("/")
    request.session = SessionStore()
    request.user = user
    record_authentication(request, user, "mfa", type="totp")
    assert [r["method"] for r in get_authentication_records(request, user)] == ["mfa"], (
        "allauth's public get_authentication_records does not see the factor recorded "
        "by record_authentication: website.middleware.signed_in_with_second_factor would "
        "send every new TOTP user back to log in"
    )


def test_wagtail_still_keeps_the_route_where_serve_page_forgets_it(rf, site_tree):
    request = rf.get("/finnes-ikke/")
    assert Page.route_for_request(request, "/finnes-ikke/") is None
    assert hasattr(request, "_wagtail_route_for_request"), (
        "Wagtail no longer caches Page.route_for_request's answer as "
        "request._wagtail_route_for_request: website.views.serve_page deletes that to route "
        "an untranslated page again through the Norwegian tree. Find the new cache (or a "
        "public way) and update serve_page."
    )
    route = Page.route_for_request(request, "/")
    assert route is None, "the cached miss is returned, whatever the path asked next"


def test_wagtail_still_looks_up_what_the_site_memo_answers(rf, site_tree):
    """website/sitememo.py replaces three Wagtail look-ups inside a request: the Locale by
    language (LocaleManager.get_for_language, which Locale.get_active calls), the Site for a
    request (Site.find_for_request, kept as request._wagtail_site) and the site root paths
    (Site.get_site_root_paths). If Wagtail stops calling these, pages still work but make the
    queries again (tests/courses/test_query_counts.py then fails on the budget)."""
    from wagtail.models import Locale, Site
    from wagtail.models.i18n import LocaleManager

    from website import sitememo

    assert getattr(LocaleManager.get_for_language, "_sitememo", False)
    assert "get_for_language" in inspect.getsource(Locale.get_active.__func__)
    assert "get_site_root_paths" in inspect.getsource(Page._get_site_root_paths)
    token = sitememo.request_begin()
    try:
        request = rf.get("/")
        site = Site.find_for_request(request)
        assert request._wagtail_site is site
        assert Site.find_for_request(rf.get("/")) is site  # from the memo: the same object
        assert Locale.get_active() is Locale.get_active()
    finally:
        sitememo.request_end(token)

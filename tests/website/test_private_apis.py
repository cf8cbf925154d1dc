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

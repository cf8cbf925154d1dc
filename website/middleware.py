"""Site-wide request handling: the chosen language, anonymous pages from the shared cache, no
caching of personal pages, and the rate limits."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from . import ratelimit


class CookieLanguageMiddleware:
    """Norwegian unless the visitor chose English with the language switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Norwegians run English browsers, and the programme is Norwegian first
    (design.md). URLs carry no language prefix, because e-mails, calendars and
    printed certificates link to fixed addresses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class AnonymousPageCacheMiddleware:
    """Public pages for visitors who are not logged in, from the shared cache
    (website/pagecache.py says which, for how long, and what makes them stale), and the scope
    of the site memo (website/sitememo.py) for every request. Placed after the language is
    chosen and before everything that only a rendered page needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import pagecache, sitememo

        # What every page reads about the site comes from the process's memo while the pages
        # generation the request runs under lasts (website/sitememo.py).
        token = sitememo.request_begin()
        try:
            response = pagecache.serve(request, translation.get_language(), self.get_response)
            return self.get_response(request) if response is None else response
        finally:
            sitememo.request_end(token)


class PersonalDataNoStoreMiddleware:
    """Design rule 9: a response to a logged-in person may show personal data, so no cache keeps it.

    Only anonymous responses may be cached (by the browser or a proxy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class RateLimitMiddleware:
    """The one place the site's rate limits are applied (website/ratelimit.py says which views,
    `settings.RATE_LIMITS` how many). It runs as `process_view` after CsrfViewMiddleware, so a
    refused request never reaches the view (it logs nobody in, creates nothing, sends no
    e-mail), and a forged cross-site POST, which fails the CSRF check, uses up nobody's
    allowance.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        wait = ratelimit.over_limit(request)
        return None if wait is None else ratelimit.refusal(request, wait)


def is_staff_account(user) -> bool:
    """Editors, reviewers, coordinators and administrators: anyone who can open the admin."""
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def has_totp(user) -> bool:
    from .staff_setup import has_totp as user_has_totp

    return user_has_totp(user)


def signed_in_with_second_factor(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffTwoFactorMiddleware:
    """A staff account sees nothing but the account pages until its session was signed in
    with the second factor (TOTP, allauth's MFA): participant data is behind every other URL
    (the admin, My page's certificate downloads, …), so the rule is an allow-list.

    - Always open: `/konto/` (log-in, the account and two-factor pages, the set-up link),
      static files, media, the language switch and the health check.
    - The admin's own password-only login (`/admin/login/`) is replaced by the site's
      (`/konto/login/`), which asks for the code once one is set up.
    - A staff account without TOTP may set it up only in a session that came through a
      one-time set-up link from an administrator (website/staff_setup.py); otherwise it is
      told to ask for one. Whoever holds the password alone cannot enrol an authenticator.
    - A session that was signed in without the second factor (say, before the account became
      staff) is asked to sign in again.
    `settings.STAFF_MFA_REQUIRED` switches it (the test settings turn it off except in the
    tests of this rule).
    """

    OPEN = ("/konto/", "/i18n/", "/helse/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_MFA_REQUIRED:
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def is_open(self, path: str) -> bool:
        prefixes = (*self.OPEN, settings.STATIC_URL, settings.MEDIA_URL)
        return path.startswith(tuple(prefix for prefix in prefixes if prefix))

    def check(self, request):
        from django.contrib.auth import logout
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        from .staff_setup import granted

        path = request.path
        login = reverse("account_login")
        if path == reverse("wagtailadmin_login"):
            next_url = request.GET.get("next", reverse("wagtailadmin_home"))
            return redirect(f"{login}?{urlencode({'next': next_url})}")
        user = request.user
        activate = reverse("mfa_activate_totp")
        if self.is_open(path) and path != activate:
            return None
        if not is_staff_account(user):
            return None
        if not has_totp(user):
            if granted(request, user):
                return None if path == activate else redirect(activate)
            return redirect("staff_two_factor_required")
        if path == activate or signed_in_with_second_factor(request):
            return None  # (allauth's own page says TOTP is set up already)
        logout(request)
        return redirect(f"{login}?{urlencode({'next': path})}")


class ContentSecurityPolicyMiddleware:
    """django-csp's middleware with one policy for the site and a wider one for the admin.

    The public site runs no inline script or style (`settings.CONTENT_SECURITY_POLICY`). The
    Wagtail admin writes small inline scripts (date pickers, inline panels) and styles, so
    under `/admin/` `settings.ADMIN_CSP_UPDATE` adds 'unsafe-inline' for those — still
    nothing from other origins.
    """

    def __new__(cls, get_response):
        from csp.middleware import CSPMiddleware, PolicyParts

        class _Middleware(CSPMiddleware):
            def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
                parts = super().get_policy_parts(request, response, report_only)
                if request.path.startswith("/admin/") and not report_only:
                    parts.update = {**(parts.update or {}), **settings.ADMIN_CSP_UPDATE}
                return parts

        return _Middleware(get_response)

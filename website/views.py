"""Operator-facing views, robots.txt and the sitemap."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_q.models import OrmQ
from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from . import sitememo
from .models import OutboxMessage


def _database_check():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _migrations_check():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"ok": not plan, "unapplied": len(plan)}


def _task_queue_check():
    queued = OrmQ.objects.filter(key=settings.Q_CLUSTER["name"])
    oldest = queued.order_by("id").first()  # the ORM broker is first in, first out
    age = None
    if oldest is not None:
        started = oldest.task.get("started")
        age = round((timezone.now() - started).total_seconds(), 1) if started else None
    limit = settings.HEALTH_MAX_QUEUE_AGE_SECONDS
    return {
        "ok": age is None or age <= limit,
        "queued": queued.count(),
        "oldest_age_seconds": age,
        "max_age_seconds": limit,
    }


def _outbox_check():
    """E-mails waiting past their time mean no sender is running (or the mail server has been
    down for long); failed ones are for an administrator and do not make the site unhealthy."""
    now = timezone.now()
    State = OutboxMessage.State
    due = OutboxMessage.objects.filter(
        Q(state=State.PENDING, next_attempt_at__lte=now)
        | Q(state=State.SENDING, lease_until__lt=now)
    )
    oldest = due.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    age = round((now - oldest).total_seconds(), 1) if oldest else None
    limit = settings.HEALTH_MAX_QUEUE_AGE_SECONDS
    return {
        "ok": age is None or age <= limit,
        "due": due.count(),
        "oldest_due_age_seconds": age,
        "failed": OutboxMessage.objects.filter(state=State.FAILED).count(),
    }


@never_cache
def health(request):
    """`/helse/`: is the database reachable, are migrations applied, is the task queue moving.

    200 when every check is ok, 503 otherwise; JSON either way, for a load balancer
    or a monitor to read.
    """
    checks = {}
    try:
        checks["database"] = _database_check()
    except DatabaseError as error:
        checks["database"] = {"ok": False, "error": error.__class__.__name__}
    else:
        try:
            checks["migrations"] = _migrations_check()
            checks["task_queue"] = _task_queue_check()
            checks["outbox"] = _outbox_check()
        except DatabaseError as error:
            checks["migrations"] = {"ok": False, "error": error.__class__.__name__}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
def language_choose(request, code):
    """`/i18n/<code>/?next=<path>`: the language switcher is a link (issue 20). A POST form
    needs the CSRF token, whose cookie made every anonymous page uncacheable; the choice is
    a preference in a cookie, nothing to forge. Back to `next` on this site, else the front
    page."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def serve_page(request, path):
    """Wagtail's page serving, with Norwegian as the fallback for untranslated pages.

    With English chosen, Wagtail routes through the English tree; a page nobody has
    translated yet (say, a module) is then found in the Norwegian tree and shown in
    Norwegian inside the English site, rather than answering 404.

    Wagtail's `serve` uses the route kept on the request by `Page.route_for_request` (public);
    `_route` does that method's work with the home page from the site memo and keeps its
    answer where Wagtail does, so `serve` finds it. The attribute is named in that method's
    docstring, Wagtail is pinned to 8.0.x, and tests/website/test_private_apis.py fails if it
    changes.
    """
    if _route(request, path) is None and translation.get_language() != settings.LANGUAGE_CODE:
        with translation.override(settings.LANGUAGE_CODE):
            _route(request, path)
    return wagtail_views.serve(request, path)


def _route(request, path):
    """`Page.route_for_request`, with the site's home page in the active language from the
    site memo (website/sitememo.py) instead of two queries; the answer is kept where Wagtail
    keeps it (request._wagtail_route_for_request, which `wagtail_views.serve` reads)."""
    site = Site.find_for_request(request)
    route = None
    if site is not None:
        home = sitememo.remember(
            ("home", site.pk, translation.get_language()),
            lambda: site.root_page.localized.specific,
        )
        try:
            route = home.route(request, [part for part in path.split("/") if part])
        except Http404:
            route = None
    request._wagtail_route_for_request = route  # private: see serve_page's docstring
    return route


# --- Staff two-factor set-up (website/staff_setup.py) -------------------------------------------


@never_cache
def staff_setup(request, uidb64, token):
    """The one-time set-up link: its page (GET) says whose account it is and asks to go on;
    going on (POST: a mail scanner's GET uses nothing up) uses the link and leads to the log-in,
    after which that account may set up TOTP. A used, expired or unknown link answers 404 with
    a page that says so."""
    from django.contrib.auth import logout
    from django.shortcuts import redirect, render
    from django.urls import reverse
    from django.utils.http import urlencode

    from . import staff_setup as setup

    user = setup.user_for(uidb64, token)
    if user is None:
        return render(request, "website/staff_setup_invalid.html", status=404)
    if request.method == "POST":
        if request.user.is_authenticated:
            logout(request)  # the link is for its own account, signed in afresh
        if setup.link_use(request, uidb64=uidb64, token=token) is None:
            return render(request, "website/staff_setup_invalid.html", status=404)
        next_url = reverse("mfa_activate_totp")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    return render(
        request,
        "website/staff_setup.html",
        {"account": user, "minutes": setup.GRANT_MINUTES},
    )


def staff_two_factor_required(request):
    """Where a staff account without a second factor is sent: ask an administrator."""
    from django.shortcuts import render

    return render(request, "website/staff_two_factor_required.html")


def staff_setup_links(request):
    """Admin, administrators only: make a set-up link for a staff account without TOTP; it is
    e-mailed to them and shown here once."""
    from django.contrib import messages
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    from . import policy
    from . import staff_setup as setup

    policy.require_administrator(request.user)
    accounts = list(setup.staff_accounts())
    without = [account for account in accounts if not setup.has_totp(account)]
    link = chosen = None
    if request.method == "POST":
        chosen = next((a for a in accounts if str(a.pk) == request.POST.get("user")), None)
        if chosen is None:
            messages.error(request, _("Choose a staff account from the list."))
        else:
            link = setup.staff_setup_link_create(user=chosen, by=request.user)
    else:
        wanted = request.GET.get("user", "")
        chosen = next((a for a in accounts if str(a.pk) == wanted), None)
    return render(
        request,
        "website/admin/staff_setup_links.html",
        {
            "accounts": accounts,
            "without": without,
            "link": link,
            "chosen": chosen,
            "hours": settings.STAFF_SETUP_LINK_HOURS,
            "page_title": _("Two-factor set-up links"),
            "header_icon": "key",
        },
    )


def public_url(path):
    """An address on the configured public address (`BASE_URL`), never the host name a
    request or a Wagtail Site happens to carry."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# Paths no search engine needs: the admin, accounts, personal pages and token links.
ROBOTS_DISALLOW = [
    "/admin/",
    "/konto/",
    "/min-side/",
    "/samlinger/foresatt/",
    "/nettverk/foresatt/",
    "/kalender/",
    "/i18n/",
]


# Inside a disallowed path, the pages a newcomer may look for in a search engine.
ROBOTS_ALLOW = ["/konto/login/", "/konto/signup/"]


def robots_txt(request):
    """`/robots.txt`: public pages are open to crawlers (log-in and sign-up too, so a search
    for Medvirk finds where to start); the sitemap is on the public address."""
    lines = [
        "User-agent: *",
        *(f"Allow: {path}" for path in ROBOTS_ALLOW),
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
    ]
    lines += ["", f"Sitemap: {public_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class OnPublicAddress:
    """A sitemap mixin: every address on `BASE_URL`, whatever host the request came by."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = public_url(urlsplit(url["location"]).path)
        return urls


class PublicSitemap(OnPublicAddress, Sitemap):
    """Wagtail's sitemap of published public pages, with each address on `BASE_URL`."""


# The sections of /sitemap.xml. Apps above this layer add theirs (`sitemap_register`) in their
# AppConfig.ready: the gatherings come from `cohorts`, which this module may not import.
SITEMAPS = {"pages": PublicSitemap}


def sitemap_register(name: str, sitemap_class) -> None:
    """Add a section to /sitemap.xml; give the class `OnPublicAddress` first among its bases."""
    SITEMAPS[name] = sitemap_class


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)

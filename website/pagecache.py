"""Anonymous public pages from the shared cache (issue 20).

A visitor who is not logged in gets the curriculum, the home page, `/samlinger/`, a
gathering's page, `/bevis/`'s form and the sitemap from the cache the site's processes share
(`settings.CACHES["default"]`: a database table, or Redis when configured), keyed by path and
language. What decides:

- **Which requests.** GET, no query string (but for the few views that take one:
  `QUERY_VIEWS`), and neither a session cookie (the person may be logged in) nor a messages
  cookie (a one-off notice is waiting): `cacheable_request`. A
  logged-in person never gets a stored page, and their pages are never stored: their responses
  carry `no-store` (design rule 9, `PersonalDataNoStoreMiddleware`).
- **Which responses.** A 200 from a view in `CACHED_VIEWS` that sets no cookie, did not use
  the CSRF token (a form that posts), and says nothing against caching: `storable`.
- **Freshness.** Each entry remembers the *generations* it was rendered under. A page publish,
  unpublish, move or delete, a change to the navigation or footer settings, an organisation,
  the site or its locales starts a new `pages` generation; a change to a gathering, its
  sessions or its quotas a new `gatherings` one. The generations are read before the page is
  rendered, so a change committed while it renders makes the stored copy stale at once.
  A page whose rendering read gathering tables (the seats left) is also kept only
  `seats_seconds` (5 s): applications change the seats left many times a second in a rush, so
  they age the copy instead of invalidating it.
- **HTTP.** `Cache-Control: public, max-age` (`max_age`, or `seats_seconds` for a page that
  shows seats), a strong `ETag` (a hash of the body) and `Last-Modified` (when it was
  rendered); a conditional request that matches gets 304. The site's Content Security Policy
  has no nonces (no inline script or style), and its header is added to every response,
  stored or not, by the middleware outside this one.

One look-up serves a page: the entry and both generations in one `get_many`.
"""

from __future__ import annotations

import functools
import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import sitememo

PREFIX = "pagecache:"
GENERATIONS = ("pages", "gatherings")
# What a page reads that makes it show seats: the gathering tables (cohorts), named by table
# so that this base layer imports nothing above it.
GATHERING_TABLES = ("cohorts_gathering", "cohorts_enrolment", "cohorts_quota", "cohorts_session")
# URL names (with their namespace; Wagtail's page view by its path) whose anonymous answers
# may be stored.
CACHED_VIEWS = {
    "gathering_list",
    "gathering_detail",
    "certificate_lookup",
    "sitemap",
    "website.views.serve_page",
    # The read API and the embeddable list (issue 19).
    "api_gatherings",
    "api_schema",
    "gathering_embed",
    "wagtailapi:pages:listing",
    "wagtailapi:pages:detail",
    "wagtailapi:images:listing",
    "wagtailapi:images:detail",
    "wagtailapi:documents:listing",
    "wagtailapi:documents:detail",
    # What the representatives' network is (issue 18): the same for every visitor, no form.
    "network:home",
}
# Of those, views whose query string is part of what they answer, stored per query string.
# Each answers 400 to a parameter or value it does not know (and a 400 is never stored), so
# the stored variants are few (cohorts.views.api.PARAMETERS).
QUERY_VIEWS = {"api_gatherings", "gathering_embed"}
# django-csp's per-view decorators mark the response object, not its headers; a stored page
# keeps the marks so the policy added outside the cache is the view's (the embeddable list's
# frame-ancestors).
CSP_MARKS = ("_csp_exempt", "_csp_update", "_csp_replace", "_csp_config")
# Headers not stored with a page: set afresh for each answer (by this middleware or the ones
# outside it).
UNSTORED_HEADERS = {
    "cache-control",
    "expires",
    "etag",
    "last-modified",
    "vary",
    "content-security-policy",
    "content-language",
    "content-length",
}


def config(name: str):
    return settings.PAGE_CACHE[name]


def now() -> float:
    return time.time()


def _generation_key(name: str) -> str:
    return f"{PREFIX}gen:{name}"


def _entry_key(request, language: str) -> str:
    host = request.get_host()
    query = request.GET.urlencode()  # normalised: '?a=1&b=2' and '?b=2&a=1' differ only in order
    digest = hashlib.sha256(f"{host}{request.path}?{query}".encode()).hexdigest()[:32]
    return f"{PREFIX}{language}:{digest}"


class _BumpOnCommit:
    """The on-commit bump of one generation; one per transaction however many rows it saves."""

    def __init__(self, name: str):
        self.name = name
        self.ran = False

    def __call__(self):
        self.ran = True
        cache.set(_generation_key(self.name), uuid.uuid4().hex, None)
        transaction.get_connection().__dict__.get("_pagecache_bumped", set()).discard(self.name)


def generation_bump(name: str) -> None:
    """Every stored page that depends on `name` is stale from now on — and again when the
    caller's transaction commits (a page rendered in between, elsewhere, read the old rows).

    Inside a transaction both are done once however many rows it saves (the demo saves
    hundreds): the on-commit bump once per transaction, the bump now again only after this
    connection has stored a page under the new generation (a page it rendered itself, which
    read its own uncommitted rows)."""
    key = _generation_key(name)
    if name == "pages":
        sitememo.forget()
    connection_ = transaction.get_connection()
    if not connection_.in_atomic_block:
        cache.set(key, uuid.uuid4().hex, None)
        return
    bumped = connection_.__dict__.setdefault("_pagecache_bumped", set())
    if name not in bumped:
        cache.set(key, uuid.uuid4().hex, None)
        bumped.add(name)
    open_savepoints = set(connection_.savepoint_ids)
    if not any(
        isinstance(callback, _BumpOnCommit)
        and callback.name == name
        and not callback.ran
        and sids <= open_savepoints
        for sids, callback, _robust in connection_.run_on_commit
    ):
        transaction.on_commit(_BumpOnCommit(name))


def read_under_current_generations() -> None:
    """This connection stored a page, or kept what it read in the site memo
    (website/sitememo.py): its next change bumps again at once."""
    transaction.get_connection().__dict__.pop("_pagecache_bumped", None)


def pages_changed(**kwargs) -> None:
    generation_bump("pages")


def gatherings_changed(**kwargs) -> None:
    generation_bump("gatherings")


def model_changed(sender, **kwargs) -> None:
    """post_save/post_delete of any model: pages and settings start a new `pages` generation,
    the gathering tables but enrolments a new `gatherings` one."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Locale, Page, Site

    table = sender._meta.db_table
    if table in GATHERING_TABLES and table != "cohorts_enrolment":
        generation_bump("gatherings")
    elif table == "cohorts_organisation" or issubclass(
        # Images and documents for the read API's lists (not renditions: made while rendering).
        sender,
        Page
        | BaseSiteSetting
        | Site
        | Locale
        | BaseViewRestriction
        | AbstractImage
        | AbstractDocument,
    ):
        generation_bump("pages")


def connect() -> None:
    """Called from WebsiteConfig.ready."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(model_changed, dispatch_uid="pagecache-save")
    post_delete.connect(model_changed, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(pages_changed, dispatch_uid=f"pagecache-{id(signal)}")


# --- requests and responses -----------------------------------------------------------------


def cacheable_request(request) -> bool:
    """GET without a session or messages cookie; a query string only for QUERY_VIEWS (checked
    once the view is known, in `_cached_view`)."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _name(match) -> str:
    return match.view_name if match.url_name else match._func_path


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return "" if match is None else _name(match)


@functools.lru_cache(maxsize=4096)
def _view_of(urlconf: str, path: str) -> str:
    """The name of the view `path` goes to ("" for none). Kept per process, most recent paths
    first: resolving walks every URL pattern before Wagtail's catch-all, which was a third of
    a page served from the cache."""
    try:
        return _name(resolve(path, urlconf))
    except Resolver404:
        return ""


def _cached_view(request) -> bool:
    """Whether the path goes to a view in CACHED_VIEWS, with a query string only if the view is
    one of QUERY_VIEWS (resolved here, before any look-up, so other pages cost nothing
    more)."""
    name = _view_of(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
    if request.META.get("QUERY_STRING") and name not in QUERY_VIEWS:
        return False
    return name in CACHED_VIEWS


def storable(request, response) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page used the CSRF token
        and not (user is not None and user.is_authenticated)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and _view_name(request) in CACHED_VIEWS
    )


class _TableWatch:
    """Notes whether any query of the render read a gathering table."""

    def __init__(self):
        self.seats = False

    def __call__(self, execute, sql, params, many, context):
        if not self.seats and any(table in sql for table in GATHERING_TABLES):
            self.seats = True
        return execute(sql, params, many, context)


def _http_headers(response, *, etag: str, created: float, seats: bool) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(created)
    max_age = config("seats_seconds") if seats else config("max_age")
    patch_cache_control(response, public=True, max_age=max_age)


def _from_entry(entry) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(entry["content"]))
    for name, value in entry.get("marks", {}).items():
        setattr(response, name, value)
    _http_headers(response, etag=entry["etag"], created=entry["created"], seats=entry["seats"])
    response["X-Page-Cache"] = "hit"
    return response


def _fresh(entry, generations: dict) -> bool:
    if entry is None:
        return False
    if entry["generations"]["pages"] != generations.get("pages"):
        return False
    age = now() - entry["created"]
    if entry["seats"]:
        return entry["generations"]["gatherings"] == generations.get(
            "gatherings"
        ) and age <= config("seats_seconds")
    return age <= config("seconds")


def generation_current(name: str) -> str:
    """The generation `name` now (one cache read; set if missing, as below)."""
    key = _generation_key(name)
    return _current_generations({key: cache.get(key)}, names=(name,))[name]


def _current_generations(found: dict, names=GENERATIONS) -> dict:
    """The generations as stored; one that is missing (never set, or evicted) is set now, so an
    entry stored under it can never match a later, lost value."""
    generations = {}
    for name in names:
        key = _generation_key(name)
        value = found.get(key)
        if value is None:
            cache.add(key, uuid.uuid4().hex, None)
            value = cache.get(key)
        generations[name] = value
    return generations


def serve(request, language: str, get_response):
    """The page from the cache, or rendered and stored; None when the cache does not apply."""
    if not config("enabled") or not cacheable_request(request) or not _cached_view(request):
        return None
    key = _entry_key(request, language)
    found = cache.get_many([key, *(_generation_key(name) for name in GENERATIONS)])
    entry = found.get(key)
    generations = _current_generations(found)
    sitememo.generation_known(generations["pages"])
    if _fresh(entry, generations) and entry["path"] == request.path:
        response = _from_entry(entry)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=int(entry["created"]), response=response
        )
    watch = _TableWatch()
    created = now()
    with connection.execute_wrapper(watch):
        response = get_response(request)
    if not storable(request, response):
        return response
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    content = response.content
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    entry = {
        "path": request.path,
        "content": content,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "marks": {name: getattr(response, name) for name in CSP_MARKS if hasattr(response, name)},
        "etag": etag,
        "created": created,
        "seats": watch.seats,
        "generations": generations,
    }
    timeout = config("seats_seconds") if watch.seats else config("seconds")
    cache.set(key, entry, timeout + 1)
    read_under_current_generations()
    _http_headers(response, etag=etag, created=created, seats=watch.seats)
    response["X-Page-Cache"] = "miss"
    return get_conditional_response(
        request, etag=etag, last_modified=int(created), response=response
    )

"""What every page reads about the site, kept in each process for as long as it is current
(issue 20: "one locale look-up per request, site and settings cached, Wagtail routing without
repeated ancestor queries").

Every public page reads the same things before its own content: the Site for the host, the
active Locale (Wagtail asks for it once for every link it builds), the site's root paths, the
menu and the footer with the pages they link to, the organisations, the home page, and for a
curriculum page its place in the tree (the page a path names, its ancestors, its neighbours).
They change only when an editor publishes or moves a page, or changes the settings, an
organisation, the site or its languages — exactly what starts a new `pages` *generation* of
the page cache (website/pagecache.py). So each process keeps them, built once, for as long as
that generation lasts:

- `remember(key, build)` answers from the process's memo when the request runs under the
  generation the memo was built for, and otherwise builds (and keeps) the value. The request
  reads the generation once — free when the page cache has just read it with the page
  (`pagecache.serve`), one cache read otherwise.
- Outside a request (management commands, tasks, the shell) nothing is kept: `build()` runs.
- A change in this process clears the memo at once (`forget`, called by
  `pagecache.generation_bump`), so a request sees what it has itself just saved; other
  processes see it at their next request, when they read the new generation.
- Only values that depend on nothing but the `pages` tables go here: never a gathering's
  seats, never anything about the person asking.

`install()` (from WebsiteConfig.ready) routes Wagtail's own look-ups of the active Locale, the
Site for a request and the site root paths through the memo; tests/website/test_private_apis.py
says what broke if a Wagtail upgrade moves them.
"""

from __future__ import annotations

import contextvars
import threading

_request = contextvars.ContextVar("sitememo_request", default=None)
_lock = threading.Lock()
_memo: dict = {"generation": None, "values": {}}


class _RequestState:
    __slots__ = ("generation",)

    def __init__(self, generation=None):
        self.generation = generation


def request_begin(generation=None):
    """Start a request's use of the memo (website.middleware); returns the token for
    `request_end`. `generation` when the caller has just read it."""
    return _request.set(_RequestState(generation))


def request_end(token) -> None:
    _request.reset(token)


def generation_known(generation) -> None:
    """The page cache has read the `pages` generation for this request: no second read."""
    state = _request.get()
    if state is not None and state.generation is None:
        state.generation = generation


def forget() -> None:
    """What the memo holds is out of date (a change in this process): build afresh, and read
    the generation again, at the next use."""
    global _memo
    with _lock:
        _memo = {"generation": None, "values": {}}
    state = _request.get()
    if state is not None:
        state.generation = None


def active() -> bool:
    return _request.get() is not None


def remember(key, build, *, request=None):
    """The value for `key`: from the memo if it was built under this request's generation,
    else `build()` (kept for the next request under the same generation, unless None). What
    is kept must be bounded by what exists (pages, sites, languages): a key made from what a
    visitor typed only with a value that names something real. Pass the `request` where a
    page builds its context: a preview shows the editor's draft, never the memo."""
    global _memo
    state = _request.get()
    if state is None or getattr(request, "is_preview", False):
        return build()
    if state.generation is None:
        from .pagecache import generation_current

        state.generation = generation_current("pages")
    memo = _memo
    if memo["generation"] != state.generation:
        with _lock:
            if _memo["generation"] != state.generation:
                _memo = {"generation": state.generation, "values": {}}
            memo = _memo
    values = memo["values"]
    try:
        return values[key]
    except KeyError:
        pass
    value = build()
    if value is None:
        # Not kept: a path that names no page must not grow the memo (any visitor can make
        # up paths); what exists is bounded by the site's pages and settings.
        return value
    values[key] = value
    from .pagecache import read_under_current_generations

    # A change this connection makes from now on starts a new generation at once, even inside
    # the transaction that already started one (pagecache.generation_bump).
    read_under_current_generations()
    return value


# --- Wagtail's own look-ups ---------------------------------------------------------------------


def install() -> None:
    """Route Wagtail's look-ups of a Locale by language (asked for every link a page builds),
    of the Site for a request (by host and port) and of the site root paths (every link built
    without the request) through the memo."""
    from wagtail.models import Site
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "_sitememo", False):
        return
    locale_for_language = LocaleManager.get_for_language
    site_root_paths = Site.get_site_root_paths
    site_for_request = Site.find_for_request

    def get_for_language(self, language_code):
        return remember(("locale", language_code), lambda: locale_for_language(self, language_code))

    def get_site_root_paths():
        return remember("site_root_paths", site_root_paths)

    def find_for_request(request):
        # Kept on the request as Wagtail does (request._wagtail_site, set by the original).
        if request is None or hasattr(request, "_wagtail_site"):
            return site_for_request(request)
        key = ("site", request._get_raw_host(), request.get_port())
        request._wagtail_site = remember(key, lambda: site_for_request(request))
        return request._wagtail_site

    get_for_language._sitememo = True
    LocaleManager.get_for_language = get_for_language
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site.find_for_request = staticmethod(find_for_request)

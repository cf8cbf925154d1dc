"""The axe-core check of the browser tests: no WCAG 2.1 A/AA violations, at phone and desktop width.

Two ways a page gets checked, both at the width the tab has and at the other standard width
(a phone, 390x844, and a desktop, 1280x900; a tablet-sized tab is checked at its own width and
at both of those):

- `assert_accessible(page)`, called by a test, checks the page *as it is now* (logged in,
  a form showing its errors, a menu open): it runs axe, resizes the viewport to the other width,
  waits for the layout to settle, runs axe again, and puts the old size back.
- every other page a test's tab visits is checked after the test by the `page` and `new_tab`
  fixtures (tests/e2e/conftest.py): they record each HTML page the tab navigated to with GET
  (`VisitLog`) and, when the test has passed, open the ones `assert_accessible` did not check
  in a new tab of the same browser context (same person, same cookies) and check them at both
  widths. A violation found there fails the test at teardown with the same report. A kind of
  page (its path with ids and tokens generalised, signed in or not) that the teardown has
  checked once in this run (by any pytest-xdist worker: `claim_kind`) is not checked again by a
  later test's teardown: the same view and template with other data (a browser test suite
  opens My page or a gathering dozens of times). `assert_accessible` always checks.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STANDARD_SIZES = (PHONE, DESKTOP)
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}

# Violations in other people's code that we cannot change, each as narrow as possible:
# (axe rule, text in the element's HTML, why). Everything else on the same page is checked.
UPSTREAM = (
    (
        "aria-input-field-name",
        "public-DraftEditor-content",
        "Wagtail's rich-text editor (Draftail) names its textbox with no label: "
        "https://github.com/wagtail/wagtail/issues/14205 (open; fix in PR 14210)",
    ),
    (
        "button-name",
        'class="w-editing-sessions__session" type="button" data-controller="w-tooltip"',
        "Wagtail's editing-sessions avatar (someone else has the same page open) is a button "
        "named only by its hidden tooltip (wagtailadmin/shared/editing_sessions/list.html, "
        "Wagtail 8.0); seen when an editor and a reviewer open one page",
    ),
)

_axe = Axe()
# (id of the browser context, address) of the pages assert_accessible has checked.
_checked: set[tuple[int, str]] = set()
# The kinds of page a teardown has checked in this process (see `page_kind`).
_kinds_checked: set[tuple[str, bool]] = set()


# Where the pytest-xdist workers of this run share their claims (set by the `axe_claims`
# fixture in tests/e2e/conftest.py: a folder in the run's temporary directory); None when
# one process runs the tests.
shared_claims: Path | None = None


def claim_kind(kind: tuple[str, bool]) -> bool:
    """True for the first teardown of this run to ask about this kind of page: that one
    checks it. The workers share the claims (a file per kind, created atomically), so two
    workers do not check one kind."""
    if kind in _kinds_checked:
        return False
    _kinds_checked.add(kind)
    if shared_claims is None:
        return True
    shared_claims.mkdir(exist_ok=True)
    name = hashlib.sha256(repr(kind).encode()).hexdigest()
    try:
        (shared_claims / name).open("x").close()
    except FileExistsError:
        return False
    return True


_ID_OR_TOKEN = re.compile(r"/(?:\d+|[^/]{20,})(?=/|$)")


def page_kind(url: str, signed_in: bool) -> tuple[str, bool]:
    """A page's path with numeric ids and long tokens generalised, and whether the person is
    signed in: `/min-side/pameldinger/12/meld-av/` and `.../31/meld-av/` are one kind."""
    return _ID_OR_TOKEN.sub("/<id>", urlsplit(url).path), signed_in


def address(url: str) -> str:
    return urldefrag(url)[0]


def _settle(page) -> None:
    """Wait until the browser has laid the page out again (two animation frames after a resize)."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def _without_upstream(results: AxeResults) -> AxeResults:
    violations = []
    for violation in results.response["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                violation["id"] == rule and marker in node.get("html", "")
                for rule, marker, _why in UPSTREAM
            )
        ]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return AxeResults({**results.response, "violations": violations})


def _sizes_to_check(current) -> list[dict]:
    sizes = [current]
    for size in STANDARD_SIZES:
        if size["width"] != current["width"]:
            sizes.append(size)
    return sizes


def violations_at_both_widths(page, *, context=None) -> list[str]:
    """Run axe on the page at its own width and at the other standard width(s); put its size back.

    Returns one readable report per width that had violations (empty when there were none)."""
    current = page.viewport_size or PHONE
    reports = []
    try:
        for size in _sizes_to_check(current):
            if size != page.viewport_size:
                page.set_viewport_size(size)
                _settle(page)
            results = _without_upstream(_axe.run(page, context=context, options=OPTIONS))
            if results.violations_count:
                reports.append(
                    f"axe-core found WCAG 2.1 A/AA problems on {page.url} "
                    f"at {size['width']}x{size['height']}:\n{results.generate_report()}"
                )
    finally:
        if page.viewport_size != current:
            page.set_viewport_size(current)
            _settle(page)
    return reports


def assert_accessible(page, *, context=None):
    """Run axe-core on the page as it is now, at phone and desktop width, and fail with a
    readable report on any violation."""
    reports = violations_at_both_widths(page, context=context)
    if context is None:
        _checked.add((id(page.context), address(page.url)))
    assert not reports, "\n".join(reports)


class VisitLog:
    """The HTML pages the tabs of one browser context loaded with GET, in order."""

    def __init__(self, browser_context):
        self.browser_context = browser_context
        self.addresses: list[str] = []
        browser_context.on("response", self._on_response)

    def _on_response(self, response):
        request = response.request
        try:
            if (
                request.method != "GET"
                or not request.is_navigation_request()
                or request.frame.parent_frame is not None
                or 300 <= response.status < 400
                or "text/html" not in response.headers.get("content-type", "")
            ):
                return
        except Exception:  # the frame went away while the answer came in: nothing to record
            return
        url = address(response.url)
        if url not in self.addresses:
            self.addresses.append(url)

    def unchecked(self) -> list[str]:
        key = id(self.browser_context)
        return [url for url in self.addresses if (key, url) not in _checked]

    def check_the_rest(self, viewport) -> list[str]:
        """Open each page not yet checked in a new tab of the same context and check it at
        both widths; return the reports of those that had violations."""
        reports = []
        signed_in = any("session" in c["name"] for c in self.browser_context.cookies())
        pending = [url for url in self.unchecked() if claim_kind(page_kind(url, signed_in))]
        if not pending:
            return reports
        tab = self.browser_context.new_page()
        try:
            tab.set_viewport_size(viewport)
            for url in pending:
                response = tab.goto(url)
                if response is None or "text/html" not in response.headers.get("content-type", ""):
                    continue
                reports.extend(violations_at_both_widths(tab))
        finally:
            tab.close()
        return reports

    def forget(self):
        key = id(self.browser_context)
        _checked.difference_update({item for item in _checked if item[0] == key})

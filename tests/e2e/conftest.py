"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
thread with a running loop unless told it is safe, which it is here (one test, one thread).
"""

import os
import shutil

import pytest

from tests.e2e.accessibility import PHONE, VisitLog

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    from playwright.sync_api import expect

    # CI has two cores shared with the PostgreSQL rush tests; 5 s is too tight there.
    expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_call_passed = report.passed
    return report


def check_visited_pages(request, logs):
    """axe at phone and desktop width on every page the test's tabs visited that the test did
    not check itself (see tests/e2e/accessibility.py); only after a passing test, whose pages
    are the ones it meant to show."""
    reports = []
    try:
        if getattr(request.node, "e2e_call_passed", False):
            for log, viewport in logs:
                reports.extend(log.check_the_rest(viewport))
    finally:
        for log, _viewport in logs:
            log.forget()
    assert not reports, "\n".join(reports)


@pytest.fixture(scope="session", autouse=True)
def axe_claims(tmp_path_factory, worker_id):
    """Under pytest-xdist, the workers share which kinds of page their teardowns have checked
    (`accessibility.claim_kind`), in the run's temporary directory (pytest removes old ones)."""
    from tests.e2e import accessibility

    if worker_id != "master":
        accessibility.shared_claims = tmp_path_factory.getbasetemp().parent / "axe-kinds"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: run `make test`, which installs it with apt-get")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


CSP_REFUSALS = ("Content Security Policy", "Content-Security-Policy")


def watch_for_csp_refusals(context, refusals):
    """Collect the browser's reports of anything the Content Security Policy blocked."""

    def on_console(message):
        if any(marker in message.text for marker in CSP_REFUSALS):
            refusals.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", on_console)


@pytest.fixture
def page(request, browser, live_server):
    """A fresh tab (own cookies) on a phone-sized screen, in an English-language browser.

    Every page it visits is checked with axe at phone and desktop width (see accessibility.py)."""
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport=PHONE)
    context.set_default_timeout(20_000)
    refusals = []
    watch_for_csp_refusals(context, refusals)
    visits = VisitLog(context)
    tab = context.new_page()
    yield tab
    try:
        check_visited_pages(request, [(visits, PHONE)])
    finally:
        context.close()
    assert not refusals, "the Content Security Policy blocked:\n" + "\n".join(refusals)


@pytest.fixture
def new_tab(request, browser, live_server):
    """Open a tab for another person (own cookies); desktop-sized unless told otherwise.

    Every page its tabs visit is checked with axe at phone and desktop width (see
    accessibility.py)."""
    contexts = []
    logs = []
    refusals = []

    def open_tab(width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url, locale="nb-NO", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(20_000)
        watch_for_csp_refusals(context, refusals)
        contexts.append(context)
        logs.append((VisitLog(context), {"width": width, "height": height}))
        return context.new_page()

    yield open_tab
    try:
        check_visited_pages(request, logs)
    finally:
        for context in contexts:
            context.close()
    assert not refusals, "the Content Security Policy blocked:\n" + "\n".join(refusals)


@pytest.fixture
def demo_site(demo_snapshot, transactional_db):
    """The demo, as `manage.py load_demo` makes it, committed for the live server to see (a
    copy of the one this worker loaded: tests/demo_snapshot.py)."""
    from tests.demo_snapshot import load_demo, restore, untouched

    restore() if demo_snapshot and untouched() else load_demo()

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


# The demo as the first test of this worker loaded it, kept in a schema of the test database.
DEMO_SNAPSHOT = "e2e_demo_snapshot"
_demo_tables: list[str] = []  # per worker process: the tables the snapshot holds


def _copy_tables(cursor, tables, source, target):
    """INSERT every row of source.table into target.table (generated columns left out)."""
    for table in tables:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
            [source, table],
        )
        columns = ", ".join(f'"{name}"' for (name,) in cursor.fetchall())
        cursor.execute(
            f'INSERT INTO {target}."{table}" ({columns}) OVERRIDING SYSTEM VALUE '
            f'SELECT {columns} FROM {source}."{table}"'
        )


def _restore_demo():
    """Put the database back to the demo as first loaded: empty every table (as the flush
    after a transactional test does), copy the snapshot in (Django's foreign keys on
    PostgreSQL are deferred to the commit), and move each id sequence past the copied rows."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        tables = connection.introspection.django_table_names(only_existing=True)
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)
        _copy_tables(cursor, _demo_tables, DEMO_SNAPSHOT, "public")
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _snapshot_demo():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {DEMO_SNAPSHOT} CASCADE")
        cursor.execute(f"CREATE SCHEMA {DEMO_SNAPSHOT}")
        tables = connection.introspection.django_table_names(only_existing=True)
        for table in tables:
            cursor.execute(f'CREATE TABLE {DEMO_SNAPSHOT}."{table}" AS TABLE public."{table}"')
    _demo_tables[:] = tables


@pytest.fixture
def demo_site(transactional_db):
    """The demo, as `manage.py load_demo` makes it. Loading it takes about 10 s (Wagtail
    publishes each page and indexes it), so on PostgreSQL the first test of each worker loads
    it and keeps a copy of every table; later tests get the copy back in well under a second.
    Files the demo writes (images, certificate PDFs) stay in the test media folders."""
    import io

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql" and _demo_tables:
        _restore_demo()
        return
    call_command("load_demo", "--force", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        _snapshot_demo()

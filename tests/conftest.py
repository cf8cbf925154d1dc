import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def norwegian_first():
    """Every test starts in Norwegian, as a fresh request without a cookie does. The language
    middleware activates the chosen language for the thread and leaves it, so without this a
    test run after an English request on the same worker would see English texts."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def steady_limiter_clock(monkeypatch):
    """The rate limiter's clock held at one instant for the test, so a counting window that
    turns over half-way (a 15-minute window ends every quarter hour) does not start a count
    again and let the request the test expects refused through. Server processes a test
    starts run on the real clock: they wait with `wait_out_window_edge` instead."""
    import time

    from website import ratelimit

    instant = time.time()
    monkeypatch.setattr(ratelimit, "now", lambda: instant)
    return instant


@pytest.fixture
def english_visitor():
    """A visitor who chose English (`norwegian_first` puts the thread back afterwards)."""
    from django.test import Client

    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return visitor


@pytest.fixture
def site_tree(db):
    """The Norwegian home page and default Site, whatever earlier tests flushed."""
    from website.site_structure import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def site_settings(site_tree):
    """The site's menu and footer settings rows. Wagtail makes them on first use, which starts
    a new pages generation in the middle of that page view (the site memo and the page cache
    start again); a running site has them, so tests that count queries make them first."""
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    site = Site.objects.get(is_default_site=True)
    return NavigationSettings.for_site(site), FooterSettings.for_site(site)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo, loaded once in this worker and kept aside (tests/demo_snapshot.py); False
    where it cannot be kept (SQLite), and each test loads it itself."""
    from tests import demo_snapshot

    if not demo_snapshot.supported():
        return False
    with django_db_blocker.unblock():
        demo_snapshot.make()
    return True


@pytest.fixture
def demo(demo_snapshot, db):
    """The full demo content, as `manage.py load_demo` makes it."""
    from tests.demo_snapshot import load_demo, restore, untouched

    restore() if demo_snapshot and untouched() else load_demo()


@pytest.fixture
def organisations(db):
    """MHU, BAR and LFB, by short code."""
    from cohorts.models import Organisation

    return {
        code: Organisation.objects.get_or_create(short_code=code, defaults={"name": name})[0]
        for code, name in [
            ("MHU", "Mental Helse Ungdom"),
            ("BAR", "Barn av rusmisbrukere"),
            ("LFB", "Landsforeningen for barnevernsbarn"),
        ]
    }


@pytest.fixture
def user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        email="kari@example.org", password="et-langt-passord-123", first_name="Kari"
    )


@pytest.fixture
def admin_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        email="admin@example.org", password="et-langt-passord-123"
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a service, then what it queued on commit (tasks run inline in tests), as the
    worker would: `on_commit(service, **kwargs)`."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need real PostgreSQL locking; `make test` always runs on it."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL, or use make test)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)

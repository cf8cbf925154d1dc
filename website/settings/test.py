"""The test suite. DATABASE_URL chooses PostgreSQL (as CI does) or the SQLite default."""

from .base import *  # noqa: F403

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405 - the demo: development and tests only
SECRET_KEY = "test-secret-key-not-for-production-" + "t" * 20
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inline in tests. A test that starts a real `qcluster` sets TASKS_INLINE=false:
# a cluster in sync mode keeps the database connection it opened before forking, and its
# processes then share one connection (their queries answer each other's: it hangs).
Q_CLUSTER = {**Q_CLUSTER, "sync": env_bool("TASKS_INLINE", True)}  # noqa: F405
# Inline senders return at once instead of waiting for back-offs to pass.
OUTBOX = {**OUTBOX, "linger_seconds": 0}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# A fixed key signs credentials in tests (certificates/badges/keys.py): did:web:testserver.
CREDENTIAL_SIGNING_KEYS = "test-1:" + "dGVzdC1rZXktZm9yLWNyZWRlbnRpYWxzLW9ubHktLS0"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Staff two-factor is tested in tests/website/test_two_factor.py and the browser test, which
# switch it on; elsewhere tests log staff in directly.
STAFF_MFA_REQUIRED = False
# Wagtail 8 autosaves the page editor every half second. In a browser test on a busy machine
# an autosave still in flight when the editor presses "Submit" makes Wagtail answer
# "validation errors" (the draft it just created holds the slug); editors keep autosave, the
# tests exercise the explicit save and submit.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Certificate PDFs (the "private" storage) apart from the development site's, as media are.
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},  # noqa: F405
}
# Anonymous pages from the shared cache are tested in tests/website/test_page_cache.py (which
# switches it on); elsewhere a test reads the page it has just changed.
PAGE_CACHE = {**PAGE_CACHE, "enabled": env_bool("PAGE_CACHE", False)}  # noqa: F405

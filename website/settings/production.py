"""Production: everything secret or site-specific comes from the environment.

Start-up fails with a message naming the variable when SECRET_KEY, ALLOWED_HOSTS
or DATABASE_URL is missing or malformed.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .env import env_bool, env_database, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Miljøvariabelen ALLOWED_HOSTS må være satt (kommaseparerte vertsnavn). "
        "/ The environment variable ALLOWED_HOSTS is required."
    )
DATABASES = {"default": env_database("DATABASE_URL", None)}
# Credentials are signed with keys the operator keeps (never one made on the server by itself):
# start-up stops when neither CREDENTIAL_SIGNING_KEYS nor CREDENTIAL_KEY_FILE is set.
CREDENTIAL_KEYS_GENERATE = False
if not (CREDENTIAL_SIGNING_KEYS or CREDENTIAL_KEY_FILE):  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Miljøvariabelen CREDENTIAL_SIGNING_KEYS eller CREDENTIAL_KEY_FILE må være satt "
        "(nøklene som signerer kursbevisene; `manage.py credential_key_new` lager en). "
        "/ CREDENTIAL_SIGNING_KEYS or CREDENTIAL_KEY_FILE is required (the keys that sign "
        "certificates; `manage.py credential_key_new` makes one)."
    )
WAGTAILSEARCH_BACKENDS = search_backends(DATABASES)  # noqa: F405

STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere; `manage.py check --deploy` stays clean with these.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

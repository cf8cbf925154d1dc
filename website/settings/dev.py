"""Local development and the first run: SQLite under var/, console e-mail, DEBUG on."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ["*"]  # noqa: F405 - only ever served on this machine
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# The demo (`manage.py load_demo`, run by `make run`) is installed in development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# A template edited while `runserver` runs shows at once (PAGE_CACHE=true to try the cache).
PAGE_CACHE = {**PAGE_CACHE, "enabled": env_bool("PAGE_CACHE", False)}  # noqa: F405

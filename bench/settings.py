"""Settings for benchmarks: the test settings (DEBUG off, same middleware as production)
with a URLconf that adds a trivial view beside the site's own URLs."""

from website.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405

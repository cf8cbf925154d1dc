"""Settings for benchmarks: the test settings (DEBUG off, same middleware as production)
with a URLconf that adds a trivial view beside the site's own URLs."""

from website.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# As in production, e-mails are queued for the worker (an insert), not sent inside the request.
Q_CLUSTER = {**Q_CLUSTER, "sync": False}  # noqa: F405

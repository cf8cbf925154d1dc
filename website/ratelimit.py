"""A per-client rate limit kept in the database, so several app servers share it."""

import hashlib
import math
import time

from django.conf import settings
from django.db import transaction

from .models import RateLimitCounter


def _hashed(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()
    return f"{scope}:{digest[:32]}"


def client_key(request, scope: str) -> str:
    """A keyed hash of the client's address: the log holds no IP addresses."""
    return _hashed(scope, request.META.get("REMOTE_ADDR", ""))


def account_key(identifier: str, scope: str) -> str:
    """A keyed hash of a submitted e-mail address (case and spaces ignored), whoever sends it."""
    return _hashed(scope, identifier.strip().casefold())


def retry_after(*, key: str, limit: int, window_seconds: int) -> int | None:
    """Count one request; None while within `limit` in the current window, else the seconds
    until the window ends (for a `Retry-After` header)."""
    now = time.time()
    window = int(now) // window_seconds
    with transaction.atomic():
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            key=key, defaults={"window": window, "count": 1}
        )
        if not created:
            if counter.window != window:
                counter.window, counter.count = window, 0
            counter.count += 1
            counter.save(update_fields=["window", "count"])
    if counter.count <= limit:
        return None
    return max(1, math.ceil((window + 1) * window_seconds - now))


def hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request; True if the client is over `limit` in the current window."""
    return retry_after(key=key, limit=limit, window_seconds=window_seconds) is not None

"""A per-client rate limit kept in the database, so several app servers share it."""

import hashlib
import time

from django.conf import settings
from django.db import transaction

from .models import RateLimitCounter


def client_key(request, scope: str) -> str:
    """A keyed hash of the client's address: the log holds no IP addresses."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{address}".encode()).hexdigest()
    return f"{scope}:{digest[:32]}"


def hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request; True if the client is over `limit` in the current window."""
    window = int(time.time()) // window_seconds
    with transaction.atomic():
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            key=key, defaults={"window": window, "count": 1}
        )
        if created:
            return False
        if counter.window != window:
            counter.window, counter.count = window, 0
        counter.count += 1
        counter.save(update_fields=["window", "count"])
        return counter.count > limit

"""django-q2 entry points for privacy. Thin wrappers around services, safe to run twice."""

from .services import retention_apply


def apply_retention() -> dict:
    """Daily: delete personal data whose time is up (settings.RETENTION)."""
    return {result.key: result.count for result in retention_apply()}

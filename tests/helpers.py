"""Small helpers shared by test modules (test modules never import each other's)."""

from django.db import connection


def database_url() -> str:
    """The URL of this test's own database, for a worker or sender process to share."""
    s = connection.settings_dict
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}/{s['NAME']}"

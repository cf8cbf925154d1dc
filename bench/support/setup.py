"""What every benchmark does first: a fresh database and Django set up on it."""

import os
import tempfile
from pathlib import Path

from bench.support import database


def fresh_database(database_url: str | None) -> tuple[str, Path]:
    """A new work directory and the database to use: with no URL, a new SQLite file in that
    directory; a PostgreSQL database named in the URL is dropped and created (a SQLite file
    named in one is used as it is)."""
    workdir = Path(tempfile.mkdtemp(prefix="medvirk-bench-"))
    if not database_url:
        return f"sqlite:///{workdir}/bench.sqlite3", workdir
    if database_url.startswith("postgres"):
        database.recreate(database_url)
    return database_url, workdir


def start_django(database_url: str, settings: str = "bench.settings", *, migrate=True) -> None:
    """Django in this process on `database_url` with `settings`; migrated unless told not to."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def setup_django(database_url: str | None, settings: str = "bench.settings") -> Path:
    """A fresh database (see `fresh_database`), Django set up on it and migrated; returns the
    work directory (for MEDIA_ROOT and the like)."""
    url, workdir = fresh_database(database_url)
    start_django(url, settings)
    return workdir

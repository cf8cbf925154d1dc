"""What every benchmark does first: a fresh database and Django set up on it."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str | None) -> str:
    """Point Django at `database_url` (default: a new SQLite file), migrate; return the work dir."""
    sys.path.insert(0, str(ROOT))
    workdir = tempfile.mkdtemp(prefix="medvirk-bench-")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir

"""The demo loaded once per test worker, and copied back into the database where a test asks
for it (a support module for the `demo` and `demo_site` fixtures).

`manage.py load_demo` takes about 10 s (Wagtail publishes and indexes every page). On
PostgreSQL the first test of a worker that wants the demo loads it once, keeps a copy of every
table in a schema of the worker's test database, and puts the database back as it was; each
test that wants the demo then empties the tables and copies the demo in (well under a second):
inside the test's transaction for ordinary tests (rolled back with it), committed for
transactional ones (the browser tests; the flush after the test empties it again). Django's
foreign keys on PostgreSQL are deferred to the commit, so the copy order does not matter. On
SQLite every test loads the demo itself. Files the demo writes (images, certificate PDFs) stay
in the test media folders, as they did.
"""

import io

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

DEMO = "demo_snapshot"
BEFORE = "demo_snapshot_before"


def supported() -> bool:
    return connection.vendor == "postgresql"


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True)


def _counts() -> dict[str, int]:
    """Rows per table, in one query."""
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f'SELECT %s, count(*) FROM public."{table}"' for table in tables),
            tables,
        )
        return dict(cursor.fetchall())


_before: dict[str, int] = {}  # rows per table when the demo was loaded and put aside


# Our apps' tables: where a test's fixtures write (users, organisations, gatherings …).
OUR_APPS = ("website", "people", "courses", "cohorts", "certificates", "privacy")


def _ours(counts: dict[str, int]) -> dict[str, int]:
    labels = {apps.get_app_config(label).label for label in OUR_APPS}
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
    }
    return {table: count for table, count in counts.items() if table in tables}


def untouched() -> bool:
    """Has the test written nothing yet? Our apps' tables hold what they held when the demo was
    put aside, or nothing (a flush after a transactional test empties them; Django's own
    content types and permissions come back by themselves). Only then may the copy replace
    what is there; after a fixture wrote rows (a user, the three organisations), the demo is
    loaded on top of them, as `load_demo` always could."""
    counts = _ours(_counts())
    return counts == _ours(_before) or not any(counts.values())


def _save(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in _tables():
            cursor.execute(f'CREATE TABLE {schema}."{table}" AS TABLE public."{table}"')


_copy_sql: dict[str, str] = {}  # schema -> the statements that empty the tables and copy it in


def _restore_sql(schema: str) -> str:
    """One script: empty every table, copy `schema`'s rows in, move each id sequence past them.
    Made once per worker (the tables do not change during a run): reading the columns table by
    table from information_schema took longer than the copy itself."""
    if schema not in _copy_sql:
        tables = _tables()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, string_agg(quote_ident(column_name), ', ' "
                "ORDER BY ordinal_position) FROM information_schema.columns "
                "WHERE table_schema = %s AND is_generated = 'NEVER' GROUP BY table_name",
                [schema],
            )
            columns = dict(cursor.fetchall())
        statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        statements += [
            f'INSERT INTO public."{table}" ({columns[table]}) OVERRIDING SYSTEM VALUE '
            f'SELECT {columns[table]} FROM {schema}."{table}"'
            for table in tables
            if columns.get(table)
        ]
        models = apps.get_models(include_auto_created=True)
        statements += connection.ops.sequence_reset_sql(no_style(), models)
        _copy_sql[schema] = ";\n".join(statement.rstrip(";") for statement in statements)
    return _copy_sql[schema]


def restore(schema: str = DEMO) -> None:
    """Empty every table and copy `schema`'s rows in; move each id sequence past them."""
    script = _restore_sql(schema)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(script)  # no parameters: psycopg sends the statements in one go
        # Rows copied in SQL send no signal: start new generations, as a restore of the site's
        # database must (the site memo and the page cache hold what the rows were before).
        from website.pagecache import generation_bump

        generation_bump("pages")
        generation_bump("gatherings")


def load_demo() -> None:
    call_command("load_demo", "--force", stdout=io.StringIO())


def make() -> None:
    """Load the demo and keep it; leave the database as it was before (committed: call it with
    database access unblocked, outside any test's transaction)."""
    _before.update(_counts())
    _save(BEFORE)
    load_demo()
    _save(DEMO)
    restore(BEFORE)
    # What loading cached (Wagtail's site root paths …) was committed with it: forget it, as
    # a rolled-back test's cache writes are (the cache is a table of this database).
    cache.clear()

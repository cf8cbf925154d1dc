"""PostgreSQL databases for the benches: dropped and created, and copied from a template (a
copy is much quicker than migrating again)."""

from urllib.parse import urlparse


def _server(url: str) -> tuple[str, str]:
    """The URL of the server's `postgres` database (to create and drop others from), and the
    name of the database `url` names."""
    parsed = urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def _execute(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _drop(name: str) -> str:
    return f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'


def recreate(url: str, template: str | None = None) -> None:
    """Drop the database `url` names and create it again, empty or as a copy of `template`."""
    server, name = _server(url)
    create = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    _execute(server, _drop(name), create)


def make_template(url: str) -> str:
    """A copy of the database `url` names, `<name>_template`, to `recreate` it from."""
    server, name = _server(url)
    template = f"{name}_template"
    _execute(server, _drop(template), f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
    return template


def drop(url: str, name: str) -> None:
    """Drop the database `name` on the server `url` points at."""
    server, _name = _server(url)
    _execute(server, _drop(name))

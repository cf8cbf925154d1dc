"""Reading configuration from the environment, failing loudly and by name.

Settings modules call these helpers; a missing or malformed variable stops
start-up with ``ImproperlyConfigured`` naming the variable, instead of a
stack trace from deep inside Django later on.
"""

import ipaddress
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(
                f"Miljøvariabelen {name} må være satt. "
                f"/ The environment variable {name} is required."
            )
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Miljøvariabelen {name} må være true eller false, ikke {value!r}. "
        f"/ {name} must be true or false, not {value!r}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Miljøvariabelen {name} må være et heltall, ikke {value!r}. "
            f"/ {name} must be an integer, not {value!r}."
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks (CIDR), each checked; none by default."""
    values = env_list(name, [])
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"Miljøvariabelen {name} må være kommaseparerte IP-adresser eller nett "
                f"(f.eks. 10.0.0.5,10.1.0.0/16), ikke {value!r}. "
                f"/ {name} must be comma-separated IP addresses or networks, not {value!r}."
            ) from None
    return values


def env_database(name: str, default: str | None) -> dict:
    """Parse a database URL (``postgres://…`` or ``sqlite:///…``) into Django settings."""
    url = env_str(name, default, required=default is None)
    try:
        config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises several types for bad input
        raise ImproperlyConfigured(
            f"Miljøvariabelen {name} er ikke en gyldig database-URL ({error}). "
            f"Eksempel: postgres://bruker@127.0.0.1:5432/medvirk "
            f"/ {name} is not a valid database URL."
        ) from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(
            f"Miljøvariabelen {name} mangler databasetype eller navn: {url!r}. "
            f"/ {name} lacks a database engine or name."
        )
    if config["ENGINE"].endswith("sqlite3"):
        # Several processes (web + qcluster) share the file. WAL lets readers go on while
        # one writes; IMMEDIATE transactions take the write lock when they begin, so a
        # transaction never fails half-way with "database is locked" when it first writes
        # (SQLite cannot wait for a lock it needs to upgrade); `timeout` is how long to wait.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


CACHE_TABLE = "medvirk_cache"


def shared_cache(redis_url: str) -> dict:
    """The cache all processes share: Redis at `redis_url` if given (the `redis` package must
    be installed), else a table in the site's database."""
    if not redis_url:
        # Used-code markers must not be culled before they expire: room for many.
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    import importlib.util

    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured(
            "REDIS_URL er satt, men Python-pakken redis er ikke installert "
            "(pip install -e '.[redis]'). "
            "/ REDIS_URL is set but the Python package redis is not installed."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}

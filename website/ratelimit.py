"""The site's one rate limiter.

- **Which requests count**: `LIMITED_VIEWS` below (URL name → the methods counted and the
  limits that apply). It is applied in one place, `website.middleware.RateLimitMiddleware`,
  before the view runs, so a refused request changes nothing.
- **How many**: `settings.RATE_LIMITS`, scope → (requests, window in seconds), each number
  overridable by the environment (`RATE_LIMIT_<SCOPE>`).
- **Where counted**: one row per key in the database (`RateLimitCounter`), counted by one
  upsert, so every app server and worker shares the counts. Keys are keyed hashes: the table
  holds no IP or e-mail addresses. `counters_clear_ended` (an hourly task) removes windows
  that have ended.
- **The refusal**: one 429 page with `Retry-After` (`refusal`).
- **Whose count**: a client is its address (`client_address`: `REMOTE_ADDR`, or behind the
  proxies in `settings.TRUSTED_PROXIES` the right-most untrusted `X-Forwarded-For` hop).

allauth's own limits are off (`ACCOUNT_RATE_LIMITS = False`): they would count in each
process's memory, and these cover the same forms with shared counts.
"""

import functools
import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from .emails import look_alike_key
from .models import RateLimitCounter

POST = frozenset({"POST"})
ANY_METHOD = None


@dataclass(frozen=True)
class Limit:
    """One count a request adds to: per `client` (its address), per `address` (an e-mail
    address submitted in the form field `field`, whoever sends it) or per `account` (the
    signed-in person, or the one half-way through logging in)."""

    scope: str
    per: str = "client"
    field: str = ""


LOGIN = (Limit("login"), Limit("login_account", "address", "login"))
PASSWORD_RESET = (Limit("password_reset"), Limit("password_reset_account", "address", "email"))
REAUTHENTICATE = (Limit("reauthenticate", "account"),)

# URL name → (methods counted, limits). Log-ins and reset requests on the site and in the
# admin count together. Why each is here, and what is left out, is in README's *Rate limits*.
LIMITED_VIEWS: dict[str, tuple[frozenset[str] | None, tuple[Limit, ...]]] = {
    "account_login": (POST, LOGIN),
    "wagtailadmin_login": (POST, (Limit("login"), Limit("login_account", "address", "username"))),
    # The two-factor code (or a recovery code) after the password: slow for one account
    # whoever tries, since a six-digit code is otherwise quickly guessed.
    "mfa_authenticate": (POST, (Limit("mfa"), Limit("mfa_account", "account"))),
    "account_signup": (POST, (Limit("signup"), Limit("signup_account", "address", "email"))),
    "account_reset_password": (POST, PASSWORD_RESET),
    "wagtailadmin_password_reset": (POST, PASSWORD_RESET),
    # A signed-in person's password or code checked again (and the current password when
    # changing it): a borrowed session cannot guess its way further.
    "account_reauthenticate": (POST, REAUTHENTICATE),
    "mfa_reauthenticate": (POST, REAUTHENTICATE),
    "account_change_password": (POST, REAUTHENTICATE),
    # Add an address, send its confirmation again, remove one: each may send an e-mail.
    "account_email": (POST, (Limit("email", "account"),)),
    # Certificate codes are looked up by anyone: enumeration must be slow.
    "certificate_verify": (ANY_METHOD, (Limit("certificate_lookup"),)),
    "certificate_credential": (ANY_METHOD, (Limit("certificate_lookup"),)),
    "certificate_check_file": (POST, (Limit("certificate_lookup"),)),
    # Documents in a collection an editor protected with a shared password.
    "wagtaildocs_authenticate_with_password": (POST, (Limit("document_password"),)),
    # The kartlegging's answers: the open link is for anyone, so a program could fill the
    # results with made-up answers (the form also has a honeypot field).
    "survey_answer": (POST, (Limit("survey_answer"),)),
    # A service's request for a representative: public, and each one sends an e-mail.
    "network:request_form": (
        POST,
        (Limit("network_request"), Limit("network_request", "address", "contact_email")),
    ),
    # Messages between members of the network: each one is an e-mail to another member.
    "network:message_write": (POST, (Limit("network_message", "account"),)),
}


def _hashed(scope: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()
    return f"{scope}:{digest[:32]}"


@functools.cache
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address, networks) -> bool:
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address in network for network in networks)


def _parsed(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request) -> str:
    """The address of the client that sent the request.

    `REMOTE_ADDR`, unless that is one of `settings.TRUSTED_PROXIES` (addresses or networks):
    then `X-Forwarded-For` is read from the right, each trusted proxy's hop skipped, and the
    right-most hop no trusted proxy is at is the client. Hops left of it are what the client
    itself wrote, so a client cannot choose its address by sending the header. A hop that is
    no address (a proxy that does not add one, or garbage) ends the walk at the last trusted
    hop: counted against that proxy, never against a name the client made up.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _parsed(remote)
    if not networks or address is None or not _trusted(address, networks):
        return remote
    client = str(address)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _parsed(hop)
        if address is None:
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def client_key(request, scope: str) -> str:
    """A keyed hash of the client's address: the table holds no IP addresses."""
    return _hashed(scope, client_address(request))


def account_key(identifier: str, scope: str) -> str:
    """A keyed hash of a submitted e-mail address, whoever sends it, in its normal form with
    look-alike letters replaced (website/emails.py `look_alike_key`): every spelling of one
    address (capitals, full-width letters, punycode, a dotless ı) counts against one limit."""
    return _hashed(scope, look_alike_key(identifier))


def _account_id(request) -> str:
    """The signed-in person, or the one whose password was accepted and who is now asked for
    the second factor (allauth keeps that login in the session until it completes)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    from allauth.account.internal.stagekit import LOGIN_SESSION_KEY

    pending = request.session.get(LOGIN_SESSION_KEY) if hasattr(request, "session") else None
    if isinstance(pending, dict) and pending.get("user_pk"):
        return f"user:{pending['user_pk']}"
    return ""


def _key(request, limit: Limit) -> str | None:
    if limit.per == "client":
        return client_key(request, limit.scope)
    if limit.per == "address":
        value = request.POST.get(limit.field, "")
        return account_key(value, limit.scope) if value.strip() else None
    identifier = _account_id(request)
    return account_key(identifier, limit.scope) if identifier else None


_COLUMNS = ("key", "window", "count")
_UPSERT = (
    "INSERT INTO {table} ({key}, {window}, {count}) VALUES (%s, %s, 1) "
    "ON CONFLICT ({key}) DO UPDATE SET "
    "{count} = CASE WHEN {table}.{window} = EXCLUDED.{window} THEN {table}.{count} + 1 ELSE 1 END, "
    "{window} = EXCLUDED.{window} "
    "RETURNING {count}"
)


def _count(key: str, window: int) -> int:
    """Add one to the key's count in `window` (starting again at 1 in a new window) and return
    it: one statement, so concurrent requests on any number of servers never lose a count."""
    quote = connection.ops.quote_name
    names = {
        "table": quote(RateLimitCounter._meta.db_table),
        **{name: quote(RateLimitCounter._meta.get_field(name).column) for name in _COLUMNS},
    }
    sql = _UPSERT.format(**names)  # quoted identifiers from the model; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, window])
        return cursor.fetchone()[0]


def now() -> float:
    """The limiter's clock: windows are fixed slices of it (tests hold it still, so that a
    window turning over mid-test does not start a count again)."""
    return time.time()


def retry_after(*, key: str, limit: int, window_seconds: int) -> int | None:
    """Count one request; None while within `limit` in the current window, else the seconds
    until the window ends (for a `Retry-After` header)."""
    now_ = now()
    window = int(now_) // window_seconds
    if _count(key, window) <= limit:
        return None
    return max(1, math.ceil((window + 1) * window_seconds - now_))


def over_limit(request) -> int | None:
    """Count the request against every limit of its view; the seconds to wait if one is over
    (later limits are then not counted), else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in LIMITED_VIEWS:
        return None
    methods, limits = LIMITED_VIEWS[match.view_name]
    if methods is not None and request.method not in methods:
        return None
    for limit in limits:
        if limit.scope not in settings.RATE_LIMITS:
            continue
        key = _key(request, limit)
        if key is None:
            continue
        allowed, window_seconds = settings.RATE_LIMITS[limit.scope]
        wait = retry_after(key=key, limit=allowed, window_seconds=window_seconds)
        if wait is not None:
            return wait
    return None


def refusal(request, wait: int):
    """The one answer to a request over a limit: 429, `Retry-After`, a page that says when to
    try again (in the visitor's language), never cached."""
    response = render(
        request, "website/rate_limited.html", {"minutes": math.ceil(wait / 60)}, status=429
    )
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response


def counters_clear_ended(*, at: float | None = None) -> int:
    """Delete the counters whose window has ended, and those of scopes no longer limited;
    returns how many went. A counter of the current window (or the next, for a server whose
    clock runs slightly ahead) is kept."""
    at = now() if at is None else at
    current = Q()
    for scope, (_allowed, window_seconds) in settings.RATE_LIMITS.items():
        window = int(at) // window_seconds
        current |= Q(key__startswith=f"{scope}:", window__gte=window, window__lte=window + 1)
    deleted, _ = RateLimitCounter.objects.exclude(current).delete()
    return deleted

"""The matrix's machinery: roles and outcomes, the table row, walking our URL patterns,
sending the requests and checking the answers.

Outcomes: a status code (or a tuple of acceptable ones); `LOGIN` (302 to `/konto/login/` or
`/admin/login/`); `DENIED` (302 to the admin dashboard `/admin/`: how Wagtail's admin answers
a PermissionDenied — no page of ours may answer so); `REDIRECT` (any other 301/302/303);
`REFUSED` (this role is refused here). There is one refusal style (website/policy.py): a
refused request answers 404, as if the object or page did not exist, so `REFUSED` is
`NOT_FOUND` on every row. Cells where the code disagrees with the
design are wrapped in `bug(expected, reason)`: strict xfail, so fixing the code turns them into
failures that ask for the mark to be removed.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.authorization.data import fill

OUR_APPS = (
    "website.",
    "courses.",
    "cohorts.",
    "certificates.",
    "privacy.",
    "evaluation.",
    "network.",
)

ROLES = (
    "visitor",
    "participant",
    "other_participant",
    "member",
    "guardian",
    "service_requester",
    "editor",
    "reviewer",
    "coordinator_same",
    "coordinator_other",
    "administrator",
)
# "member": a certified MHU participant who joined the network (data.py `_network`: listed on
# the members' page, not visible network-wide, invited to an open request). A participant
# first: every row that names only the group gives them a participant's outcome.
# "service_requester": anonymous, holding the open service request's link (its token).
ROLE_GROUPS = {
    "anonymous": ("visitor", "guardian", "service_requester"),
    "participants": ("participant", "other_participant", "member"),
    "editorial": ("editor", "reviewer"),
    "coordinators": ("coordinator_same", "coordinator_other"),
}

LOGIN = "login"
DENIED = "denied"  # Wagtail's answer to PermissionDenied in the admin: 302 to the dashboard
REDIRECT = "redirect"
NOT_FOUND = 404
REFUSED = NOT_FOUND  # the one refusal style (website/policy.py)
LOGIN_PATHS = ("/konto/login/", "/admin/login/")


@dataclass(frozen=True)
class Bug:
    """A cell where the code does not do what the design requires (strict xfail)."""

    expected: object
    reason: str


def bug(expected, reason):
    return Bug(expected, f"BUG: {reason}")


class UnexpectedOutcome(AssertionError):
    """The response's status/redirect is not the expected one. xfail cells expect exactly
    this, so any other failure (say, a POST that changed something) still fails loudly."""


def _for_role(given, role, default=None):
    """The value for `role` in `given`: the role itself, then its group, then `default`."""
    if role in given:
        return given[role]
    group = next((g for g, members in ROLE_GROUPS.items() if role in members), None)
    return given.get(group, default)


def cells(default=None, **given):
    """An outcome for every role: named roles first, then role groups (`anonymous`,
    `participants`, `editorial`, `coordinators`), then `default`."""
    result = {}
    for role in ROLES:
        result[role] = _for_role(given, role, default)
        if result[role] is None:
            raise ValueError(f"no outcome for role {role}")
    return result


# Wagtail sends everyone without `wagtailadmin.access_admin` to its login page.
ADMIN_GATE = {"anonymous": LOGIN, "participants": LOGIN}
PUBLIC = cells(200)
# Per organisation: every coordinator with an applicant in the gathering (and a quota there)
# sees the gathering, with their own organisation's applicants only.
ORGANISATION_VIEW = cells(**ADMIN_GATE, editorial=REFUSED, coordinators=200, administrator=200)
# The gathering's own coordinators and administrators (check-in, attendance, invites).
GATHERING_TEAM_VIEW = cells(
    **ADMIN_GATE,
    editorial=REFUSED,
    coordinator_same=200,
    coordinator_other=REFUSED,
    administrator=200,
)
ADMIN_POST_ONLY = cells(405, **ADMIN_GATE)
# Programme administrators manage organisations and gatherings; nobody else.
ADMINISTRATOR_ONLY = cells(**ADMIN_GATE, editorial=REFUSED, coordinators=REFUSED, administrator=200)
LOGGED_IN = cells(200, anonymous=LOGIN)
# Append-only data: not even administrators may add, change or delete through the admin.
NOBODY = cells(REFUSED, **ADMIN_GATE)


def post(data, state, **outcomes):
    """A POST check: `data(w)` is sent by each role named in `outcomes` (role or group →
    (expected outcome, whether `state(w)` must change)). Unnamed roles are not sent."""
    expect = {}
    for key, outcome in outcomes.items():
        for role in ROLE_GROUPS.get(key, (key,)):
            expect.setdefault(role, outcome)
    for role in ROLES:  # explicit roles win over groups
        if role in outcomes:
            expect[role] = outcomes[role]
    return {"data": data, "state": state, "expect": expect}


UNCHANGED_LOGIN = (LOGIN, False)
UNCHANGED_REFUSED = (REFUSED, False)


def administrators_only(data, state):
    """A POST only administrators may make (they are not sent: the GET shows their page)."""
    return post(
        data,
        state,
        anonymous=UNCHANGED_LOGIN,
        participants=UNCHANGED_LOGIN,
        editorial=UNCHANGED_REFUSED,
        coordinators=UNCHANGED_REFUSED,
    )


@dataclass(frozen=True)
class Row:
    """One URL pattern's entry: how to build its URL (a template filled from the shared data,
    see `data.fill`, or a function `(world, role) -> url`), the GET outcome per role
    (`cells(...)` or a shape such as `ADMINISTRATOR_ONLY`), optionally what a POST by each
    role must do (`post(...)`)."""

    url: object
    get: dict
    post: dict | None = None

    def url_for(self, world, role):
        return fill(self.url, world) if isinstance(self.url, str) else self.url(world, role)

    def expected_get(self, role):
        return self.get[role]

    def post_expectations(self):
        """{role: (expected outcome, whether the state must change)} for the roles that POST."""
        if self.post is None:
            return {}
        return dict(self.post["expect"])


def matrix(*tables):
    """The tables merged into one {pattern id: Row}; a pattern in two tables is an error, and so
    is a row that expects Wagtail's redirect-style refusal (`DENIED`) anywhere."""
    merged = {}
    for table in tables:
        for pid, row in table.items():
            assert pid not in merged, f"{pid!r} is in two tables"
            outcomes = [*row.get.values()]
            outcomes += [expected for expected, _changes in row.post_expectations().values()]
            assert DENIED not in [getattr(o, "expected", o) for o in outcomes], (
                f"{pid!r}: a refusal answers 404 (website/policy.py), never a redirect"
            )
            merged[pid] = row
    return merged


# ----------------------------------------------------------------------------------------------
# Collecting the URL patterns
# ----------------------------------------------------------------------------------------------


def _our_viewset_namespaces():
    """URL namespaces of the Wagtail viewsets our apps register."""
    from wagtail import hooks

    namespaces = set()
    for register in hooks.get_hooks("register_admin_viewset"):
        if not register.__module__.startswith(OUR_APPS):
            continue
        viewset = register()
        for item in getattr(viewset, "viewsets", None) or [viewset]:
            namespaces.add(item.url_namespace)
    return namespaces


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, namespace, pattern.callback


def _view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def pattern_id(route, name):
    """A pattern is known by its URL name (with namespace), else by its route."""
    return name or route


def our_url_patterns():
    """{pattern id: route} for every pattern whose view lives in one of our apps, plus every
    pattern of a Wagtail viewset our apps register through `register_admin_viewset`
    (organisations, gatherings, the audit log, the outbox: their views are mostly Wagtail's
    generic classes, but the data and the decision who may see it are ours). Wagtail's own
    page/image/document/settings admin, allauth, i18n and the sitemap are out of scope."""
    namespaces = _our_viewset_namespaces()
    found = {}
    for route, name, namespace, callback in _walk(get_resolver("website.urls").url_patterns):
        ours = _view_module(callback).startswith(OUR_APPS)
        in_our_viewset = namespace.split(":")[-1] in namespaces if namespace else False
        if ours or in_our_viewset:
            key = pattern_id(route, name)
            assert key not in found, f"two patterns share the id {key!r}: give them names"
            found[key] = route
    return found


def resolved_id(path):
    match = resolve(path.split("?", 1)[0])
    return pattern_id(match.route, match.view_name if match.url_name else None)


# ----------------------------------------------------------------------------------------------
# Requests and outcomes
# ----------------------------------------------------------------------------------------------


def client_for(w, role):
    client = Client()
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    return client


def describe(response):
    location = response.get("Location", "")
    if location:
        return f"{response.status_code} → {location}"
    if response.streaming or not response.get("Content-Type", "").startswith(
        ("application/json", "text/plain")
    ):
        return f"{response.status_code}"
    return f"{response.status_code}: {response.content[:300].decode('utf-8', 'replace')}"


def _matches(response, expected):
    status = response.status_code
    if isinstance(expected, int):
        return status == expected
    if isinstance(expected, tuple):
        return status in expected
    if status not in (301, 302, 303):
        return False
    path = response["Location"].split("://", 1)[-1]
    path = path[path.find("/") :] if "://" in response["Location"] else path
    kind = LOGIN if path.startswith(LOGIN_PATHS) else DENIED if path == "/admin/" else REDIRECT
    return kind == expected


def check_outcome(response, expected, what):
    if isinstance(expected, Bug):
        expected = expected.expected
    if not _matches(response, expected):
        raise UnexpectedOutcome(f"{what}: expected {expected}, got {describe(response)}")


def _marks(expected):
    if isinstance(expected, Bug):
        return [pytest.mark.xfail(strict=True, raises=UnexpectedOutcome, reason=expected.reason)]
    return []


def param_id(pid, role):
    name = "wagtail_page" if pid.startswith("^") else pid
    return f"{name}-{role}"


def get_cases(rows):
    for pid, row in rows.items():
        for role in ROLES:
            expected = row.expected_get(role)
            yield pytest.param(pid, role, id=param_id(pid, role), marks=_marks(expected))


def post_cases(rows):
    for pid, row in rows.items():
        for role, (expected, _changes) in row.post_expectations().items():
            yield pytest.param(pid, role, id=param_id(pid, role), marks=_marks(expected))

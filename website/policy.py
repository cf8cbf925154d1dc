"""The access policy: who may see or change participant data. One module, every caller.

Every view, service and export that touches an object holding participant data (an
application, attendance, a certificate, a calendar invite, an e-mail, an export) asks here:
`visible(user, queryset, action)` — which of these may the user reach — and
`permits(user, action, obj)` — may the user do this to that. A view answers an object outside
the user's scope exactly as one that does not exist: `get_or_404`.

The rules (design.md, rule 6), one line each:

- an administrator (superuser) may do everything;
- VIEW:   the person themself, and coordinators of the organisation the row belongs to;
- DECIDE: coordinators of the organisation (decide applications, issue or revoke
          certificates, export their organisation's participants);
- RUN:    coordinators of the gathering (check people in, mark attendance, send invites
          to everyone). At the door that means names only, whatever organisation the
          participant came through; a participant's organisation and other fields, and the
          lists, reports and exports (attendance, invites) stay with DECIDE: the
          coordinator's own organisations' members (callers filter with `visible(…, DECIDE)`);
- OWN:    the person themself, and nobody else — not even an administrator (cancel or answer
          one's own application);
- a gathering itself (no participant data): VIEW also for its own coordinators;
- shared with every coordinator: VIEW also for the coordinators of ANY organisation, for the
          rows a model declares shared (`shared_with_coordinators`): every row of a model with
          no participant data (a service's request for a representative), or the rows whose
          own flag says so (a network member who chose to be visible network-wide);
- pages for administrators only (exceptions from the level rules, retention): everyone
  else gets 404 (`require_administrator`);
- e-mails (the outbox) are for administrators only.

The policy sits in the base layer so that every app can ask it; the apps above declare how
their rows reach a person, an organisation and a gathering (`register`, called from each
app's `AppConfig.ready`), so this module imports none of them. A model that holds participant
data and is not registered is refused to everyone but administrators.
"""

import functools
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

VIEW = "view"
DECIDE = "decide"
RUN = "run"
OWN = "own"
ACTIONS = (VIEW, DECIDE, RUN, OWN)


@dataclass(frozen=True)
class Paths:
    """Lookups from a row to the person it is about (a user), to the organisations it belongs
    to and to its gathering. "" means the row itself; None means it has none."""

    person: str | None = None
    organisations: tuple[str, ...] = ()
    gathering: str | None = None
    # A boolean field whose rows every organisation's coordinators may VIEW; "" = every row.
    shared_with_coordinators: str | None = None


_paths: dict[str, Paths] = {}


def register(
    model, *, person=None, organisations=(), gathering=None, shared_with_coordinators=None
) -> None:
    """Declare how `model`'s rows reach a person, organisations and a gathering, and which of
    them every organisation's coordinators may VIEW (`shared_with_coordinators`: the name of a
    boolean field, or "" for every row)."""
    if isinstance(organisations, str):
        organisations = (organisations,)
    _paths[model._meta.label] = Paths(
        person, tuple(organisations), gathering, shared_with_coordinators
    )


def _join(path: str, field: str) -> str:
    return f"{path}__{field}" if path else field


def _scope(user, model, action) -> Q:
    """The rows of `model` a non-administrator may reach for `action`."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    paths = _paths.get(model._meta.label)
    allowed = Q(pk__in=[])
    if paths is None:
        return allowed
    if action in (VIEW, OWN) and paths.person is not None:
        allowed |= Q(**{paths.person: user})
    if action in (VIEW, DECIDE):
        for path in paths.organisations:
            allowed |= Q(**{_join(path, "coordinators"): user})
    if paths.gathering is not None and (
        action == RUN or (action == VIEW and paths.gathering == "")
    ):
        allowed |= Q(**{_join(paths.gathering, "coordinators"): user})
    if (
        action == VIEW
        and paths.shared_with_coordinators is not None
        and user.coordinated_organisations.exists()
    ):
        flag = paths.shared_with_coordinators
        allowed |= Q(**{flag: True}) if flag else Q(pk__isnull=False)
    return allowed


def visible(user, queryset, action=VIEW):
    """The rows of `queryset` that `user` may reach for `action`."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser and action != OWN:
        return queryset
    model = queryset.model
    # A subquery rather than joins: paths through many-to-many relations would repeat rows,
    # and DISTINCT cannot be combined with SELECT … FOR UPDATE.
    return queryset.filter(
        pk__in=model._base_manager.filter(_scope(user, model, action)).values("pk")
    )


def permits(user, action, obj) -> bool:
    """May `user` do `action` to `obj`?"""
    return visible(user, type(obj)._base_manager.filter(pk=obj.pk), action).exists()


def get_or_404(user, queryset, action=VIEW, **lookups):
    """One object the user may reach, else 404 — the same answer as for one that does not exist."""
    try:
        return visible(user, queryset, action).get(**lookups)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def is_coordinator(user) -> bool:
    """Does the user have a coordinator's workspace at all (any organisation or gathering)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.coordinated_organisations.exists()
        or user.coordinated_gatherings.exists()
    )


def staff_filter() -> Q:
    """The programme's staff as a filter on users: administrators, anyone in a group (editors,
    reviewers, coordinators), and coordinators of an organisation or a gathering. Their accounts
    are not participants' (deleting one is not an erasure; the inactivity rule leaves them)."""
    return (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__isnull=False)
        | Q(coordinated_organisations__isnull=False)
        | Q(coordinated_gatherings__isnull=False)
    )


def is_staff(user) -> bool:
    """Is this account one of the programme's staff (`staff_filter`)?"""
    return type(user).objects.filter(pk=user.pk).filter(staff_filter()).exists()


def require_administrator(user) -> None:
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        raise Http404


def require_coordinator(user) -> None:
    """The coordinator workspace's pages: 404 for everyone else (nothing to see there)."""
    if not is_coordinator(user):
        raise Http404


class RefuseAsNotFound:
    """For Wagtail viewsets over rows with participant data: a refused request answers 404, as
    everywhere else, instead of Wagtail's redirect to the dashboard with "Sorry, you do not
    have permission". `construct_view` is the viewsets' public hook for building each view."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        @functools.wraps(view)
        def refused_as_absent(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                raise Http404 from None

        return refused_as_absent

"""The network's figures for the organisations' reports (`/admin/rapporter/nettverk/`).

Requests of a year (by the day they were received; unconfirmed addresses are not counted):
received, matched (a member's match confirmed), completed (the assignment took place) — in
all, and by field, level of participation, county (digital apart) and kind. Requests hold no
member's data, so every coordinator sees the network's requests.

Members (now, not per year) by field and county: for administrators all members, for a
coordinator only their own organisations' members (design rule 6: a member of LFB says
something about their life). A member may speak to several fields, so the fields do not add up
to the total.

Small counts are shown with the reports' rule (cohorts/reports/figures.py): 1–4 as "< 5", and
a part hidden as "≥ 5" where a total would give a hidden part away. Counting is done in the
database, one grouped query per breakdown.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cohorts.reports.figures import shown, suppress

from ..models import County, Field, Membership, ParticipationLevel, RequestInvitation
from ..models import ServiceRequest as Request
from ..models.choices import FIELD_COLUMNS
from ..services.assignments import finished_requests

COLUMNS = (
    ("received", pgettext_lazy("network report", "Received")),
    ("matched", pgettext_lazy("network report", "Matched")),
    ("completed", pgettext_lazy("network report", "Completed")),
)
ANY = "any"
DIGITAL = "digital"
NOT_GIVEN = "none"


@dataclass
class Breakdown:
    """One table: rows (key, label, shown values per column) and the total's shown values."""

    title: str
    rows: list = field(default_factory=list)
    total: list = field(default_factory=list)


@dataclass
class NetworkFigures:
    year: int
    requests: list  # Breakdowns of requests
    members: list  # Breakdowns of members
    member_scope: str


def report_years() -> list[int]:
    """Years with a received request, and this year."""
    years = {timezone.localdate().year}
    years |= {moment.year for moment in Request.objects.dates("created_at", "year")}
    return sorted(years)


def _year_bounds(year: int):
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(datetime(year, 1, 1), time.min), zone),
        timezone.make_aware(datetime.combine(datetime(year + 1, 1, 1), time.min), zone),
    )


def _requests_of(year: int):
    starts, ends = _year_bounds(year)
    confirmed = RequestInvitation.objects.filter(
        request=OuterRef("pk"), state=RequestInvitation.State.CONFIRMED
    )
    return (
        Request.objects.filter(created_at__gte=starts, created_at__lt=ends)
        .exclude(state=Request.State.UNVERIFIED)
        .annotate(
            is_matched=Exists(confirmed),
            is_completed=Exists(finished_requests().filter(pk=OuterRef("pk"))),
        )
    )


COUNTS = {
    "received": Count("pk"),
    "matched": Count("pk", filter=Q(is_matched=True)),
    "completed": Count("pk", filter=Q(is_completed=True)),
}


def _counts(queryset, group_by) -> dict:
    """{group: {column: count}} in one grouped query."""
    rows = queryset.values(*group_by).annotate(**COUNTS).order_by()
    return {tuple(row[name] for name in group_by): row for row in rows}


def _breakdown(title, choices, counts, total_counts, columns) -> Breakdown:
    """Suppressed per column: the total and its (exclusive) parts."""
    keys = [key for key, _label in choices]
    shown_values = {}
    for column, _label in columns:
        values = {key: counts.get(key, {}).get(column, 0) for key in keys}
        values["__total__"] = total_counts.get(column, 0)
        shown_values[column] = suppress(values, [("__total__", keys)])
    return Breakdown(
        title=title,
        rows=[
            (key, label, [shown_values[column][key] for column, _l in columns])
            for key, label in choices
        ],
        total=[shown_values[column]["__total__"] for column, _l in columns],
    )


def _request_breakdowns(year: int) -> list[Breakdown]:
    requests = _requests_of(year)
    total = requests.aggregate(**COUNTS)

    def by(column, choices, *, title):
        counts = {key[0]: row for key, row in _counts(requests, (column,)).items()}
        return _breakdown(title, choices, counts, total, COLUMNS)

    # The empty field (any) is stored as "", shown as its own row.
    field_counts = {key[0] or ANY: row for key, row in _counts(requests, ("field",)).items()}
    by_field = _breakdown(
        _("By field"), [*Field.choices, (ANY, _("Any field"))], field_counts, total, COLUMNS
    )
    county_counts = {}
    for (county, digital), row in _counts(requests, ("county", "digital")).items():
        key = DIGITAL if digital else (county or NOT_GIVEN)
        merged = county_counts.setdefault(
            key, dict.fromkeys(("received", "matched", "completed"), 0)
        )
        for column, _label in COLUMNS:
            merged[column] += row[column]
    by_county = _breakdown(
        _("By county"),
        [*County.choices, (DIGITAL, _("Digital")), (NOT_GIVEN, _("No county given"))],
        county_counts,
        total,
        COLUMNS,
    )
    return [
        Breakdown(
            title=_("Requests in all"),
            rows=[],
            total=[shown(total.get(column, 0)) for column, _label in COLUMNS],
        ),
        by("kind", Request.Kind.choices, title=_("By kind")),
        by_field,
        by(
            "participation_level",
            ParticipationLevel.choices,
            title=_("By level of participation"),
        ),
        by_county,
    ]


def member_scope(user):
    """The members a user's figures count: everyone for an administrator, else the members
    of the organisations they coordinate."""
    members = Membership.objects.filter(state=Membership.State.ACTIVE)
    if user.is_superuser:
        return members
    return members.filter(
        participant__organisations__in=user.coordinated_organisations.values("pk")
    ).distinct()


MEMBER_COLUMNS = (("members", _("Members")),)


def _member_breakdowns(user) -> list[Breakdown]:
    members = Membership.objects.filter(pk__in=member_scope(user).values("pk"))
    aggregates = {"total": Count("pk")}
    for value, column in FIELD_COLUMNS.items():
        aggregates[value] = Count("pk", filter=Q(**{column: True}))
    counts = members.aggregate(**aggregates)
    total = counts.pop("total")
    # A member may have several fields: each is shown on its own, with no total relation.
    by_field = Breakdown(
        title=_("By field"),
        rows=[(key, label, [shown(counts[key])]) for key, label in Field.choices],
        total=[shown(total)],
    )
    county_counts = {
        (row["county"] or NOT_GIVEN): {"members": row["members"]}
        for row in members.values("county").annotate(members=Count("pk"))
    }
    by_county = _breakdown(
        _("By county"),
        [*County.choices, (NOT_GIVEN, _("No county given"))],
        county_counts,
        {"members": total},
        MEMBER_COLUMNS,
    )
    return [by_field, by_county]


def network_figures(*, user, year: int) -> NetworkFigures:
    return NetworkFigures(
        year=year,
        requests=_request_breakdowns(year),
        members=_member_breakdowns(user),
        member_scope=str(
            _("All members") if user.is_superuser else _("Members of your organisations")
        ),
    )

"""The reports' read queries: aggregated in the database, scoped by the one access policy.

A report is built in a fixed number of queries whatever the number of enrolments (pinned by
tests/cohorts/test_reports.py): the year's gatherings, their sessions, the organisations,
one grouped count for the states and certificates, one for age groups, and two for the
minutes completion is decided on. Completion itself is the one definition in
cohorts/completion.py, fed with per-enrolment sums the database made.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from courses.models import Level
from website import policy

from .. import registry
from ..completion import Completion
from ..models import Attendance, Enrolment, Gathering, Organisation, Session
from .figures import AGE_GROUPS, Counts, birth_date_cutoff

State = Enrolment.State


@dataclass
class Report:
    """One year's figures for the organisations in scope: per (organisation, level), with
    totals per organisation, per level and in all. Raw counts: suppression is `figures.shown`,
    applied where the numbers are shown (page, chart, file)."""

    year: int
    organisations: list
    levels: list  # level values with a gathering in the year, in Level order
    gatherings: list
    cells: dict = field(default_factory=dict)  # (organisation id, level) → Counts
    teaching_minutes: dict = field(default_factory=dict)  # (organisation id, level) → minutes
    held_sessions: dict = field(default_factory=dict)  # gathering id → [(session, minutes)]

    def cell(self, organisation_id, level) -> Counts:
        return self.cells.setdefault((organisation_id, level), Counts())

    def organisation_total(self, organisation_id) -> Counts:
        total = Counts()
        for level in self.levels:
            total.add(self.cell(organisation_id, level))
        return total

    def level_total(self, level) -> Counts:
        total = Counts()
        for organisation in self.organisations:
            total.add(self.cell(organisation.pk, level))
        return total

    def total(self) -> Counts:
        total = Counts()
        for organisation in self.organisations:
            total.add(self.organisation_total(organisation.pk))
        return total

    def teaching_hours(self, organisation_id, level=None) -> float:
        """Hours of teaching held at the gatherings where the organisation's members took part
        (sessions that ended with someone present)."""
        minutes = sum(
            value
            for (org, lvl), value in self.teaching_minutes.items()
            if org == organisation_id and (level is None or lvl == level)
        )
        return round(minutes / 60, 1)


def report_years():
    """The years with at least one gathering, newest first (one query)."""
    return list(Gathering.objects.order_by("-year").values_list("year", flat=True).distinct())


def report_organisations(user):
    """The organisations whose figures `user` may see: their own; an administrator all."""
    return policy.visible(user, Organisation.objects.all(), policy.DECIDE).order_by("name")


def _present_exists():
    return Exists(
        Attendance.objects.filter(
            enrolment_id=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES
        )
    )


def _age_group_case(gatherings) -> Case:
    """The age group at the gathering's first day, as a database expression: for each
    gathering the birth-date limits of the groups (so no age arithmetic in SQL)."""
    whens = []
    for gathering in gatherings:
        first_day = timezone.localtime(gathering.starts_at).date()
        for index, (_key, _label, _lowest, below) in enumerate(AGE_GROUPS):
            if below is not None:
                whens.append(
                    When(
                        gathering_id=gathering.pk,
                        participant__birth_date__gt=birth_date_cutoff(first_day, below),
                        then=Value(index),
                    )
                )
    return Case(*whens, default=Value(len(AGE_GROUPS) - 1), output_field=IntegerField())


def report_for(*, user, year: int, organisation=None) -> Report:
    """The year's report for the organisations `user` may see (or the one given, which the
    caller has checked with the policy)."""
    organisations = [organisation] if organisation is not None else list(report_organisations(user))
    gatherings = list(Gathering.objects.filter(year=year).order_by("starts_at", "pk"))
    levels = [level for level in Level.values if any(g.level == level for g in gatherings)]
    report = Report(year=year, organisations=organisations, levels=levels, gatherings=gatherings)
    level_of = {g.pk: g.level for g in gatherings}
    enrolments = policy.visible(
        user,
        Enrolment.objects.filter(
            gathering__year=year, organisation__in=[o.pk for o in organisations]
        ),
        policy.DECIDE,
    )
    confirmed = enrolments.filter(state=State.CONFIRMED)
    _count_states(report, enrolments, level_of)
    _count_ages(report, confirmed, gatherings, level_of)
    _count_completion(report, confirmed, gatherings, level_of)
    return report


def _count_states(report, enrolments, level_of):
    certified = registry.certified_enrolment()
    rows = (
        enrolments.annotate(present=_present_exists())
        .values("organisation_id", "gathering_id")
        .annotate(
            applications=Count("pk"),
            accepted=Count("pk", filter=Q(state=State.CONFIRMED)),
            waiting=Count("pk", filter=Q(waitlisted_at__isnull=False)),
            cancelled=Count("pk", filter=Q(state=State.CANCELLED)),
            attended=Count("pk", filter=Q(state=State.CONFIRMED, present=True)),
            certificates=(Count("pk", filter=Q(certified)) if certified is not None else Value(0)),
        )
        .order_by()
    )
    for row in rows:
        cell = report.cell(row["organisation_id"], level_of[row["gathering_id"]])
        for key in ("applications", "accepted", "waiting", "cancelled", "attended"):
            setattr(cell, key, getattr(cell, key) + row[key])
        cell.certificates += row["certificates"]


def _count_ages(report, confirmed, gatherings, level_of):
    """Who attended, by age group at the gathering's first day."""
    if not gatherings:
        return
    rows = (
        confirmed.filter(_present_exists())
        .annotate(age_group=_age_group_case(gatherings))
        .values("organisation_id", "gathering_id", "age_group")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        cell = report.cell(row["organisation_id"], level_of[row["gathering_id"]])
        cell.ages[AGE_GROUPS[row["age_group"]][0]] += row["count"]


def _count_completion(report, confirmed, gatherings, level_of):
    """Completed per organisation and level, by the one rule (cohorts/completion.py), from
    the attended minutes the database sums per enrolment; and the teaching held."""
    sessions = list(
        Session.objects.filter(gathering__in=[g.pk for g in gatherings])
        .annotate(
            held=Exists(
                Attendance.objects.filter(
                    session_id=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES
                )
            )
        )
        .order_by("starts_at", "pk")
    )
    now = timezone.now()
    session_minutes = {}  # gathering id → {session id: minutes}
    for session in sessions:
        session_minutes.setdefault(session.gathering_id, {})[session.pk] = session.minutes
        if session.held and session.ends_at <= now:
            report.held_sessions.setdefault(session.gathering_id, []).append(session)
    threshold = {g.pk: g.completion_threshold for g in gatherings}
    excused = {}
    for enrolment_id, session_id in Attendance.objects.filter(
        enrolment__in=confirmed, status=Attendance.Status.EXCUSED
    ).values_list("enrolment_id", "session_id"):
        excused.setdefault(enrolment_id, []).append(session_id)
    sums = (
        Attendance.objects.filter(enrolment__in=confirmed)
        .exclude(status=Attendance.Status.EXCUSED)
        .values("enrolment_id", "enrolment__organisation_id", "enrolment__gathering_id")
        .annotate(minutes=Sum("minutes_attended"))
        .order_by()
    )
    taught = set()  # (organisation id, gathering id) where a member attended
    for row in sums:
        gathering_id = row["enrolment__gathering_id"]
        organisation_id = row["enrolment__organisation_id"]
        minutes = session_minutes.get(gathering_id, {})
        attended = row["minutes"] or 0
        # The sum is of minutes already capped at each session's length (attendance service).
        complete = Completion(
            attended_minutes=attended,
            scheduled_minutes=sum(minutes.values()),
            excused_minutes=sum(minutes.get(s, 0) for s in excused.get(row["enrolment_id"], ())),
            threshold=threshold[gathering_id],
        ).complete
        cell = report.cell(organisation_id, level_of[gathering_id])
        cell.completed += int(complete)
        cell.attended_minutes += attended
        if attended:
            taught.add((organisation_id, gathering_id))
    for organisation_id, gathering_id in taught:
        key = (organisation_id, level_of[gathering_id])
        held = sum(s.minutes for s in report.held_sessions.get(gathering_id, ()))
        report.teaching_minutes[key] = report.teaching_minutes.get(key, 0) + held

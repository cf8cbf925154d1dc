"""The report as tables, XLSX and PDF: figures in, rows / bytes out. Pure — no queries.

`year_table` and `funder_table` are the one place that turns a `Report` into shown values
(with small groups as "< 5"); the admin page, the XLSX and the PDF all read them, so the
three never disagree.
"""

import io
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from courses.models import Level
from website.spreadsheets import xlsx_append

from ..pdf import html_to_pdf
from . import charts
from .figures import (
    AGE_GROUP_KEYS,
    AGE_GROUPS,
    FIGURES,
    HIDDEN_TO_PROTECT,
    SUPPRESSED,
    suppress,
)

ALL = "all"  # the total over organisations or over levels, in a grid key
COLUMNS = [key for key, _label in FIGURES] + [("age", key) for key in AGE_GROUP_KEYS]


@dataclass
class Row:
    organisation: str
    level: str  # the level's label, or "All levels" on a total row
    figures: list  # shown values, in FIGURES order
    ages: list  # shown values, in AGE_GROUPS order
    completion_percent: int | None
    participant_hours: float | None = None
    is_total: bool = False

    def shown(self, key):
        return dict(zip([k for k, _l in FIGURES], self.figures, strict=True))[key]


def _counts(report) -> dict:
    """Raw counts per row: (organisation id or ALL, level or ALL) → Counts. The totals over
    organisations only when there is more than one."""
    organisations = [o.pk for o in report.organisations]
    counts = {}
    for organisation in organisations:
        for level in report.levels:
            counts[(organisation, level)] = report.cell(organisation, level)
        counts[(organisation, ALL)] = report.organisation_total(organisation)
    if len(organisations) > 1:
        for level in report.levels:
            counts[(ALL, level)] = report.level_total(level)
        counts[(ALL, ALL)] = report.total()
    return counts


def _relations(counts) -> list:
    """Every sum the tables show: a row's total over levels and over organisations (each
    column), and a row's attended = the sum of its age groups."""
    rows = list(counts)
    relations = []
    for organisation, level in rows:
        for column in COLUMNS:
            if level == ALL:
                parts = [(o, lv, column) for o, lv in rows if o == organisation and lv != ALL]
                relations.append(((organisation, level, column), parts))
            if organisation == ALL:
                parts = [(o, lv, column) for o, lv in rows if lv == level and o != ALL]
                relations.append(((organisation, level, column), parts))
        ages = [(organisation, level, ("age", key)) for key in AGE_GROUP_KEYS]
        relations.append(((organisation, level, "attended"), ages))
    return relations


def _shown_grid(report):
    """(raw counts per row, shown value per (organisation, level, column)): small groups
    and what would give them away hidden (figures.suppress)."""
    counts = _counts(report)
    values = {}
    for (organisation, level), cell in counts.items():
        for key, _label in FIGURES:
            values[(organisation, level, key)] = getattr(cell, key)
        for key in AGE_GROUP_KEYS:
            values[(organisation, level, ("age", key))] = cell.ages[key]
    return counts, suppress(values, _relations(counts))


def _row(name, level_name, key, counts, shown, *, is_total) -> Row:
    cell = counts[key]
    figures = [shown[(*key, column)] for column, _label in FIGURES]
    accepted, completed, attended = (
        shown[(*key, column)] for column in ("accepted", "completed", "attended")
    )
    open_counts = isinstance(accepted, int) and isinstance(completed, int)
    return Row(
        organisation=name,
        level=level_name,
        figures=figures,
        ages=[shown[(*key, ("age", age))] for age in AGE_GROUP_KEYS],
        # a share or a sum of hours would give a hidden count away: only of shown counts
        completion_percent=(
            round(100 * completed / accepted) if open_counts and accepted else None
        ),
        participant_hours=(
            round(cell.attended_minutes / 60, 1) if isinstance(attended, int) else None
        ),
        is_total=is_total,
    )


def empty_row() -> Row:
    """The total of a report without organisations: nothing to count."""
    return Row("", "", [0] * len(FIGURES), [0] * len(AGE_GROUP_KEYS), None, None, True)


def level_label(level) -> str:
    return str(Level(level).label)


def year_table(report) -> list[Row]:
    """One row per organisation and level, a total per organisation, and (with more than one
    organisation) a total per level and in all. The last row is the report's total."""
    counts, shown = _shown_grid(report)
    rows = []
    for organisation in report.organisations:
        for level in report.levels:
            rows.append(
                _row(organisation.name, level_label(level), (organisation.pk, level), counts,
                     shown, is_total=False)
            )  # fmt: skip
        rows.append(
            _row(organisation.name, _("All levels"), (organisation.pk, ALL), counts, shown,
                 is_total=True)
        )  # fmt: skip
    if len(report.organisations) > 1:
        for level in report.levels:
            rows.append(
                _row(_("All organisations"), level_label(level), (ALL, level), counts, shown,
                     is_total=True)
            )  # fmt: skip
        rows.append(
            _row(_("All organisations"), _("All levels"), (ALL, ALL), counts, shown,
                 is_total=True)
        )  # fmt: skip
    return rows


@dataclass
class FunderRow:
    level: str
    participants: object  # attended, shown
    ages: list
    teaching_hours: float
    participant_hours: float | None
    completed: object
    completion_percent: int | None
    certificates: object
    is_total: bool = False


def funder_table(report, organisation) -> list[FunderRow]:
    """The figures a grant report asks for, per level and in all, for one organisation (the
    report made for that organisation alone): the same shown values as its year table."""
    assert report.organisations == [organisation], "a funder report is one organisation's"
    rows = []
    year_rows = year_table(report)
    levels = [*report.levels, None]
    for level, row in zip(levels, year_rows, strict=False):
        rows.append(
            FunderRow(
                level=row.level,
                participants=row.shown("attended"),
                ages=row.ages,
                teaching_hours=report.teaching_hours(organisation.pk, level),
                participant_hours=row.participant_hours,
                completed=row.shown("completed"),
                completion_percent=row.completion_percent,
                certificates=row.shown("certificates"),
                is_total=level is None,
            )
        )
    return rows


def period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# Charts ------------------------------------------------------------------------------------


def _chart(chart_id, title, description, labels, values) -> str:
    bars = [(str(label), value) for label, value in zip(labels, values, strict=True)]
    return charts.bar_chart(chart_id=chart_id, title=title, description=description, bars=bars)


def figures_chart(report, row, *, chart_id="chart-figures") -> str:
    """The figures of one table row (the total, as the page shows it) as a bar chart."""
    title = _("Applications and participants %(year)s") % {"year": report.year}
    description = _(
        "Bar chart of the year's applications and what became of them. "
        "The numbers are in the table under the chart."
    )
    return _chart(chart_id, title, description, [label for _k, label in FIGURES], row.figures)


def ages_chart(report, row, *, chart_id="chart-ages") -> str:
    title = _("Who attended, by age %(year)s") % {"year": report.year}
    description = _(
        "Bar chart of those who attended, by age at the gathering's first day. "
        "The numbers are in the table under the chart."
    )
    labels = [label for _k, label, *_rest in AGE_GROUPS]
    return _chart(chart_id, title, description, labels, row.ages)


# XLSX --------------------------------------------------------------------------------------


def _append(sheet, values, *, bold=False):
    """Typed cells (numbers as numbers, dates as dates, "< 5" as text): the project's one
    spreadsheet rule, website/spreadsheets.py."""
    xlsx_append(sheet, values, bold=bold)


def _workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(sheet, title, subtitle, year):
    starts, ends = period(year)
    _append(sheet, [title], bold=True)
    _append(sheet, [subtitle])
    _append(sheet, [_("Period"), starts, ends])
    _append(sheet, [_("Made"), timezone.localdate()])
    _append(sheet, [_("Counts from 1 to 4 are shown as “< 5” so that nobody can be singled out.")])
    _append(
        sheet,
        [
            _(
                "“%(protecting)s” is a count of 5 or more, hidden so that a total cannot "
                "give a smaller group away."
            )
            % {"protecting": HIDDEN_TO_PROTECT}
        ],
    )
    _append(sheet, [_("Counties: not collected (a profile has a municipality only).")])
    _append(sheet, [])


def year_xlsx(report, *, scope: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")[:31]
    _heading(sheet, _("Report %(year)s") % {"year": report.year}, scope, report.year)
    _append(
        sheet,
        [
            _("Year"),
            _("Organisation"),
            _("Level"),
            *[str(label) for _key, label in FIGURES],
            *[_("Attended, %(age)s") % {"age": label} for _key, label, *_r in AGE_GROUPS],
            _("Completion rate (%)"),
        ],
        bold=True,
    )
    for row in year_table(report):
        _append(
            sheet,
            [
                report.year,
                row.organisation,
                row.level,
                *row.figures,
                *row.ages,
                row.completion_percent,
            ],
            bold=row.is_total,
        )
    gatherings = workbook.create_sheet(_("Gatherings")[:31])
    _append(
        gatherings,
        [
            _("Gathering"),
            _("Level"),
            _("Starts"),
            _("Ends"),
            _("Sessions held"),
            _("Hours of teaching held"),
        ],
        bold=True,
    )
    for gathering in report.gatherings:
        held = report.held_sessions.get(gathering.pk, [])
        _append(
            gatherings,
            [
                gathering.title,
                level_label(gathering.level),
                timezone.localtime(gathering.starts_at).date(),
                timezone.localtime(gathering.ends_at).date(),
                len(held),
                round(sum(s.minutes for s in held) / 60, 1),
            ],
        )
    return _workbook_bytes(workbook)


def funder_xlsx(report, organisation) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Funder report")[:31]
    _heading(
        sheet, _("Funder report %(year)s") % {"year": report.year}, organisation.name, report.year
    )
    _append(sheet, _funder_header(), bold=True)
    for row in funder_table(report, organisation):
        _append(
            sheet,
            [
                row.level,
                row.participants,
                *row.ages,
                row.teaching_hours,
                row.participant_hours,
                row.completed,
                row.completion_percent,
                row.certificates,
            ],
            bold=row.is_total,
        )
    return _workbook_bytes(workbook)


def _funder_header() -> list:
    return [
        _("Level"),
        _("Participants (attended)"),
        *[str(label) for _key, label, *_r in AGE_GROUPS],
        _("Hours of teaching held"),
        _("Participant hours"),
        _("Completed the level"),
        _("Completion rate (%)"),
        _("Certificates"),
    ]


# PDF ---------------------------------------------------------------------------------------


def year_pdf(report, *, scope: str) -> bytes:
    starts, ends = period(report.year)
    rows = year_table(report) or [empty_row()]
    html = render_to_string(
        "cohorts/reports_pdf.html",
        {
            "report": report,
            "scope": scope,
            "starts": starts,
            "ends": ends,
            "rows": rows,
            "figure_labels": [label for _key, label in FIGURES],
            "age_labels": [label for _key, label, *_r in AGE_GROUPS],
            "figures_chart": figures_chart(report, rows[-1], chart_id="pdf-figures"),
            "ages_chart": ages_chart(report, rows[-1], chart_id="pdf-ages"),
            "suppressed": SUPPRESSED,
            "protecting": HIDDEN_TO_PROTECT,
        },
    )
    return html_to_pdf(html)


def funder_pdf(report, organisation) -> bytes:
    starts, ends = period(report.year)
    rows = funder_table(report, organisation)
    html = render_to_string(
        "cohorts/funder_report_pdf.html",
        {
            "report": report,
            "organisation": organisation,
            "suppressed": SUPPRESSED,
            "starts": starts,
            "ends": ends,
            "protecting": HIDDEN_TO_PROTECT,
            "rows": rows,
            "header": _funder_header(),
            "age_labels": [label for _key, label, *_r in AGE_GROUPS],
            "ages_chart": ages_chart(report, rows[-1], chart_id="pdf-funder-ages"),
            "gatherings": [
                g
                for g in report.gatherings
                if (organisation.pk, g.level) in report.teaching_minutes
            ],
        },
    )
    return html_to_pdf(html)

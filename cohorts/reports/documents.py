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
from .figures import AGE_GROUPS, FIGURES, SUPPRESSED, shown


@dataclass
class Row:
    organisation: str
    level: str  # the level's label; "" on a total row
    figures: list  # shown values, in FIGURES order
    ages: list  # shown values, in AGE_GROUPS order
    completion_percent: int | None
    is_total: bool = False


def _row(organisation, level, counts, *, is_total=False) -> Row:
    return Row(
        organisation=organisation,
        level=level,
        figures=[value for _key, _label, value in counts.figures()],
        ages=[value for _key, _label, value in counts.age_figures()],
        completion_percent=counts.completion_percent,
        is_total=is_total,
    )


def level_label(level) -> str:
    return str(Level(level).label)


def year_table(report) -> list[Row]:
    """One row per organisation and level, a total per organisation, and (with more than one
    organisation) a total per level and in all."""
    rows = []
    for organisation in report.organisations:
        for level in report.levels:
            rows.append(
                _row(organisation.name, level_label(level), report.cell(organisation.pk, level))
            )
        rows.append(
            _row(
                organisation.name,
                _("All levels"),
                report.organisation_total(organisation.pk),
                is_total=True,
            )
        )
    if len(report.organisations) > 1:
        for level in report.levels:
            rows.append(
                _row(
                    _("All organisations"),
                    level_label(level),
                    report.level_total(level),
                    is_total=True,
                )
            )
        rows.append(_row(_("All organisations"), _("All levels"), report.total(), is_total=True))
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
    """The figures a grant report asks for, per level and in all, for one organisation."""
    rows = []
    for level in [*report.levels, None]:
        counts = (
            report.cell(organisation.pk, level)
            if level is not None
            else report.organisation_total(organisation.pk)
        )
        rows.append(
            FunderRow(
                level=level_label(level) if level is not None else _("All levels"),
                participants=shown(counts.attended),
                ages=[value for _key, _label, value in counts.age_figures()],
                teaching_hours=report.teaching_hours(organisation.pk, level),
                participant_hours=counts.participant_hours,
                completed=shown(counts.completed),
                completion_percent=counts.completion_percent,
                certificates=shown(counts.certificates),
                is_total=level is None,
            )
        )
    return rows


def period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# Charts ------------------------------------------------------------------------------------


def _chart(chart_id, title, description, values) -> str:
    """A bar chart of (key, label, shown value) triples, as `Counts.figures()` gives them."""
    bars = [(str(label), value) for _key, label, value in values]
    return charts.bar_chart(chart_id=chart_id, title=title, description=description, bars=bars)


def figures_chart(report, *, chart_id="chart-figures", counts=None) -> str:
    counts = counts if counts is not None else report.total()
    title = _("Applications and participants %(year)s") % {"year": report.year}
    description = _(
        "Bar chart of the year's applications and what became of them. "
        "The numbers are in the table under the chart."
    )
    return _chart(chart_id, title, description, counts.figures())


def ages_chart(report, *, chart_id="chart-ages", counts=None) -> str:
    counts = counts if counts is not None else report.total()
    title = _("Who attended, by age %(year)s") % {"year": report.year}
    description = _(
        "Bar chart of those who attended, by age at the gathering's first day. "
        "The numbers are in the table under the chart."
    )
    return _chart(chart_id, title, description, counts.age_figures())


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
    html = render_to_string(
        "cohorts/reports_pdf.html",
        {
            "report": report,
            "scope": scope,
            "starts": starts,
            "ends": ends,
            "rows": year_table(report),
            "figure_labels": [label for _key, label in FIGURES],
            "age_labels": [label for _key, label, *_r in AGE_GROUPS],
            "figures_chart": figures_chart(report, chart_id="pdf-figures"),
            "ages_chart": ages_chart(report, chart_id="pdf-ages"),
            "suppressed": SUPPRESSED,
        },
    )
    return html_to_pdf(html)


def funder_pdf(report, organisation) -> bytes:
    starts, ends = period(report.year)
    html = render_to_string(
        "cohorts/funder_report_pdf.html",
        {
            "report": report,
            "organisation": organisation,
            "suppressed": SUPPRESSED,
            "starts": starts,
            "ends": ends,
            "rows": funder_table(report, organisation),
            "header": _funder_header(),
            "age_labels": [label for _key, label, *_r in AGE_GROUPS],
            "ages_chart": ages_chart(
                report,
                chart_id="pdf-funder-ages",
                counts=report.organisation_total(organisation.pk),
            ),
            "gatherings": [
                g
                for g in report.gatherings
                if (organisation.pk, g.level) in report.teaching_minutes
            ],
        },
    )
    return html_to_pdf(html)

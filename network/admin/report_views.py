"""The network's figures for the organisations' reports (`/admin/rapporter/nettverk/`), with
an XLSX beside the page. For coordinators and administrators; anyone else gets 404 (the access
policy's `require_coordinator`). Counts only, no names: nothing goes to the audit log."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from cohorts.reports.figures import HIDDEN_TO_PROTECT, SUPPRESSED
from website import policy
from website.spreadsheets import xlsx_append

from ..selectors.figures import COLUMNS, MEMBER_COLUMNS, network_figures, report_years

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request, years):
    """The year asked for (`?ar=`), else this year; None for a year with no requests."""
    asked = request.GET.get("ar", "").strip()
    if not asked:
        return timezone.localdate().year
    try:
        year = int(asked)
    except ValueError:
        return None
    return year if year in years else None


@require_safe
def network_report(request):
    policy.require_coordinator(request.user)
    years = report_years()
    year = _year(request, years)
    context = {
        "page_title": _("Network figures"),
        "header_icon": "table",
        "years": years,
        "year": year,
        "suppressed": SUPPRESSED,
        "protecting": HIDDEN_TO_PROTECT,
        "columns": [label for _key, label in COLUMNS],
        "member_columns": [label for _key, label in MEMBER_COLUMNS],
    }
    if year is None:
        context["error"] = _(
            "There are no figures for the year “%(year)s”. Choose one of the years in the list."
        ) % {"year": request.GET.get("ar", "")}
        return render(request, "network/admin/report.html", context, status=404)
    context["figures"] = network_figures(user=request.user, year=year)
    context["page_subtitle"] = str(year)
    return render(request, "network/admin/report.html", context)


def network_report_xlsx_bytes(figures) -> bytes:
    """The page's tables in one sheet, the same suppressed values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Network")[:31]
    xlsx_append(sheet, [_("Network figures"), figures.year], bold=True)
    xlsx_append(
        sheet,
        [_("Counts from 1 to 4 are shown as “%(suppressed)s”.") % {"suppressed": SUPPRESSED}],
    )
    xlsx_append(sheet, [])
    xlsx_append(sheet, [_("Requests"), "", *[label for _k, label in COLUMNS]], bold=True)
    for breakdown in figures.requests:
        xlsx_append(sheet, [str(breakdown.title), _("In all"), *breakdown.total], bold=True)
        for _key, label, values in breakdown.rows:
            xlsx_append(sheet, [str(breakdown.title), str(label), *values])
    xlsx_append(sheet, [])
    xlsx_append(sheet, [f"{_('Members')} ({figures.member_scope})", "", _("Members")], bold=True)
    for breakdown in figures.members:
        xlsx_append(sheet, [str(breakdown.title), _("In all"), *breakdown.total], bold=True)
        for _key, label, values in breakdown.rows:
            xlsx_append(sheet, [str(breakdown.title), str(label), *values])
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@require_safe
def network_report_xlsx(request):
    policy.require_coordinator(request.user)
    year = _year(request, report_years())
    if year is None:
        raise Http404
    content = network_report_xlsx_bytes(network_figures(user=request.user, year=year))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nettverk-{year}.xlsx"'
    return response

"""Reports in the Wagtail admin (/admin/rapporter/): a year's figures per organisation and
level as charts with their tables, XLSX and PDF, and the funder report per organisation.

Coordinators see their own organisations' figures; administrators everyone's (the one
access policy). Another organisation's id answers 404, as one that does not exist. The files
hold counts only, no names, so they are not recorded in the audit log.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from website import policy

from ..models import Organisation
from ..reports import documents
from ..reports.figures import AGE_GROUPS, FIGURES, HIDDEN_TO_PROTECT, SUPPRESSED
from ..reports.selectors import report_for, report_organisations, report_years

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _year(request, years):
    """The year asked for (`?ar=`), else the newest year that has begun; None when the
    asked-for year is not a year with gatherings."""
    asked = request.GET.get("ar", "").strip()
    if not asked:
        this_year = timezone.localdate().year
        return next(
            (year for year in years if year <= this_year), years[-1] if years else this_year
        )
    try:
        year = int(asked)
    except ValueError:
        return None
    return year if year in years else None


def _organisation(request):
    """The organisation asked for (`?organisasjon=`), None for all of one's own; 404 for one
    the user may not see."""
    asked = request.GET.get("organisasjon", "").strip()
    if not asked:
        return None
    return policy.get_or_404(request.user, Organisation.objects.all(), policy.DECIDE, pk=asked)


def _scope_label(organisation, organisations) -> str:
    if organisation is not None:
        return organisation.name
    if len(organisations) == 1:
        return organisations[0].name
    return _("All organisations")


@require_safe
def reports(request):
    policy.require_coordinator(request.user)
    years = report_years()
    organisations = list(report_organisations(request.user))
    organisation = _organisation(request)
    year = _year(request, years)
    context = {
        "page_title": _("Reports"),
        "header_icon": "table",
        "years": years,
        "organisations": organisations,
        "organisation": organisation,
        "year": year,
        "suppressed": SUPPRESSED,
        "protecting": HIDDEN_TO_PROTECT,
    }
    if year is None:
        context["error"] = _(
            "There are no figures for the year “%(year)s”. Choose one of the years in the list."
        ) % {"year": request.GET.get("ar", "")}
        return render(request, "cohorts/admin/reports.html", context, status=404)
    report = report_for(user=request.user, year=year, organisation=organisation)
    rows = documents.year_table(report) or [documents.empty_row()]
    total = rows[-1]  # the report's total, as the tables show it
    context.update(
        {
            "page_subtitle": f"{year} · {_scope_label(organisation, organisations)}",
            "report": report,
            "total": total,
            "figures": [
                (k, label, v) for (k, label), v in zip(FIGURES, total.figures, strict=True)
            ],
            "ages": [
                (k, label, v) for (k, label, *_r), v in zip(AGE_GROUPS, total.ages, strict=True)
            ],
            "figures_chart": documents.figures_chart(report, total),
            "ages_chart": documents.ages_chart(report, total),
            "rows": rows if report.organisations else [],
            "figure_labels": [label for _key, label in FIGURES],
            "age_labels": [label for _key, label, *_r in AGE_GROUPS],
            "gathering_rows": [
                {
                    "gathering": gathering,
                    "sessions_held": len(report.held_sessions.get(gathering.pk, [])),
                    "hours": round(
                        sum(s.minutes for s in report.held_sessions.get(gathering.pk, [])) / 60, 1
                    ),
                }
                for gathering in report.gatherings
            ],
            "funder_organisations": report.organisations,
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "cohorts/admin/reports.html", context)


def _file(content: bytes, file_format: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@require_safe
def report_file(request, file_format):
    """The year's report as XLSX or PDF, for the same choice as the page."""
    policy.require_coordinator(request.user)
    if file_format not in CONTENT_TYPES:
        raise Http404
    organisations = list(report_organisations(request.user))
    organisation = _organisation(request)
    year = _year(request, report_years())
    if year is None:
        raise Http404
    report = report_for(user=request.user, year=year, organisation=organisation)
    scope = _scope_label(organisation, organisations)
    build = documents.year_xlsx if file_format == "xlsx" else documents.year_pdf
    code = organisation.short_code.lower() if organisation is not None else "medvirk"
    return _file(build(report, scope=scope), file_format, f"rapport-{year}-{code}")


@require_safe
def funder_report(request, organisation_pk, file_format):
    """The funder report (tilskuddsrapport) of one organisation and year, in one click."""
    policy.require_coordinator(request.user)
    if file_format not in CONTENT_TYPES:
        raise Http404
    organisation = policy.get_or_404(
        request.user, Organisation.objects.all(), policy.DECIDE, pk=organisation_pk
    )
    year = _year(request, report_years())
    if year is None:
        raise Http404
    report = report_for(user=request.user, year=year, organisation=organisation)
    build = documents.funder_xlsx if file_format == "xlsx" else documents.funder_pdf
    return _file(
        build(report, organisation),
        file_format,
        f"tilskuddsrapport-{year}-{organisation.short_code.lower()}",
    )

"""Staff pages of the evaluations after gatherings (aggregates, and free text only behind the
threshold of evaluation.selectors):

- the module report (/admin/rapporter/moduler/): modules by rating, lowest first, with XLSX;
  for editors (anyone who may edit a page) and administrators;
- a gathering's results (/admin/evaluering/samling/<id>/): for its coordinators and
  administrators (the access policy's RUN; anyone else gets 404, as for a gathering that does
  not exist);
- marking a comment taken in (/admin/evaluering/kommentar/<id>/): for editors of the module.

Nothing here is about a person (answers are anonymous), so nothing is written to the audit
log but the marks themselves (evaluation.services.feedback).
"""

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from openpyxl import Workbook
from wagtail.models import Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from cohorts.models import Gathering
from courses.models import Level
from website import policy
from website.spreadsheets import xlsx_append

from .. import selectors
from ..models import ModuleRating
from ..services.feedback import FeedbackError, comment_mark_addressed, comment_unmark_addressed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_read_module_report(user) -> bool:
    """Editors of the curriculum (any page they may change) and administrators."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or PagePermissionPolicy().user_has_any_permission(
        user, ["change", "publish"]
    )


def _require_report_reader(user) -> None:
    if not may_read_module_report(user):
        raise Http404


def _choice(request, years):
    """The year and level asked for (`?ar=`, `?niva=`); an error text for an unknown one."""
    year, level, error = None, None, ""
    asked_year = request.GET.get("ar", "").strip()
    if asked_year:
        try:
            year = int(asked_year)
        except ValueError:
            year = -1
        if year not in years:
            error = _(
                "There are no evaluations for the year “%(year)s”. Choose one of the years "
                "in the list."
            ) % {"year": asked_year}
            year = None
    asked_level = request.GET.get("niva", "").strip()
    if asked_level:
        if asked_level in Level.values:
            level = asked_level
        else:
            error = _("Choose one of the levels in the list.")
    return year, level, error


@require_safe
def module_report(request):
    _require_report_reader(request.user)
    years = selectors.report_years()
    year, level, error = _choice(request, years)
    rows = [] if error else selectors.module_report(year=year, level=level)
    context = {
        "page_title": _("Modules by rating"),
        "header_icon": "table",
        "years": years,
        "levels": Level.choices,
        "year": year,
        "level": level,
        "error": error,
        "rows": rows,
        "threshold": selectors.TEXT_THRESHOLD,
        "query": request.GET.urlencode(),
    }
    return render(
        request, "evaluation/admin/module_report.html", context, status=400 if error else 200
    )


def _number(value):
    return round(value, 2) if value is not None else None


def module_report_xlsx(rows, *, year, level) -> bytes:
    """The report as a workbook: the modules, and the comments each gathering may show."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Modules")[:31]
    scope = " · ".join(
        str(part)
        for part in (year or _("All years"), Level(level).label if level else _("All levels"))
    )
    xlsx_append(sheet, [_("Modules by rating"), scope], bold=True)
    xlsx_append(
        sheet,
        [
            _("Module"),
            _("Language"),
            _("Gatherings"),
            _("Ratings"),
            _("Usefulness (mean, 1–5)"),
            _("Clarity (mean, 1–5)"),
        ],
        bold=True,
    )
    for row in rows:
        xlsx_append(
            sheet,
            [
                row.page.title if row.page else str(row.module_key),
                row.page.locale.language_code if row.page else "",
                row.gathering_count,
                row.ratings.count,
                _number(row.ratings.usefulness),
                _number(row.ratings.clarity),
            ],
        )
    sheet.column_dimensions["A"].width = 40
    comments = workbook.create_sheet(_("Comments")[:31])
    xlsx_append(comments, [_("Free text may contain sensitive details.")], bold=True)
    xlsx_append(comments, [_("Module"), _("Gathering"), _("Comment")], bold=True)
    for row in rows:
        title = row.page.title if row.page else str(row.module_key)
        for gathering, group in row.comments:
            if not group.shown:
                xlsx_append(comments, [title, gathering.title, _("Too few answers to show")])
            for comment in group.items:
                xlsx_append(comments, [title, gathering.title, comment.text])
    comments.column_dimensions["A"].width = 40
    comments.column_dimensions["B"].width = 30
    comments.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@require_safe
def module_report_file(request):
    _require_report_reader(request.user)
    year, level, error = _choice(request, selectors.report_years())
    if error:
        raise Http404
    rows = selectors.module_report(year=year, level=level, with_comments=True)
    response = HttpResponse(module_report_xlsx(rows, year=year, level=level), content_type=XLSX)
    name = "-".join(str(part) for part in ("moduler", year, level) if part)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_safe
def gathering_results(request, pk):
    gathering = policy.get_or_404(request.user, Gathering.objects.all(), policy.RUN, pk=pk)
    results = selectors.gathering_evaluation(gathering)
    context = {
        "page_title": _("Evaluation"),
        "page_subtitle": gathering.title,
        "header_icon": "list-ul",
        "gathering": gathering,
        "results": results,
        "threshold": selectors.TEXT_THRESHOLD,
    }
    return render(request, "evaluation/admin/gathering_results.html", context)


def _module_page_for(request, rating):
    """The module's page the editor came from (`?side=`), else the Norwegian one; 404 unless
    it is a page of this module the user may edit."""
    pages = Page.objects.filter(translation_key=rating.module_key).select_related("locale")
    asked = request.POST.get("side") or request.GET.get("side")
    if asked:
        page = pages.filter(pk=asked if str(asked).isdigit() else 0).first()
    else:
        page = pages.filter(locale__language_code="nb").first() or pages.first()
    if page is None or not page.permissions_for_user(request.user).can_edit():
        raise Http404
    return page.specific


@require_http_methods(["GET", "HEAD", "POST"])
def comment_mark(request, rating_id):
    """Mark one comment taken in by a version of the module's page (the newest chosen), or
    take the mark back."""
    rating = get_object_or_404(
        ModuleRating.objects.select_related("response__gathering", "addressed"), pk=rating_id
    )
    page = _module_page_for(request, rating)
    if not selectors.comment_is_shown(rating):
        raise Http404
    revisions = list(
        Revision.page_revisions.filter(object_id=str(page.pk))
        .select_related("user")
        .order_by("-created_at", "-pk")[:20]
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) + "#tab-feedback"
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "unmark":
                comment_unmark_addressed(rating=rating, user=request.user)
                messages.success(request, _("The comment is no longer marked as taken in."))
            else:
                revision = next(
                    (r for r in revisions if str(r.pk) == request.POST.get("revision", "")), None
                )
                comment_mark_addressed(rating=rating, revision=revision, user=request.user)
                messages.success(request, _("The comment is marked as taken in."))
            return redirect(edit_url)
        except FeedbackError as refusal:
            error = refusal.message
    for revision in revisions:
        user = revision.user
        revision.saved_by = (user.get_full_name() or user.email) if user else ""
    mark = getattr(rating, "addressed", None)
    context = {
        "page_title": _("Mark a comment as taken in"),
        "page_subtitle": page.title,
        "header_icon": "comment",
        "rating": rating,
        "module_page": page,
        "revisions": revisions,
        "mark": mark,
        "chosen": mark.revision_id if mark and mark.revision_id else None,
        "edit_url": edit_url,
        "error": error,
    }
    return render(
        request, "evaluation/admin/comment_mark.html", context, status=400 if error else 200
    )

"""/admin/rapporter/ (registered in cohorts/wagtail_hooks.py)."""

from django.urls import path

from ..views import reports

urlpatterns = [
    path("", reports.reports, name="cohorts_reports"),
    path("rapport.<str:file_format>", reports.report_file, name="cohorts_reports_file"),
    path(
        "tilskudd/<int:organisation_pk>.<str:file_format>",
        reports.funder_report,
        name="cohorts_reports_funder",
    ),
]

"""Retention in the admin, for administrators: what the daily task would delete now (a dry
run), and running it at once."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from website import policy

from . import services


def retention_preview(request):
    policy.require_administrator(request.user)
    if request.method == "POST":
        results = services.retention_apply()
        messages.success(
            request,
            _("Deleted by the retention rules: %(summary)s.")
            % {"summary": ", ".join(f"{r.title}: {r.count}" for r in results)},
        )
        return redirect("cohorts_admin_retention")
    return render(
        request,
        "privacy/admin/retention.html",
        {
            "results": services.retention_apply(dry_run=True),
            "page_title": _("Retention"),
            "page_subtitle": _("What would be deleted now"),
            "header_icon": "bin",
        },
    )

"""Exceptions from the level rules, for administrators (design rule 4)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from website import policy

from .. import services
from ..forms import ProgressionExceptionForm
from ..models import ProgressionException


def exceptions(request):
    policy.require_administrator(request.user)
    form = ProgressionExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.progression_exception_grant(
                participant=form.participant,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except services.ProgressionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The exception is recorded."))
            return redirect("cohorts_admin_exceptions")
    return render(
        request,
        "cohorts/admin/exceptions.html",
        {
            "form": form,
            "exceptions": ProgressionException.objects.select_related(
                "participant", "granted_by"
            ).order_by("-granted_at"),
            "page_title": _("Exceptions from the level rules"),
            "header_icon": "help",
        },
        status=400 if form.errors else 200,
    )

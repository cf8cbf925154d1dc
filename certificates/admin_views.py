"""Coordinators issue certificates in bulk from a gathering (a background job with a
progress bar), download them as one zip file, and revoke or re-issue them."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.models import Gathering
from cohorts.selectors import attendance_report
from people.models import Organisation
from website import policy
from website.jobs import job_latest, job_state
from website.parsing import whole_number

from .models import Certificate
from .services import (
    ERRORS,
    ISSUE_JOB,
    ZIP_JOB,
    CertificateError,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_start,
    certificates_zip_start,
)

JOB_SHOWN = timedelta(days=1)


def _gathering(request, pk):
    """A gathering where the user may see applications (policy.VIEW), for coordinators of an
    organisation: certificates are issued per organisation (policy.DECIDE)."""
    if not policy.visible(request.user, Organisation.objects.all(), policy.DECIDE).exists():
        raise Http404
    return policy.get_or_404(request.user, Gathering.objects.all(), policy.VIEW, pk=pk)


def issue(request, pk):
    """Confirmed participants of your organisations: eligible or not, and why; choose, issue."""
    gathering = _gathering(request, pk)
    own = set(
        policy.visible(request.user, Organisation.objects.all(), policy.DECIDE).values_list(
            "pk", flat=True
        )
    )
    rows = [
        r
        for r in attendance_report(gathering=gathering)["rows"]
        if r["enrolment"].organisation_id in own
    ]
    if request.method == "POST":
        enrolments = request.POST.getlist("enrolment")
        chosen = {whole_number(value, max_digits=18) for value in enrolments} - {None}
        chosen_rows = [row["enrolment"] for row in rows if row["enrolment"].pk in chosen]
        if not chosen_rows:
            messages.error(request, _("Choose at least one participant."))
        else:
            try:
                certificates_issue_start(
                    gathering=gathering,
                    enrolments=chosen_rows,
                    actor=request.user,
                    exception_reasons={pk: request.POST.get(f"reason-{pk}", "") for pk in chosen},
                )
            except CertificateError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("The certificates are being issued. Progress is shown below.")
                )
        return redirect("certificates_admin_issue", pk=gathering.pk)
    live = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__gathering=gathering, revoked_at__isnull=True)
    }
    for row in rows:
        row["certificate"] = live.get(row["enrolment"].pk)
    can_zip = policy.permits(request.user, policy.RUN, gathering)
    return render(
        request,
        "certificates/admin/issue.html",
        {
            "gathering": gathering,
            "rows": rows,
            "issue_job": _job_state(request.user, ISSUE_JOB, gathering),
            "zip_job": _job_state(request.user, ZIP_JOB, gathering) if can_zip else None,
            "can_zip": can_zip and any(row["certificate"] for row in rows),
            "network_refusal": ERRORS["network_gathering"],
            "page_title": gathering.title,
            "page_subtitle": _("Certificates"),
            "header_icon": "doc-full",
        },
    )


def _job_state(user, kind, gathering):
    """The user's newest job of this kind for the gathering, while it runs and for a day."""
    return job_state(
        job_latest(user=user, kind=kind, subject=f"gathering:{gathering.pk}", since=JOB_SHOWN)
    )


@require_POST
def zip_start(request, pk):
    """Start building the zip of the gathering's certificates (its coordinators and
    administrators; a coordinator's holds their own organisations' participants only)."""
    gathering = policy.get_or_404(request.user, Gathering.objects.all(), policy.RUN, pk=pk)
    certificates_zip_start(gathering=gathering, actor=request.user)
    messages.success(request, _("The zip file is being made. Progress is shown below."))
    return redirect("certificates_admin_issue", pk=gathering.pk)


@require_POST
def change(request, pk, action):
    """Revoke, or revoke and issue anew with a new code; a reason is required either way."""
    certificate = policy.get_or_404(
        request.user, Certificate.objects.select_related("enrolment"), policy.DECIDE, pk=pk
    )
    if action not in ("revoke", "reissue"):
        raise Http404
    reason = request.POST.get("reason", "")
    try:
        if action == "revoke":
            certificate_revoke(certificate=certificate, actor=request.user, reason=reason)
            messages.success(request, _("The certificate is revoked."))
        else:
            new = certificate_reissue(certificate=certificate, actor=request.user, reason=reason)
            messages.success(
                request, _("Issued anew with the code %(code)s.") % {"code": new.display_code}
            )
    except CertificateError as error:
        messages.error(request, error.message)
    return redirect("certificates_admin_issue", pk=certificate.enrolment.gathering_id)

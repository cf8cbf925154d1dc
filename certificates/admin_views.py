"""Coordinators issue certificates in bulk from a gathering, and revoke or re-issue them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.models import Gathering
from cohorts.selectors import attendance_report
from people.models import Organisation
from website import policy
from website.parsing import whole_number

from .models import Certificate
from .services import (
    CertificateError,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_many,
)


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
        summary = certificates_issue_many(
            enrolments=[row["enrolment"] for row in rows if row["enrolment"].pk in chosen],
            actor=request.user,
            exception_reasons={pk: request.POST.get(f"reason-{pk}", "") for pk in chosen},
        )
        for enrolment, message in summary.refused:
            messages.error(request, f"{enrolment.participant.full_name}: {message}")
        if summary.issued:
            messages.success(
                request,
                _("%(count)s certificates issued; they are e-mailed to the participants.")
                % {"count": len(summary.issued)},
            )
        return redirect("certificates_admin_issue", pk=gathering.pk)
    live = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__gathering=gathering, revoked_at__isnull=True)
    }
    for row in rows:
        row["certificate"] = live.get(row["enrolment"].pk)
    return render(
        request,
        "certificates/admin/issue.html",
        {
            "gathering": gathering,
            "rows": rows,
            "page_title": gathering.title,
            "page_subtitle": _("Certificates"),
            "header_icon": "doc-full",
        },
    )


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

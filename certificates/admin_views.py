"""Coordinators issue certificates in bulk from a gathering, and revoke or re-issue them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.selectors import (
    attendance_report,
    gatherings_for_coordinator,
    organisations_for_coordinator,
)
from website.parsing import whole_number

from .models import Certificate
from .services import CertificateError, certificate_issue, certificate_reissue, certificate_revoke


def _gathering(request, pk):
    if not (request.user.is_superuser or request.user.coordinated_organisations.exists()):
        raise Http404
    return get_object_or_404(gatherings_for_coordinator(request.user), pk=pk)


def issue(request, pk):
    """Confirmed participants of your organisations: eligible or not, and why; choose, issue."""
    gathering = _gathering(request, pk)
    own = set(organisations_for_coordinator(request.user).values_list("pk", flat=True))
    rows = [
        r
        for r in attendance_report(gathering=gathering)["rows"]
        if r["enrolment"].organisation_id in own
    ]
    live = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__gathering=gathering, revoked_at__isnull=True)
    }
    if request.method == "POST":
        enrolments = request.POST.getlist("enrolment")
        chosen = {whole_number(value, max_digits=18) for value in enrolments} - {None}
        issued = 0
        for row in rows:
            enrolment = row["enrolment"]
            if enrolment.pk not in chosen or enrolment.pk in live:
                continue
            try:
                certificate_issue(
                    enrolment=enrolment,
                    actor=request.user,
                    exception_reason=request.POST.get(f"reason-{enrolment.pk}", ""),
                )
                issued += 1
            except CertificateError as error:
                messages.error(request, f"{enrolment.participant.full_name}: {error.message}")
        if issued:
            messages.success(
                request,
                _("%(count)s certificates issued; they are e-mailed to the participants.")
                % {"count": issued},
            )
        return redirect("certificates_admin_issue", pk=gathering.pk)
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
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment"),
        pk=pk,
        enrolment__organisation__in=organisations_for_coordinator(request.user),
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

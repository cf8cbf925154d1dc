"""Coordinator views in the Wagtail admin: overview, review queue, participant details, export.

A coordinator sees personal data only for their own organisations' applicants; administrators
see all. Every display or export of sensitive fields is recorded (design rule 6).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports, services
from ..models import Enrolment, Participant, SensitiveDataAccess
from ..selectors import (
    enrolment_list_for_coordinator,
    gathering_overview,
    gatherings_for_coordinator,
    organisations_for_coordinator,
    waitlist_position,
)

State = Enrolment.State
DECISIONS = {
    "accept": (State.APPLIED, State.WAITLISTED),
    "reject": (State.APPLIED, State.WAITLISTED),
    "waitlist": (State.APPLIED,),
}


def is_coordinator(user) -> bool:
    return user.is_superuser or user.coordinated_organisations.exists()


def _require_coordinator(user):
    if not is_coordinator(user):
        raise PermissionDenied


def _gathering_for(user, pk):
    return get_object_or_404(gatherings_for_coordinator(user), pk=pk)


def _enrolment_for(user, pk):
    """An enrolment through one of the user's organisations — anything else is 404."""
    return get_object_or_404(
        Enrolment.objects.select_related("participant__user", "gathering", "organisation"),
        pk=pk,
        organisation__in=organisations_for_coordinator(user),
    )


def gathering_index(request):
    _require_coordinator(request.user)
    gatherings = gatherings_for_coordinator(request.user).order_by("-starts_at")
    return render(
        request,
        "cohorts/admin/gathering_index.html",
        {"gatherings": gatherings, "page_title": _("Applications"), "header_icon": "group"},
    )


def gathering_review(request, pk):
    _require_coordinator(request.user)
    gathering = _gathering_for(request.user, pk)
    enrolments = list(enrolment_list_for_coordinator(user=request.user, gathering=gathering))
    for enrolment in enrolments:
        enrolment.position = waitlist_position(enrolment)
        enrolment.decisions = [d for d, states in DECISIONS.items() if enrolment.state in states]
    return render(
        request,
        "cohorts/admin/gathering_review.html",
        {
            "gathering": gathering,
            "overview": gathering_overview(gathering),
            "enrolments": enrolments,
            "page_title": gathering.title,
            "page_subtitle": _("Applications"),
            "header_icon": "group",
        },
    )


@require_POST
def enrolment_decide(request, pk, decision):
    _require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    if decision not in DECISIONS:
        raise PermissionDenied
    try:
        services.enrolment_decide(
            enrolment=enrolment,
            decision=decision,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except services.EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(state)s")
            % {
                "name": enrolment.participant.full_name,
                "state": Enrolment.objects.get(pk=pk).get_state_display(),
            },
        )
    return redirect("cohorts_admin_review", pk=enrolment.gathering_id)


def participant_detail(request, pk):
    """One applicant with sensitive fields; the view is recorded."""
    _require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    participant = enrolment.participant
    SensitiveDataAccess.objects.create(
        viewer=request.user, participant=participant, context="detail"
    )
    sensitive = [
        (Participant._meta.get_field(name).verbose_name, getattr(participant, name))
        for name in Participant.SENSITIVE_FIELDS
    ]
    return render(
        request,
        "cohorts/admin/participant_detail.html",
        {
            "enrolment": enrolment,
            "participant": participant,
            "sensitive": sensitive,
            "events": enrolment.events.select_related("actor"),
            "page_title": participant.full_name,
            "page_subtitle": enrolment.gathering.title,
            "header_icon": "user",
        },
    )


def export(request, pk, file_format):
    """The participant list of the user's own organisations, as CSV or XLSX; recorded."""
    _require_coordinator(request.user)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    gathering = _gathering_for(request.user, pk)
    enrolments = list(
        enrolment_list_for_coordinator(user=request.user, gathering=gathering).filter(
            state__in=Enrolment.LIVE_STATES
        )
    )
    header, rows = exports.participant_rows(enrolments, include_sensitive=True)
    SensitiveDataAccess.objects.bulk_create(
        [
            SensitiveDataAccess(viewer=request.user, participant=e.participant, context="export")
            for e in enrolments
        ]
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"deltakere-{gathering.slug}-{stamp}"
    if file_format == "xlsx":
        content = exports.to_xlsx(header, rows, title=gathering.slug)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.to_csv(header, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response

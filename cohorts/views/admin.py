"""Coordinator views in the Wagtail admin: overview, review queue, participant details, export.

A coordinator sees personal data only for their own organisations' applicants; administrators
see all. Every display or export of sensitive fields is recorded (design rule 6).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from website import policy

from .. import exports, services
from ..models import Enrolment, Gathering, Participant
from ..selectors import (
    enrolment_list_for_coordinator,
    gathering_overview,
    invite_overview,
    waitlist_position,
)
from .calendar import feed_links


def _gathering_for(user, pk):
    return policy.get_or_404(user, Gathering.objects.all(), policy.VIEW, pk=pk)


def _enrolment_for(user, pk):
    """An enrolment through one of the user's organisations — anything else is 404."""
    return policy.get_or_404(
        user,
        Enrolment.objects.select_related("participant__user", "gathering", "organisation"),
        policy.DECIDE,
        pk=pk,
    )


def gathering_index(request):
    policy.require_coordinator(request.user)
    gatherings = policy.visible(request.user, Gathering.objects.all()).order_by("-starts_at")
    return render(
        request,
        "cohorts/admin/gathering_index.html",
        {
            "gatherings": gatherings,
            "feed": feed_links(request, services.calendar_feed_for(request.user)),
            "page_title": _("Applications"),
            "header_icon": "group",
        },
    )


def gathering_review(request, pk):
    policy.require_coordinator(request.user)
    gathering = _gathering_for(request.user, pk)
    enrolments = list(enrolment_list_for_coordinator(user=request.user, gathering=gathering))
    for enrolment in enrolments:
        enrolment.position = waitlist_position(enrolment)
        enrolment.decisions = services.decisions_for(enrolment)
    can_check_in = policy.permits(request.user, policy.RUN, gathering)
    invites_due = (
        invite_overview(gathering)[1]["due"]
        if can_check_in and gathering.ends_at > timezone.now()
        else 0
    )
    return render(
        request,
        "cohorts/admin/gathering_review.html",
        {
            "gathering": gathering,
            "overview": gathering_overview(gathering),
            "enrolments": enrolments,
            "can_check_in": can_check_in,
            "invites_due": invites_due,
            "page_title": gathering.title,
            "page_subtitle": _("Applications"),
            "header_icon": "group",
        },
    )


@require_POST
def enrolment_decide(request, pk, decision):
    policy.require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    if decision not in services.DECISIONS:
        raise Http404
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


MOVE_LABELS = {
    "accept": gettext_lazy("Accept"),
    "reject": gettext_lazy("Reject"),
    "waitlist": gettext_lazy("Waiting list"),
    # Cancelling an application ("Meld av"), not a form's Cancel ("Avbryt").
    "cancel": pgettext_lazy("move on an application", "Cancel"),
}


def _moves_for(enrolment):
    return [(move, MOVE_LABELS[move]) for move in services.moves_for(enrolment)]


@require_POST
def enrolment_move(request, pk):
    """Move one application with a reason (recorded in its history)."""
    policy.require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    try:
        services.enrolment_move(
            enrolment=enrolment,
            to=request.POST.get("to", ""),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except services.EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The application is updated."))
    return redirect("cohorts_admin_participant", pk=pk)


@require_POST
def bulk_decide(request, pk):
    """Bulk accept/reject/waitlist: the first POST shows what will happen, the second does it."""
    policy.require_coordinator(request.user)
    gathering = _gathering_for(request.user, pk)
    decision = request.POST.get("decision", "")
    selected = enrolment_list_for_coordinator(user=request.user, gathering=gathering).filter(
        pk__in=request.POST.getlist("enrolment")
    )
    selected = [e for e in selected if decision in services.decisions_for(e)]
    if not selected:
        messages.error(request, _("Choose at least one application that this action applies to."))
        return redirect("cohorts_admin_review", pk=pk)
    if request.POST.get("confirmed") != "yes":
        return render(
            request,
            "cohorts/admin/bulk_confirm.html",
            {
                "gathering": gathering,
                "decision": decision,
                "decision_label": MOVE_LABELS[decision],
                "enrolments": selected,
                "page_title": gathering.title,
                "page_subtitle": _("Confirm"),
                "header_icon": "group",
            },
        )
    done, refused = services.enrolment_decide_many(
        enrolments=selected, decision=decision, actor=request.user
    )
    if done:
        messages.success(request, _("%(count)s applications updated.") % {"count": len(done)})
    for enrolment, message in refused:
        messages.error(request, f"{enrolment.participant.full_name}: {message}")
    return redirect("cohorts_admin_review", pk=pk)


def participant_detail(request, pk):
    """One applicant with sensitive fields; the view is recorded."""
    policy.require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    participant = enrolment.participant
    services.personal_data_viewed(
        viewer=request.user, participant=participant, object_label=enrolment.gathering.title
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
            "moves": _moves_for(enrolment),
            "page_title": participant.full_name,
            "page_subtitle": enrolment.gathering.title,
            "header_icon": "user",
        },
    )


def export(request, pk, file_format):
    """The participant list of the user's own organisations, as CSV or XLSX; recorded."""
    policy.require_coordinator(request.user)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    gathering = _gathering_for(request.user, pk)
    enrolments = list(
        enrolment_list_for_coordinator(user=request.user, gathering=gathering).filter(
            state__in=Enrolment.LIVE_STATES
        )
    )
    header, rows = exports.participant_rows(enrolments, include_sensitive=True)
    services.personal_data_exported(
        viewer=request.user,
        participants=[e.participant for e in enrolments],
        object_label=gathering.title,
        what=_("Participant list (%(format)s)") % {"format": file_format.upper()},
        sensitive=True,
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

"""Coordinator views in the Wagtail admin: overview, review queue, participant details, export.

A coordinator sees personal data only for their own organisations' applicants; administrators
see all. Every display or export of sensitive fields is recorded (design rule 6).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.paginator import WagtailPaginator

from website import policy

from .. import exports, services
from ..applications import ApplicationFilterSet, application_rows, state_counts
from ..models import Enrolment, Gathering, Participant
from ..selectors import (
    enrolment_list_for_coordinator,
    gathering_overview,
    invites_due_count,
)
from .calendar import feed_links

# Applications per page of the list (a busy season has hundreds per gathering).
PAGE_SIZE = 50


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
    gatherings = list(policy.visible(request.user, Gathering.objects.all()).order_by("-starts_at"))
    counts = state_counts(user=request.user, gatherings=gatherings)
    for gathering in gatherings:
        states = counts.get(gathering.pk, {})
        gathering.to_decide = states.get(Enrolment.State.APPLIED, 0)
        gathering.confirmed = states.get(Enrolment.State.CONFIRMED, 0)
        gathering.guardian_pending = states.get(Enrolment.State.GUARDIAN_PENDING, 0)
        gathering.waitlisted = states.get(Enrolment.State.WAITLISTED, 0)
        gathering.offered = states.get(Enrolment.State.OFFERED, 0)
    return render(
        request,
        "cohorts/admin/gathering_index.html",
        {
            "gatherings": gatherings,
            "to_decide": sum(g.to_decide for g in gatherings),
            "feed": feed_links(request, services.calendar_feed_for(request.user)),
            "page_title": _("Applications"),
            "header_icon": "group",
        },
    )


def _application_list(request, gathering=None):
    """The filtered, sorted page of applications, and the filters (shown with their errors).
    An invalid filter value is pointed out and filters nothing."""
    rows = application_rows(user=request.user, gathering=gathering)
    filters = ApplicationFilterSet(request.GET or None, rows, request=request, gathering=gathering)
    if filters.is_bound and not filters.is_valid():
        messages.error(request, _("Some filters could not be used. Check the marked fields."))
        filtered = rows
    else:
        filtered = filters.qs
    paginator = WagtailPaginator(filtered, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    today = timezone.localdate()
    for enrolment in page.object_list:
        enrolment.age = enrolment.participant.age_on(today)
        enrolment.position = (
            enrolment.ahead + 1 if enrolment.state == Enrolment.State.WAITLISTED else None
        )
        enrolment.decisions = services.decisions_for(enrolment)
    query = request.GET.copy()
    query.pop("p", None)
    return {
        "filters": filters,
        "page": page,
        "elided_page_range": list(paginator.get_elided_page_range(page.number)),
        "enrolments": page.object_list,
        "query": query.urlencode(),
        "is_filtering": any(
            value for key, value in request.GET.items() if key not in ("p", "sort")
        ),
        "decision_choices": [(d, MOVE_LABELS[d]) for d in services.DECISIONS],
    }


def gathering_review(request, pk):
    policy.require_coordinator(request.user)
    gathering = _gathering_for(request.user, pk)
    can_check_in = policy.permits(request.user, policy.RUN, gathering)
    invites_due = (
        invites_due_count(gathering) if can_check_in and gathering.ends_at > timezone.now() else 0
    )
    return render(
        request,
        "cohorts/admin/gathering_review.html",
        {
            "gathering": gathering,
            "overview": gathering_overview(gathering),
            **_application_list(request, gathering),
            "bulk_url": reverse("cohorts_admin_bulk", args=[gathering.pk]),
            "can_check_in": can_check_in,
            "invites_due": invites_due,
            "page_title": gathering.title,
            "page_subtitle": _("Applications"),
            "header_icon": "group",
        },
    )


def applications_all(request):
    """Every application the coordinator decides, across gatherings (filter by level or
    gathering): the same list, filters and bulk decisions as one gathering's."""
    policy.require_coordinator(request.user)
    return render(
        request,
        "cohorts/admin/gathering_review.html",
        {
            **_application_list(request),
            "bulk_url": reverse("cohorts_admin_bulk_all"),
            "page_title": _("All applications"),
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


def _list_url(gathering, query: str) -> str:
    """Back to the list the user came from, with its filters (parsed, so only parameters)."""
    url = (
        reverse("cohorts_admin_review", args=[gathering.pk])
        if gathering
        else reverse("cohorts_admin_applications")
    )
    query = QueryDict(query).urlencode()
    return f"{url}?{query}" if query else url


def _outcome_summary(outcomes):
    """One sentence per outcome, with the names under it, in the order people read them."""
    groups = {}
    for enrolment, outcome in outcomes:
        groups.setdefault(outcome, []).append(enrolment)
    return [
        {
            "outcome": outcome,
            "text": _outcome_text(outcome, len(groups[outcome])),
            "enrolments": groups[outcome],
        }
        for outcome in services.OUTCOMES
        if outcome in groups
    ]


def _outcome_text(outcome, count):
    texts = {
        services.OUTCOME_CONFIRMED: ngettext(
            "%(count)s will be accepted and get a confirmed seat.",
            "%(count)s will be accepted and get a confirmed seat.",
            count,
        ),
        services.OUTCOME_GUARDIAN: ngettext(
            "%(count)s under 18 will be accepted; the seat is held until the guardian confirms.",
            "%(count)s under 18 will be accepted; the seats are held until the guardians confirm.",
            count,
        ),
        services.OUTCOME_NO_SEAT: ngettext(
            "%(count)s cannot be accepted: no free seat for their organisation, neither in its "
            "quota nor in the pool. The application stays as it is.",
            "%(count)s cannot be accepted: no free seat for their organisation, neither in its "
            "quota nor in the pool. The applications stay as they are.",
            count,
        ),
        services.OUTCOME_WAITLISTED: ngettext(
            "%(count)s will go on the waiting list.",
            "%(count)s will go on the waiting list.",
            count,
        ),
        services.OUTCOME_REJECTED: ngettext(
            "%(count)s will not be accepted.",
            "%(count)s will not be accepted.",
            count,
        ),
        services.OUTCOME_WRONG_STATE: ngettext(
            "%(count)s is left as it is: this cannot be done with the application as it is now.",
            "%(count)s are left as they are: this cannot be done with the applications as they "
            "are now.",
            count,
        ),
    }
    return texts[outcome] % {"count": count}


@require_POST
def bulk_decide(request, pk=None):
    """Bulk accept/reject/waitlist: the first POST shows what will happen to whom (a dry run by
    the same rules), the second does it."""
    policy.require_coordinator(request.user)
    gathering = _gathering_for(request.user, pk) if pk is not None else None
    back = _list_url(gathering, request.POST.get("query", ""))
    decision = request.POST.get("decision", "")
    if decision not in services.DECISIONS:
        messages.error(request, _("Choose what to do with the chosen applications."))
        return redirect(back)
    chosen = [value for value in request.POST.getlist("enrolment") if value.isdigit()]
    selected = application_rows(user=request.user, gathering=gathering).filter(pk__in=chosen)
    selected = [e for e in selected if decision in services.decisions_for(e)]
    if not selected:
        messages.error(request, _("Choose at least one application that this action applies to."))
        return redirect(back)
    if request.POST.get("confirmed") != "yes":
        outcomes = services.enrolment_decide_preview(enrolments=selected, decision=decision)
        return render(
            request,
            "cohorts/admin/bulk_confirm.html",
            {
                "gathering": gathering,
                "action_url": request.path,
                "back": back,
                "query": request.POST.get("query", ""),
                "decision": decision,
                "decision_label": MOVE_LABELS[decision],
                "enrolments": selected,
                "summary": _outcome_summary(outcomes),
                "page_title": gathering.title if gathering else _("All applications"),
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
    return redirect(back)


@require_POST
def enrolment_transfer(request, pk):
    """Move one application to another gathering, with a reason; the target's rules apply."""
    policy.require_coordinator(request.user)
    enrolment = _enrolment_for(request.user, pk)
    chosen = request.POST.get("gathering", "")
    targets = services.move_targets(user=request.user, enrolment=enrolment)
    target = targets.filter(pk=chosen).first() if chosen.isdigit() else None
    if target is None:
        messages.error(request, _("Choose a gathering to move the application to."))
        return redirect("cohorts_admin_participant", pk=pk)
    try:
        moved = services.enrolment_transfer(
            enrolment=enrolment,
            gathering=target,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect("cohorts_admin_participant", pk=pk)
    messages.success(
        request,
        _("The application is moved to %(gathering)s: %(state)s")
        % {"gathering": target.title, "state": moved.get_state_display()},
    )
    return redirect("cohorts_admin_participant", pk=moved.pk)


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
            "move_targets": (
                services.move_targets(user=request.user, enrolment=enrolment)
                if enrolment.state in Enrolment.LIVE_STATES
                else []
            ),
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

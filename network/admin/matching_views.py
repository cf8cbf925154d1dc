"""Coordinators' matching in the Wagtail admin (issue 18 item 4): the requests, one request's
page with its history, invitations and the members who match, and the POSTs that invite,
withdraw, confirm and close.

Who: coordinators of an organisation and administrators (`may_match`); everyone else 404.
Every coordinator sees every confirmed request (no participant data), but the members they
are shown are the access policy's: their own organisations' members, and members visible
network-wide. Each profile shown is a sensitive view in the audit log (design rule 6).
"""

import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator

from people.models import Organisation
from website import policy

from ..models import (
    AssignmentFeedback,
    County,
    Field,
    Membership,
    RequestInvitation,
    ServiceRequest,
)
from ..selectors.requests import matching_members, request_invitations, requests_for_staff
from ..services import matching
from ..services.history import step_label

PAGE_SIZE = 50
STAFF_STATES = [choice for choice in ServiceRequest.State.choices if choice[0] != "unverified"]


def may_match(user) -> bool:
    """Coordinators of an organisation and administrators (they invite for an organisation)."""
    return policy.visible(user, Organisation.objects.all(), policy.DECIDE).exists()


def _require(user) -> None:
    if not may_match(user):
        raise Http404


def _request_for(user, pk) -> ServiceRequest:
    return policy.get_or_404(user, requests_for_staff(user), policy.VIEW, pk=pk)


class RequestFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=STAFF_STATES, empty_label=gettext_lazy("All")
    )
    field = django_filters.ChoiceFilter(
        label=pgettext_lazy("network", "Field"),
        choices=Field.choices,
        empty_label=gettext_lazy("All"),
    )
    county = django_filters.ChoiceFilter(
        label=gettext_lazy("County"),
        choices=[*County.choices, ("digital", gettext_lazy("Digital"))],
        empty_label=gettext_lazy("All"),
        method="filter_county",
    )

    class Meta:
        model = ServiceRequest
        fields = []

    def filter_county(self, queryset, name, value):
        if value == "digital":
            return queryset.filter(digital=True)
        return queryset.filter(county=value)


def request_index(request):
    """`/admin/nettverk/foresporsler/`: confirmed requests, newest first, with filters."""
    _require(request.user)
    rows = requests_for_staff(request.user)
    filters = RequestFilterSet(request.GET or None, rows, request=request)
    if filters.is_bound and not filters.is_valid():
        messages.error(request, _("Some filters could not be used. Check the marked fields."))
        filtered = rows
    else:
        filtered = filters.qs
    page = WagtailPaginator(filtered, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "network/admin/request_index.html",
        {
            "page_obj": page,
            "filters": filters,
            "is_filtering": any(request.GET.get(name) for name in filters.filters),
            "page_title": _("Requests"),
            "header_icon": "mail",
        },
    )


def request_detail(request, pk):
    """One request: what it asks, its history, its invitations and the members who match."""
    _require(request.user)
    return _detail(request, _request_for(request.user, pk))


def _detail(request, service_request, *, error=None, status=200):
    """The request's page; with `error` (a refused POST) the message above it, answered 400
    with what was typed kept."""
    members = (
        matching_members(user=request.user, service_request=service_request)
        if service_request.state in matching.INVITABLE
        else []
    )
    invitations = list(request_invitations(service_request))
    decide = set(
        policy.visible(request.user, service_request.invitations.all(), policy.DECIDE).values_list(
            "pk", flat=True
        )
    )
    # A member's name only to those who may see the member (rule 6): another organisation's
    # coordinator sees that someone was invited, not whom.
    seen = set(
        policy.visible(
            request.user,
            Membership.objects.filter(
                pk__in=[invitation.membership_id for invitation in invitations]
            ),
        ).values_list("pk", flat=True)
    )
    for invitation in invitations:
        invitation.can_act = invitation.pk in decide
        invitation.name_shown = invitation.membership_id in seen
    # How the assignment went, from both sides: about the member, so only for those who may
    # decide on the invitation (the inviting organisation's coordinators, administrators).
    feedback = [
        (answer, next(i for i in invitations if i.pk == answer.invitation_id))
        for answer in AssignmentFeedback.objects.filter(invitation_id__in=decide).order_by(
            "invitation_id", "side"
        )
    ]
    matching.member_profiles_viewed(
        viewer=request.user,
        memberships=members,
        object_label=f"{ServiceRequest._meta.verbose_name} {service_request.pk}",
    )
    events = [
        (event, step_label(event.kind)) for event in service_request.events.select_related("actor")
    ]
    return render(
        request,
        "network/admin/request_detail.html",
        {
            "service_request": service_request,
            "members": members,
            "invitations": invitations,
            "events": events,
            "feedback": feedback,
            "can_invite": service_request.state in matching.INVITABLE,
            "can_close": service_request.state not in matching.ENDED,
            "error": error,
            "posted": request.POST if error else {},
            "page_title": service_request.title,
            "page_subtitle": service_request.organisation_name,
            "header_icon": "mail",
        },
        status=status,
    )


@require_POST
def request_invite(request, pk):
    _require(request.user)
    service_request = _request_for(request.user, pk)
    ids = [value for value in request.POST.getlist("member") if value.isdigit()]
    memberships = list(policy.visible(request.user, Membership.objects.filter(pk__in=ids)))
    try:
        created = matching.request_invite(
            actor=request.user,
            request=service_request,
            memberships=memberships,
            note=request.POST.get("note", ""),
        )
    except matching.MatchingError as error:
        return _detail(request, service_request, error=error.message, status=400)
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s member invited. They get an e-mail and answer on My page.",
                "%(count)s members invited. They get an e-mail and answer on My page.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.warning(request, _("Nobody new was invited: they were invited already."))
    return redirect("network_admin_request", service_request.pk)


def _invitation_for(user, pk) -> RequestInvitation:
    return policy.get_or_404(user, RequestInvitation.objects.all(), policy.DECIDE, pk=pk)


@require_POST
def invitation_withdraw(request, pk):
    _require(request.user)
    invitation = _invitation_for(request.user, pk)
    try:
        matching.invitation_withdraw(actor=request.user, invitation=invitation)
    except matching.MatchingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("network_admin_request", invitation.request_id)


@require_POST
def match_confirm(request, pk):
    _require(request.user)
    invitation = _invitation_for(request.user, pk)
    try:
        matching.match_confirm(actor=request.user, invitation=invitation)
    except matching.MatchingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The match is confirmed. The member and the service are told."))
    return redirect("network_admin_request", invitation.request_id)


@require_POST
def request_close(request, pk):
    _require(request.user)
    service_request = _request_for(request.user, pk)
    try:
        matching.request_close(
            actor=request.user, request=service_request, reason=request.POST.get("reason", "")
        )
    except matching.MatchingError as error:
        return _detail(request, service_request, error=error.message, status=400)
    messages.success(request, _("The request is closed."))
    return redirect("network_admin_request", service_request.pk)

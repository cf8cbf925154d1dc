"""After the assignment (issue 18 item 5): the member's feedback with the hours spent
(`/min-side/nettverk/oppdrag/<invitation>/tilbakemelding/`, the member's own only: policy OWN),
the service's feedback at its request link (`/nettverk/foresporsel/<token>/tilbakemelding/`),
and the member's erfaringslogg as a page and as a PDF to attach to a job application.

Anything refused or unknown answers 404. Every page is `never_cache` (the link's page names
the service's request; the member's pages are personal).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..erfaringslogg import erfaringslogg_filename, erfaringslogg_pdf
from ..forms.assignments import MemberFeedbackForm, ServiceFeedbackForm
from ..models import AssignmentFeedback, Membership, RequestInvitation
from ..selectors.assignments import (
    awaiting_feedback,
    erfaringslogg,
    feedback_invitation_or_404,
)
from ..selectors.requests import request_for_service
from ..services.assignments import (
    FeedbackError,
    finished_requests,
    member_feedback_submit,
    service_feedback_for,
    service_feedback_submit,
)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_feedback(request, pk):
    invitation = feedback_invitation_or_404(request.user, pk)
    feedback = invitation.feedback.filter(side=AssignmentFeedback.Side.MEMBER).first()
    if request.method == "POST":
        form = MemberFeedbackForm(request.POST)
        if form.is_valid():
            try:
                member_feedback_submit(
                    invitation=invitation,
                    actor=request.user,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    hours=form.cleaned_data["hours"],
                )
            except FeedbackError as error:
                form.add_refusal(error)
            else:
                messages.success(
                    request,
                    _("Thank you for your feedback. The hours are in your experience log.")
                    if feedback is None
                    else _("Your feedback is changed."),
                )
                return redirect("network:erfaringslogg")
    else:
        form = MemberFeedbackForm(feedback=feedback, hours=invitation.hours)
    return render(
        request,
        "network/assignments/member_feedback.html",
        {
            "form": form,
            "invitation": invitation,
            "service_request": invitation.request,
            "answered": feedback is not None,
        },
        status=400 if form.errors else 200,
    )


def _finished_request_or_404(token):
    service_request = request_for_service(token)
    if (
        service_request is None
        or not finished_requests().filter(pk=service_request.pk).exists()
        or not service_request.invitations.filter(state=RequestInvitation.State.CONFIRMED).exists()
    ):
        raise Http404
    return service_request


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def service_feedback(request, token):
    """The link is the whole authority, as for the request's own page."""
    service_request = _finished_request_or_404(token)
    feedback = service_feedback_for(service_request)
    if request.method == "POST":
        form = ServiceFeedbackForm(request.POST)
        if form.is_valid():
            try:
                service_feedback_submit(
                    request=service_request,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except FeedbackError as error:
                form.add_refusal(error)
            else:
                messages.success(
                    request,
                    _("Thank you for your feedback.")
                    if feedback is None
                    else _("Your feedback is changed."),
                )
                return redirect("network:service_feedback", token=token)
    else:
        form = ServiceFeedbackForm(feedback=feedback)
    return render(
        request,
        "network/assignments/service_feedback.html",
        {"form": form, "service_request": service_request, "answered": feedback is not None},
        status=400 if form.errors else 200,
    )


def _own_membership_or_404(user) -> Membership:
    """The erfaringslogg is the member's own: a participant who is not in the network (or
    anyone without a participant profile) gets 404."""
    membership = (
        Membership.objects.select_related("participant").filter(participant__user=user).first()
    )
    if membership is None:
        raise Http404
    return membership


@never_cache
@login_required
@require_safe
def erfaringslogg_page(request):
    membership = _own_membership_or_404(request.user)
    participant = membership.participant
    log = erfaringslogg(participant)
    return render(
        request,
        "network/assignments/erfaringslogg.html",
        {
            "log": log,
            "hours_per_level": log.hours_per_level(),
            "awaiting": awaiting_feedback(participant),
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        },
    )


@never_cache
@login_required
@require_safe
def erfaringslogg_download(request):
    membership = _own_membership_or_404(request.user)
    log = erfaringslogg(membership.participant)
    content = erfaringslogg_pdf(
        log=log,
        base_url=settings.WAGTAILADMIN_BASE_URL,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        made_on=timezone.localdate(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{erfaringslogg_filename(log.name)}"'
    return response


urlpatterns = [
    path(
        "min-side/nettverk/oppdrag/<int:pk>/tilbakemelding/",
        assignment_feedback,
        name="assignment_feedback",
    ),
    path(
        "nettverk/foresporsel/<str:token>/tilbakemelding/",
        service_feedback,
        name="service_feedback",
    ),
    path("min-side/nettverk/erfaringslogg/", erfaringslogg_page, name="erfaringslogg"),
    path("min-side/nettverk/erfaringslogg.pdf", erfaringslogg_download, name="erfaringslogg_pdf"),
]

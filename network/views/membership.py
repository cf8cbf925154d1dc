"""Joining the network and the member's own profile (issue 18 item 1): the public page about
the network, joining from My page, editing the profile, leaving, and a guardian's answer for a
member under 18 (a button, never on GET: mail scanners open links)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cohorts.models import Participant
from website import policy

from ..consent import CONSENT_TEXT
from ..forms.membership import JoinForm, ProfileForm
from ..models import Membership
from ..selectors.membership import can_join, certified_levels, level_labels, needs_guardian
from ..services.membership import (
    ERRORS,
    GUARDIAN_LINK_DAYS,
    MembershipError,
    guardian_link_id,
    guardian_link_membership,
    membership_guardian_confirm,
    membership_guardian_decline,
    membership_join,
    membership_leave,
    membership_update,
)


def _participant(request):
    participant = Participant.objects.filter(user=request.user).first()
    if participant is not None:
        participant.user = request.user
    return participant


def _own_membership(request):
    """The logged-in person's membership through the access policy (their own row only)."""
    return (
        policy.visible(request.user, Membership.objects.select_related("participant"), policy.OWN)
        .filter(participant__user=request.user)
        .first()
    )


@require_safe
def network_home(request):
    """`/nettverk/`: what the network is, how to join, how a service asks. The same for every
    visitor (no form, no personal data): the page cache may keep it."""
    return render(request, "network/home.html")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    """`/min-side/nettverk/bli-med/`: the consent and the profile; or why one cannot join."""
    participant = _participant(request)
    if participant is None:
        return redirect(f"/min-side/profil/?next={request.path}")
    reason = can_join(participant)
    if reason == "already_member":
        return redirect("network:profile")
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and reason is None and form.is_valid():
        try:
            membership = membership_join(
                participant=participant, consent=True, profile=form.profile()
            )
        except MembershipError as error:
            reason = error.code
        else:
            if membership.is_active:
                messages.success(request, _("Welcome to the network! You are now a member."))
            else:
                messages.success(
                    request,
                    _("We have asked your guardian to confirm. You are a member once they have."),
                )
            return redirect("my_page")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "network/join.html",
        {
            "form": form,
            "reason": reason,
            "refusal": ERRORS[reason] if reason else "",
            "levels": level_labels(certified_levels(participant)),
            "minor": needs_guardian(participant),
            "participant": participant,
            "consent_text": CONSENT_TEXT,
            "guardian_days": GUARDIAN_LINK_DAYS,
        },
        status=status if (reason or form.errors) else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """`/min-side/nettverk/profil/`: the member changes their profile and who sees what."""
    membership = _own_membership(request)
    if membership is None:
        return redirect("network:join")
    form = ProfileForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            membership_update(membership=membership, actor=request.user, profile=form.profile())
        except MembershipError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your network profile is saved."))
            return redirect("my_page")
    return render(
        request,
        "network/profile.html",
        {
            "form": form,
            "membership": membership,
            "levels": level_labels(certified_levels(membership.participant)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request):
    """`/min-side/nettverk/forlat/`: a question first; the POST deletes the profile at once."""
    membership = _own_membership(request)
    if membership is None:
        return redirect("my_page")
    if request.method == "POST":
        active = membership.is_active
        membership_leave(membership=membership, actor=request.user)
        if active:
            messages.success(
                request, _("You have left the network. Your network profile is deleted.")
            )
        else:
            messages.success(
                request, _("Your request to join the network is withdrawn and deleted.")
            )
        return redirect("my_page")
    return render(request, "network/leave.html", {"membership": membership})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def guardian(request, token):
    """`/nettverk/foresatt/<token>/`: a guardian confirms or declines that a member under 18
    joins (design rule 5), by pressing a button. A second visit is told what was answered."""
    answered = error = None
    membership = guardian_link_membership(token)
    participant = membership.participant if membership else None
    if membership is None:
        gone = guardian_link_id(token) is not None
        error = ERRORS["guardian_link_gone" if gone else "guardian_link_invalid"]
    elif request.method == "POST":
        decline = request.POST.get("answer") == "decline"
        try:
            if decline:
                membership_guardian_decline(token=token)
                membership = None
            else:
                membership = membership_guardian_confirm(token=token)
        except MembershipError as refusal:
            error = refusal.message
        else:
            answered = "declined" if decline else "confirmed"
    return render(
        request,
        "network/guardian.html",
        {
            "membership": membership,
            "participant": participant,
            "answered": answered,
            "error": error,
            "today": timezone.localdate(),
        },
        status=400 if error and guardian_link_id(token) is None else 200,
    )


urlpatterns = [
    path("nettverk/", network_home, name="home"),
    path("nettverk/foresatt/<str:token>/", guardian, name="guardian"),
    path("min-side/nettverk/bli-med/", join, name="join"),
    path("min-side/nettverk/profil/", profile, name="profile"),
    path("min-side/nettverk/forlat/", leave, name="leave"),
]

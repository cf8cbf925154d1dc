"""Public and participant views for gatherings and enrolment. Rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from website import policy

from .. import selectors, services
from ..forms import ApplicationForm, ParticipantForm
from ..models import CalendarInvite, Enrolment, Gathering, Participant
from ..selectors import waitlist_position
from .calendar import feed_links

State = Enrolment.State


def _published(queryset=None):
    return (queryset or Gathering.objects).filter(status=Gathering.Status.PUBLISHED)


def gathering_list(request):
    """`/samlinger/`: upcoming published gatherings, each with its status (open, few seats,
    waiting list, closed…)."""
    gatherings = list(selectors.upcoming_gatherings().prefetch_related("quotas"))
    for gathering in gatherings:
        gathering.public_status = services.gathering_status(gathering)
    return render(request, "cohorts/gathering_list.html", {"gatherings": gatherings})


def gathering_detail(request, slug):
    """`/samlinger/<slug>/`: programme, venue, who it is for, status, apply or why not."""
    # Cancelled and completed gatherings stay reachable: e-mails and calendars link here.
    gathering = get_object_or_404(
        Gathering.objects.exclude(status=Gathering.Status.DRAFT)
        .select_related("course")
        .prefetch_related("sessions__module"),
        slug=slug,
    )
    status = services.gathering_status(gathering)
    participant = _participant(request)
    enrolment = blocker = None
    if participant:
        enrolment = Enrolment.objects.filter(
            participant=participant, gathering=gathering, state__in=Enrolment.LIVE_STATES
        ).first()
        blocker = (
            None
            if enrolment or not status.can_apply
            else services.application_blocker(participant=participant, gathering=gathering)
        )
    return render(
        request,
        "cohorts/gathering_detail.html",
        {
            "gathering": gathering,
            "status": status,
            "stay": gathering_stay(gathering),
            "participant": participant,
            "enrolment": enrolment,
            "blocker": blocker,
            "apply_url": reverse("gathering_apply", args=[gathering.slug]),
        },
    )


def gathering_stay(gathering):
    """Nights away from home (0: a day gathering), counted in Oslo's calendar."""
    starts = timezone.localtime(gathering.starts_at).date()
    ends = timezone.localtime(gathering.ends_at).date()
    return (ends - starts).days


def _participant(request):
    if not request.user.is_authenticated:
        return None
    return Participant.objects.filter(user=request.user).first()


# The steps of applying, for the step indicator (`templates/journey/steps.html`): the sign-up
# journey's steps, then the receipt.
APPLY_STEPS = (
    pgettext_lazy("journey step", "Account"),
    pgettext_lazy("journey step", "Confirm e-mail"),
    pgettext_lazy("journey step", "Profile"),
    pgettext_lazy("journey step", "Apply for a place"),
    pgettext_lazy("journey step", "Receipt"),
)
APPLY_STEP = 4
RECEIPT_STEP = 5


@login_required
def gathering_apply(request, slug):
    """`/samlinger/<slug>/pamelding/`: apply through one of your organisations. Says beforehand
    when the application will go on the waiting list, and ends on the receipt."""
    gathering = get_object_or_404(_published().prefetch_related("quotas"), slug=slug)
    participant = _participant(request)
    if participant is None:
        messages.info(request, _("Fill in your profile first; then you can apply."))
        return redirect(f"{reverse('profile')}?next={request.path}")
    form = ApplicationForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_apply(
                participant=participant,
                gathering=gathering,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
                needs=form.cleaned_data["needs"],
            )
        except services.EnrolmentError as error:
            form.add_error(None, error.message)
        else:
            return redirect("gathering_apply_receipt", slug=gathering.slug)
    blocker = services.application_blocker(participant=participant, gathering=gathering)
    if blocker is not None and blocker.code == "duplicate" and not form.errors:
        return redirect("gathering_apply_receipt", slug=gathering.slug)
    return render(
        request,
        "cohorts/apply.html",
        {
            "gathering": gathering,
            "form": form,
            "blocker": blocker,
            "status": services.gathering_status(gathering),
            "under_18": participant.age_on(timezone.localdate()) < 18,
            "by_application": gathering.admission_mode == Gathering.AdmissionMode.APPLICATION,
            "steps": APPLY_STEPS,
            "step": APPLY_STEP,
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
def gathering_apply_receipt(request, slug):
    """`/samlinger/<slug>/pamelding/kvittering/`: what you applied for, where you stand, what
    happens next and when."""
    gathering = get_object_or_404(
        Gathering.objects.exclude(status=Gathering.Status.DRAFT), slug=slug
    )
    participant = _participant(request)
    enrolment = (
        Enrolment.objects.filter(participant=participant, gathering=gathering)
        .select_related("organisation")
        .order_by("-applied_at", "-pk")
        .first()
        if participant
        else None
    )
    if enrolment is None:
        return redirect(gathering.get_absolute_url())
    return render(
        request,
        "cohorts/apply_receipt.html",
        {
            "gathering": gathering,
            "enrolment": enrolment,
            "position": waitlist_position(enrolment),
            "participant": participant,
            "participant_under_18": participant.age_on(timezone.localdate()) < 18,
            "steps": APPLY_STEPS,
            "step": RECEIPT_STEP,
        },
    )


@login_required
def my_page(request):
    """`/min-side/`: your applications, waiting-list places, offers and profile."""
    participant = _participant(request)
    if participant is None:
        return redirect("profile")
    enrolments = list(
        participant.enrolments.select_related("gathering", "organisation")
        .prefetch_related(
            "attendances__session",
            Prefetch(
                "invites",
                queryset=CalendarInvite.objects.filter(message__state="sent")
                .select_related("message")
                .order_by("-message__sent_at"),
                to_attr="sent_invites",
            ),
        )
        .order_by("-gathering__starts_at")
    )
    now = timezone.now()
    for enrolment in enrolments:
        enrolment.last_invite = enrolment.sent_invites[0] if enrolment.sent_invites else None
        enrolment.position = waitlist_position(enrolment)
        enrolment.can_cancel = (
            enrolment.state in Enrolment.LIVE_STATES and now < enrolment.gathering.starts_at
        )
        enrolment.offer_open = enrolment.state == State.OFFERED and now < enrolment.offer_expires_at
    return render(
        request,
        "cohorts/my_page.html",
        {
            "participant": participant,
            "enrolments": enrolments,
            "feed": feed_links(request, services.calendar_feed_for(request.user)),
        },
    )


@login_required
def profile(request):
    """`/min-side/profil/`: create or edit your participant profile."""
    participant = _participant(request)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.user = request.user
        profile.save()
        form.save_m2m()
        messages.success(request, _("Your profile is saved."))
        next_url = request.GET.get("next", "")
        if next_url.startswith("/samlinger/"):
            return redirect(next_url)
        return redirect("my_page")
    return render(
        request,
        "cohorts/profile.html",
        {"form": form, "creating": participant is None},
        status=400 if form.errors else 200,
    )


ENROLMENT_ACTIONS = {
    "cancel": lambda enrolment, user: services.enrolment_cancel(enrolment=enrolment, actor=user),
    "accept": lambda enrolment, user: services.offer_respond(
        enrolment=enrolment, actor=user, accept=True
    ),
    "decline": lambda enrolment, user: services.offer_respond(
        enrolment=enrolment, actor=user, accept=False
    ),
}
ACTION_MESSAGES = {
    "cancel": gettext_lazy(
        "You are no longer signed up. Your seat goes to the next person waiting."
    ),
    "accept": gettext_lazy("You have accepted the seat."),
    "decline": gettext_lazy("You have declined the seat."),
}


@login_required
@require_POST
def enrolment_action(request, pk, action):
    """Cancel, or accept or decline an offer — only ever your own enrolment."""
    enrolment = policy.get_or_404(request.user, Enrolment.objects.all(), policy.OWN, pk=pk)
    if action not in ENROLMENT_ACTIONS:
        return redirect("my_page")
    try:
        ENROLMENT_ACTIONS[action](enrolment, request.user)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ACTION_MESSAGES[action])
    return redirect("my_page")


@never_cache
def guardian_confirmation(request, token):
    """`/samlinger/foresatt/<token>/`: the guardian confirms by pressing a button (never on GET,
    so link scanners in mail systems cannot confirm on anyone's behalf)."""
    confirmed = None
    error = None
    enrolment = services.guardian_link_enrolment(token)
    if enrolment is None:
        error = services.ERRORS["guardian_link_invalid"]
    elif request.method == "POST":
        try:
            confirmed = services.guardian_confirm(token=token)
        except services.EnrolmentError as refusal:
            error = refusal.message
    return render(
        request,
        "cohorts/guardian_confirmation.html",
        {"enrolment": enrolment, "confirmed": confirmed, "error": error},
        status=400 if error else 200,
    )

"""Public and participant views for gatherings and enrolment. Rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from website import policy

from .. import selectors, services
from ..forms import ApplicationForm, ParticipantForm
from ..models import CalendarInvite, Enrolment, Gathering, Participant
from ..selectors import seat_counts, waitlist_position
from .calendar import feed_links

State = Enrolment.State


def _published(queryset=None):
    return (queryset or Gathering.objects).filter(status=Gathering.Status.PUBLISHED)


def gathering_list(request):
    """`/samlinger/`: upcoming published gatherings with seats left."""
    gatherings = selectors.upcoming_gatherings().annotate(
        held=Count("enrolments", filter=Q(enrolments__state__in=Enrolment.SEAT_STATES))
    )
    for gathering in gatherings:
        gathering.seats_left = max(0, gathering.capacity - gathering.held)
    return render(request, "cohorts/gathering_list.html", {"gatherings": gatherings})


def gathering_detail(request, slug):
    """`/samlinger/<slug>/`: programme, venue, who it is for, seats left, apply or why not."""
    # Cancelled and completed gatherings stay reachable: e-mails and calendars link here.
    gathering = get_object_or_404(
        Gathering.objects.exclude(status=Gathering.Status.DRAFT)
        .select_related("course")
        .prefetch_related("sessions__module"),
        slug=slug,
    )
    participant = _participant(request)
    enrolment = blocker = None
    if participant:
        enrolment = Enrolment.objects.filter(
            participant=participant, gathering=gathering, state__in=Enrolment.LIVE_STATES
        ).first()
        blocker = (
            None
            if enrolment
            else services.application_blocker(participant=participant, gathering=gathering)
        )
    return render(
        request,
        "cohorts/gathering_detail.html",
        {
            "gathering": gathering,
            "seats_left": seat_counts(gathering).seats_left,
            "participant": participant,
            "enrolment": enrolment,
            "blocker": blocker,
            "apply_url": reverse("gathering_apply", args=[gathering.slug]),
        },
    )


def _participant(request):
    if not request.user.is_authenticated:
        return None
    return Participant.objects.filter(user=request.user).first()


@login_required
def gathering_apply(request, slug):
    """`/samlinger/<slug>/pamelding/`: apply through one of your organisations."""
    gathering = get_object_or_404(_published(), slug=slug)
    participant = _participant(request)
    if participant is None:
        messages.info(request, _("Fill in your profile first; then you can apply."))
        return redirect(f"{reverse('profile')}?next={request.path}")
    form = ApplicationForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_apply(
                participant=participant,
                gathering=gathering,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
                needs=form.cleaned_data["needs"],
            )
        except services.EnrolmentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _application_message(enrolment))
            return redirect("my_page")
    blocker = services.application_blocker(participant=participant, gathering=gathering)
    return render(
        request,
        "cohorts/apply.html",
        {"gathering": gathering, "form": form, "blocker": blocker},
        status=400 if form.errors else 200,
    )


def _application_message(enrolment):
    if enrolment.state == State.CONFIRMED:
        return _("Your seat is confirmed. Welcome!")
    if enrolment.state == State.GUARDIAN_PENDING:
        return _("We have held a seat for you and asked your guardian to confirm by e-mail.")
    if enrolment.state == State.WAITLISTED:
        return _("All seats are taken, so you are on the waiting list as number %(position)s.") % {
            "position": waitlist_position(enrolment)
        }
    return _("We have received your application. A coordinator will look at it.")


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

"""Public and participant views for gatherings and enrolment. Rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from website import policy

from .. import selectors, services
from ..forms import ApplicationForm, ParticipantForm
from ..messages import guardian_facts, organisation_contact
from ..models import CalendarInvite, Enrolment, Gathering
from ..selectors import waitlist_position
from .calendar import feed_links

State = Enrolment.State


def _published(queryset=None):
    return (queryset or Gathering.objects).filter(status=Gathering.Status.PUBLISHED)


def gathering_list(request):
    """`/samlinger/`: upcoming published gatherings, each with its status (open, few seats,
    waiting list, closed…)."""
    gatherings = selectors.with_seat_counts(selectors.upcoming_gatherings())
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
            "stay": selectors.gathering_nights(gathering),
            "participant": participant,
            "enrolment": enrolment,
            "blocker": blocker,
            "apply_url": reverse("gathering_apply", args=[gathering.slug]),
        },
    )


def _participant(request):
    if not request.user.is_authenticated:
        return None
    return selectors.participant_of(request.user)  # the user is loaded once per request


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
    gathering = selectors.published_gathering(slug)
    if gathering is None:
        raise Http404
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
    prefetch_related_objects([gathering], "quotas")  # for the status; not needed on success
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


# Each state's tag colour on My page (Designsystemet `data-color`).
STATE_COLOURS = {
    State.CONFIRMED: "success",
    State.GUARDIAN_PENDING: "warning",
    State.OFFERED: "warning",
    State.WAITLISTED: "info",
    State.APPLIED: "info",
}


def _current_first(enrolments):
    """A gathering's enrolments: the live one (at most one), else the latest, first."""
    return sorted(
        enrolments,
        key=lambda e: (e.state in Enrolment.LIVE_STATES, e.applied_at, e.pk),
        reverse=True,
    )


def my_gatherings(enrolments, now):
    """One row per gathering, soonest-starting last: the current enrolment with the earlier
    ones of the same gathering folded in as its history (re-applying after withdrawing shows
    one gathering once)."""
    by_gathering = {}
    for enrolment in enrolments:
        by_gathering.setdefault(enrolment.gathering_id, []).append(enrolment)
    rows = []
    for group in by_gathering.values():
        current, *earlier = _current_first(group)
        gathering = current.gathering
        ended = gathering.ends_at <= now or gathering.status == Gathering.Status.COMPLETED
        completion = (
            selectors.enrolment_completion(current)
            if ended and current.state == State.CONFIRMED
            else None
        )
        rows.append(
            {
                "gathering": gathering,
                "enrolment": current,
                "earlier": earlier,
                "colour": STATE_COLOURS.get(current.state, "neutral"),
                "ended": ended,
                "completion": completion,
                "last_invite": current.sent_invites[0] if current.sent_invites else None,
                "position": waitlist_position(current),
                "can_withdraw": (
                    current.state in Enrolment.LIVE_STATES
                    and current.state != State.OFFERED  # an offer is declined, not withdrawn
                    and now < gathering.starts_at
                ),
                "offer_open": current.state == State.OFFERED and now < current.offer_expires_at,
            }
        )
    rows.sort(key=lambda row: row["gathering"].starts_at, reverse=True)
    return rows


@login_required
def my_page(request):
    """`/min-side/`: your gatherings (one row each, with its history), offers and profile."""
    participant = _participant(request)
    if participant is None:
        return redirect("profile")
    enrolments = list(
        participant.enrolments.select_related("gathering", "organisation").prefetch_related(
            "attendances__session",
            "gathering__sessions",
            Prefetch(
                "invites",
                queryset=CalendarInvite.objects.filter(message__state="sent")
                .select_related("message")
                .order_by("-message__sent_at"),
                to_attr="sent_invites",
            ),
        )
    )
    return render(
        request,
        "cohorts/my_page.html",
        {
            "participant": participant,
            "rows": my_gatherings(enrolments, timezone.now()),
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


def withdraw_consequence(enrolment):
    """What withdrawing does, said before (on the confirmation page) and after (the message):
    from a waiting list no seat goes to anyone."""
    if enrolment.state == State.WAITLISTED:
        return pgettext(
            "enrolment",
            "You leave the waiting list. If you apply again later, you join it at the back.",
        )
    if enrolment.state in Enrolment.SEAT_STATES:
        return pgettext(
            "enrolment",
            "You give up your seat. If someone is on the waiting list, we offer the seat to "
            "the next person.",
        )
    return pgettext("enrolment", "Your application is withdrawn and will not be considered.")


def _action_message(action, enrolment_before):
    if action == "accept":
        return pgettext("enrolment", "You have accepted the seat. Welcome!")
    if action == "decline":
        return pgettext(
            "enrolment",
            "You have declined the seat. If someone is waiting, we offer it to the next person.",
        )
    return "{} {}".format(
        pgettext("enrolment", "You have withdrawn from %(gathering)s.")
        % {"gathering": enrolment_before.gathering.display_title},
        withdraw_consequence(enrolment_before),
    )


@login_required
def enrolment_withdraw(request, pk):
    """`/min-side/pameldinger/<pk>/meld-av/`: says what withdrawing will do, and asks."""
    enrolment = policy.get_or_404(
        request.user, Enrolment.objects.select_related("gathering"), policy.OWN, pk=pk
    )
    if enrolment.state not in Enrolment.LIVE_STATES:
        return redirect("my_page")
    return render(
        request,
        "cohorts/withdraw_confirm.html",
        {
            "enrolment": enrolment,
            "gathering": enrolment.gathering,
            "consequence": withdraw_consequence(enrolment),
            "can_reapply": services.gathering_status(enrolment.gathering).can_apply,
        },
    )


@login_required
@require_POST
def enrolment_action(request, pk, action):
    """Withdraw, or accept or decline an offer — only ever your own enrolment."""
    enrolment = policy.get_or_404(
        request.user, Enrolment.objects.select_related("gathering"), policy.OWN, pk=pk
    )
    if action not in ENROLMENT_ACTIONS:
        return redirect("my_page")
    try:
        ENROLMENT_ACTIONS[action](enrolment, request.user)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _action_message(action, enrolment))
    return redirect("my_page")


@never_cache
def guardian_confirmation(request, token):
    """`/samlinger/foresatt/<token>/`: the guardian confirms or declines by pressing a button
    (never on GET, so link scanners in mail systems cannot answer on anyone's behalf). A second
    visit is told what was answered."""
    answered = error = None
    enrolment = services.guardian_link_enrolment(token, live_only=False)
    if enrolment is None:
        error = services.ERRORS["guardian_link_invalid"]
    elif request.method == "POST":
        decline = request.POST.get("answer") == "decline"
        try:
            if decline:
                enrolment = services.guardian_decline(token=token)
            else:
                enrolment = services.guardian_confirm(token=token)
        except services.EnrolmentError as refusal:
            error = refusal.message
        else:
            answered = "declined" if decline else "confirmed"
    context = {"enrolment": enrolment, "answered": answered, "error": error}
    if enrolment is not None:
        reply_to, _signature = organisation_contact(enrolment.organisation)
        context.update(guardian_facts(enrolment, reply_to))
        context["live"] = enrolment.state in Enrolment.LIVE_STATES
    return render(
        request,
        "cohorts/guardian_confirmation.html",
        context,
        status=400 if error and enrolment is None else 200,
    )

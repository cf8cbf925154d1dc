"""Enrolment: every write with rules (design rules 1–5, 7, 8).

Each service runs in one transaction and, when it touches seats, first locks the gathering's
row (`select_for_update`), then recounts, then writes — so concurrent requests for one
gathering are handled one at a time and no seat is given twice. Follow-up e-mails are queued
only once the transaction has committed.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import Count, Exists, JSONField, OuterRef, Q, Subquery, Value
from django.db.models.functions import JSONObject
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from website import policy
from website.audit import audit_record
from website.models import AuditEntry
from website.prepared import PreparedInsert, PreparedQuery
from website.rules import REASON_MESSAGES, RuleError, reason_problem
from website.signed_links import signed_id_read

from .. import registry
from ..messages import enrolment_notify as _notify
from ..models import (
    CalendarInvite,
    Enrolment,
    EnrolmentEvent,
    Gathering,
    Organisation,
    Participant,
    Quota,
)
from ..selectors import (
    ORGANIZER_ORDER,
    SeatCounts,
    organizer_person,
    progression_missing,
    seat_counts,
)
from ..tokens import GUARDIAN_LINK_DAYS, GUARDIAN_SALT
from .calendar import invite_follow

State = Enrolment.State

ERRORS = {
    "not_published": _("This gathering is not open for applications."),
    "cancelled": _("This gathering has been cancelled."),
    "not_open_yet": _("Applications for this gathering have not opened yet."),
    "closed": _("Applications for this gathering have closed."),
    "not_member": _("You can only apply through an organisation you are a member of."),
    "duplicate": _("You have already applied to this gathering."),
    "full": _("The gathering is full and has no waiting list."),
    "missing_level_new": _(
        "This gathering requires the certificate from the gathering for new representatives."
    ),
    "missing_level_advanced": _(
        "This gathering requires the certificate from the gathering for advanced representatives."
    ),
    "network_only": _(
        "This gathering is only for members of the representatives' network. You can join the "
        "network when you hold the certificate from the gathering for new representatives."
    ),
    "guardian_missing": _(
        "You are under 18, so we need your guardian's name and e-mail address in your profile "
        "before you can apply."
    ),
    "no_seat": _(
        "There is no free seat for this organisation, neither in its quota nor in the pool."
    ),
    "wrong_state": _("This cannot be done with the application as it is now."),
    "not_coordinator": _("Only a coordinator for this organisation can do that."),
    "not_yours": _("This is not your application."),
    "started": _("The gathering has started. Contact the coordinator to cancel."),
    "offer_expired": _("The offer has expired."),
    "reason_required": _("Give a reason."),
    "guardian_link_invalid": _("The confirmation link is invalid or has expired."),
    "guardian_already_confirmed": _(
        "You have already confirmed this application. To withdraw it now, contact the coordinator."
    ),
}


# Recorded as the reason in the application's history (in the site's language, like reasons
# staff type).
GUARDIAN_DECLINED_REASON = pgettext_lazy("enrolment", "Declined by the guardian")


class EnrolmentError(RuleError):
    messages = {**ERRORS, **REASON_MESSAGES}


# The application path's two inserts, compiled once (no model signals: nothing listens).
_INSERT_ENROLMENT = PreparedInsert(Enrolment)
_INSERT_EVENT = PreparedInsert(EnrolmentEvent)
_GATHERING_FIELDS = [f.attname for f in Gathering._meta.concrete_fields]
_LOCKED_GATHERING = PreparedQuery(
    lambda gathering: (
        Gathering.objects.select_for_update().filter(pk=gathering).values_list(*_GATHERING_FIELDS)
    ),
    gathering=int,
)


def _lock_gathering(gathering_id: int) -> Gathering:
    """The gathering, its row locked until the caller's transaction ends: every write that
    touches seats starts here. Outside a transaction there is nothing to hold the lock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_gathering needs a transaction: call it in transaction.atomic()")
    rows = _LOCKED_GATHERING(gathering=gathering_id)
    if not rows:
        raise Gathering.DoesNotExist(f"no gathering {gathering_id}")
    return Gathering.from_db(DEFAULT_DB_ALIAS, _GATHERING_FIELDS, rows[0])


def _enter(enrolment, state, now):
    """Set the state and the timestamp that goes with entering it."""
    enrolment.state = state
    if state == State.WAITLISTED:
        enrolment.waitlisted_at = now
    elif state == State.CONFIRMED:
        enrolment.confirmed_at = now
    elif state in (State.REJECTED, State.DECLINED, State.EXPIRED, State.CANCELLED):
        enrolment.ended_at = now


def _log(enrolment, *, from_state="", to_state, actor=None, reason=""):
    """The enrolment's own history (shown to coordinators) and the audit log."""
    _INSERT_EVENT(
        EnrolmentEvent(
            enrolment=enrolment,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            reason=reason,
        )
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ENROLMENT_STATE,
        participants=[enrolment.participant],
        object_label=enrolment.gathering.title,
        summary=f"{from_state or '–'} → {to_state}",
        reason=reason,
    )


def _transition(enrolment, to_state, *, actor=None, reason="", now):
    from_state = enrolment.state
    _enter(enrolment, to_state, now)
    enrolment.save()
    _log(enrolment, from_state=from_state, to_state=to_state, actor=actor, reason=reason)
    if State.CONFIRMED in (from_state, to_state):
        invite_follow(enrolment=enrolment, gathering=enrolment.gathering, now=now)


def _needs_guardian(enrolment, now) -> bool:
    return enrolment.participant.age_on(now.date()) < 18 and enrolment.guardian_confirmed_at is None


def _seat_state(enrolment, now):
    """A seat is confirmed, or held for the guardian's confirmation until a deadline (rule 5)."""
    if _needs_guardian(enrolment, now):
        return State.GUARDIAN_PENDING, now + timedelta(days=GUARDIAN_LINK_DAYS)
    return State.CONFIRMED, None


def _seat_notification(state):
    """Confirmed: tell the participant. Held: ask the guardian now, with a fresh 7-day link
    (a seat is held at most once per application, so the link never predates the hold)."""
    if state == State.CONFIRMED:
        return "confirmed"
    return "guardian_request"


def _give_seat(enrolment, *, actor=None, reason="", now):
    state, enrolment.offer_expires_at = _seat_state(enrolment, now)
    _transition(enrolment, state, actor=actor, reason=reason, now=now)
    _notify(enrolment, _seat_notification(state))


def _offer_free_seats(gathering, counts: SeatCounts, now) -> None:
    """Offer every free seat to the waiting list: first come, first served, each person
    taking a seat in their organisation's quota or else the shared pool (design rule 3)."""
    waiting = Enrolment.objects.filter(gathering=gathering, state=State.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    for enrolment in waiting.select_related("participant"):
        if counts.seats_left == 0:
            break
        if counts.has_seat_for(enrolment.organisation_id):
            counts.take(enrolment.organisation_id)
            enrolment.offered_at = now
            enrolment.offer_expires_at = now + timedelta(hours=gathering.offer_deadline_hours)
            _transition(enrolment, State.OFFERED, now=now)
            _notify(enrolment, "offered")


def application_blocker(*, participant, gathering, now=None) -> EnrolmentError | None:
    """Why `participant` cannot apply to `gathering` now, or None — the same rules as
    `enrolment_apply`, read-only, for showing the reason before anyone tries."""
    now = now or timezone.now()
    organisation = participant.organisations.order_by("name").first()
    if organisation is None:
        return EnrolmentError("not_member")
    try:
        _check_can_apply(
            participant=participant, gathering=gathering, organisation=organisation, now=now
        )
    except EnrolmentError as error:
        return error
    return None


def _check_gathering_open(gathering, now):
    if gathering.status == Gathering.Status.CANCELLED:
        raise EnrolmentError("cancelled")
    if gathering.status != Gathering.Status.PUBLISHED:
        raise EnrolmentError("not_published")
    if now < gathering.enrolment_opens_at:
        raise EnrolmentError("not_open_yet")
    if now >= gathering.enrolment_closes_at:
        raise EnrolmentError("closed")


def _check_applicant(*, participant, gathering, organisation, now):
    """Rules about the person, not the seats: safe to check before taking the lock."""
    if not participant.organisations.filter(pk=organisation.pk).exists():
        raise EnrolmentError("not_member")
    _check_level_and_guardian(participant=participant, gathering=gathering, now=now)


def _check_level_and_guardian(*, participant, gathering, now):
    """Who may take the gathering: a network gathering is for the network's active members
    (membership already needs level 1, so the level rule does not apply); any other needs the
    level before it (rule 4). Under-18s need a guardian's address either way (rule 5)."""
    if gathering.kind == Gathering.Kind.NETWORK:
        if not registry.is_network_member(participant):
            raise EnrolmentError("network_only")
    elif missing := progression_missing(participant=participant, level=gathering.level):
        raise EnrolmentError(f"missing_level_{missing}")
    if participant.age_on(now.date()) < 18 and not participant.guardian_email:
        raise EnrolmentError("guardian_missing")


def _live_enrolments(*, participant, gathering):
    return Enrolment.objects.filter(
        participant=participant, gathering=gathering, state__in=Enrolment.LIVE_STATES
    )


def _check_not_duplicate(*, participant, gathering):
    if _live_enrolments(participant=participant, gathering=gathering).exists():
        raise EnrolmentError("duplicate")


def _before_lock_query(*, participant, gathering, organisation):
    """One row: a member of the organisation? a live application here already? any calendar
    invite to this gathering yet? and the gathering's ORGANIZER (its first coordinator)."""
    coordinators = Gathering.coordinators.through.objects.filter(gathering_id=gathering)
    return (
        Participant.objects.filter(pk=participant)
        .annotate(
            member=Exists(Organisation.objects.filter(pk=organisation, members=OuterRef("pk"))),
            live=Exists(
                Enrolment.objects.filter(
                    participant=OuterRef("pk"),
                    gathering_id=gathering,
                    state__in=Enrolment.LIVE_STATES,
                )
            ),
            invited=Exists(
                CalendarInvite.objects.filter(participant=OuterRef("pk"), gathering_id=gathering)
            ),
            organizer=Subquery(
                coordinators.order_by(*(f"user__{name}" for name in ORGANIZER_ORDER)).values(
                    json=JSONObject(
                        first_name="user__first_name",
                        last_name="user__last_name",
                        email="user__email",
                    )
                )[:1],
                output_field=JSONField(),
            ),
        )
        .values_list("member", "live", "invited", "organizer")
    )


_BEFORE_LOCK = PreparedQuery(_before_lock_query, participant=int, gathering=int, organisation=int)


@dataclass
class _Applicant:
    """What the application path reads about the person before taking the lock."""

    invited: bool  # holds a calendar invite to the gathering (a REQUEST or a CANCEL)
    organizer: object  # the gathering's ORGANIZER for an invite (ics.Person)


def _check_member_and_not_duplicate(*, participant, gathering, organisation) -> _Applicant:
    """Membership and "no live application here yet", in one query, before the lock (with
    what a calendar invite needs, should a seat be given). The duplicate check is only a fast
    answer: the unique constraint on live enrolments is what keeps two racing requests from
    both writing one (design rule 2)."""
    rows = _BEFORE_LOCK(
        participant=participant.pk, gathering=gathering.pk, organisation=organisation.pk
    )
    if not rows or not rows[0][0]:
        raise EnrolmentError("not_member")
    _member, live, invited, organizer = rows[0]
    if live:
        raise EnrolmentError("duplicate")
    coordinator = get_user_model()(**organizer) if organizer else None
    return _Applicant(invited=invited, organizer=organizer_person(coordinator))


def _check_can_apply(*, participant, gathering, organisation, now):
    _check_gathering_open(gathering, now)
    _check_applicant(
        participant=participant, gathering=gathering, organisation=organisation, now=now
    )
    _check_not_duplicate(participant=participant, gathering=gathering)


def enrolment_apply(
    *,
    participant: Participant,
    gathering: Gathering,
    organisation: Organisation,
    motivation: str = "",
    needs: str = "",
    now=None,
) -> Enrolment:
    """Apply to a gathering through one organisation.

    Everything about the person is read before the gathering's lock is taken (membership, a
    live application already, level, guardian); under the lock only what depends on the seats:
    the gathering's own state, one query for quotas and seats held, and the writes. The
    applicant gets one e-mail that says what happened (a seat, the waiting list, or received
    for review) — not a receipt and then the outcome (issue 20).
    """
    applicant = _check_member_and_not_duplicate(
        participant=participant, gathering=gathering, organisation=organisation
    )
    _check_level_and_guardian(
        participant=participant, gathering=gathering, now=now or timezone.now()
    )
    try:
        with transaction.atomic():
            gathering = _lock_gathering(gathering.pk)
            now = now or timezone.now()  # after the lock: timestamps follow the order of decisions
            _check_gathering_open(gathering, now)
            enrolment = Enrolment(
                participant=participant,
                gathering=gathering,
                organisation=organisation,
                motivation=motivation.strip(),
                needs=needs.strip(),
                state=State.APPLIED,
            )
            kinds = ["received"]
            if gathering.admission_mode == Gathering.AdmissionMode.FIRST_COME:
                if _seat_counts_now(gathering).has_seat_for(organisation.pk):
                    state, enrolment.offer_expires_at = _seat_state(enrolment, now)
                    _enter(enrolment, state, now)
                    # Held for the guardian: the applicant's receipt, and the guardian's request.
                    kinds = (
                        ["confirmed"]
                        if state == State.CONFIRMED
                        else kinds + [_seat_notification(state)]
                    )
                elif gathering.has_waiting_list:
                    _enter(enrolment, State.WAITLISTED, now)
                    kinds = ["waitlisted"]
                else:
                    raise EnrolmentError("full")
            _INSERT_ENROLMENT(enrolment)  # the unique constraint refuses a second live one (rule 2)
            _log(enrolment, to_state=enrolment.state, actor=participant.user)
            _notify(enrolment, *kinds, on_application=True)
            if enrolment.state == State.CONFIRMED:
                invite_follow(
                    enrolment=enrolment,
                    gathering=gathering,
                    now=now,
                    organizer=applicant.organizer,
                    first=not applicant.invited,
                )
            return enrolment
    except IntegrityError:
        # Two requests from the same person raced past the check: the unique constraint
        # on live enrolments kept one (design rule 2).
        raise EnrolmentError("duplicate") from None


def _seat_counts_query(gathering):
    quotas = (
        Quota.objects.filter(gathering_id=gathering)
        .order_by()
        .values_list(Value("quota"), "organisation_id", "seats")
    )
    held = (
        Enrolment.objects.filter(gathering_id=gathering, state__in=Enrolment.SEAT_STATES)
        .order_by()
        .values("organisation")
        .annotate(count=Count("id"))
        .values_list(Value("held"), "organisation", "count")
    )
    return quotas.union(held, all=True)


_SEAT_COUNTS = PreparedQuery(_seat_counts_query, gathering=int)


def _seat_counts_now(gathering) -> SeatCounts:
    """`seat_counts` in one query (quotas and seats held, as a UNION): read under the lock,
    after it is taken — a statement that waited for the lock sees what the holder wrote."""
    counts = SeatCounts(capacity=gathering.capacity)
    for kind, organisation_id, number in _SEAT_COUNTS(gathering=gathering.pk):
        (counts.quotas if kind == "quota" else counts.held)[organisation_id] = number
    return counts


def _require_coordinator(actor, enrolment):
    if not policy.permits(actor, policy.DECIDE, enrolment):
        raise EnrolmentError("not_coordinator")


# A coordinator's decisions on an application and the states each may be taken from: the one
# table `enrolment_decide` enforces and the admin reads to offer its buttons.
DECISIONS = {
    "accept": (State.APPLIED, State.WAITLISTED),
    "reject": (State.APPLIED, State.WAITLISTED),
    "waitlist": (State.APPLIED,),
}
MOVES = (*DECISIONS, "cancel")  # `enrolment_move`: a decision, or cancelling with a reason


def decisions_for(enrolment: Enrolment) -> list[str]:
    """The decisions `enrolment_decide` allows for the enrolment as it is, in table order."""
    return [decision for decision, states in DECISIONS.items() if enrolment.state in states]


def moves_for(enrolment: Enrolment) -> list[str]:
    """Where `enrolment_move` can take the enrolment: its decisions, and cancel while live."""
    moves = decisions_for(enrolment)
    if enrolment.state in Enrolment.LIVE_STATES:
        moves.append("cancel")
    return moves


def enrolment_decide(
    *, enrolment: Enrolment, decision: str, actor, reason: str = "", now=None
) -> Enrolment:
    """A coordinator accepts, rejects or waitlists an application (a key of DECISIONS)."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    if problem := reason_problem(reason):
        raise EnrolmentError(**problem)
    with transaction.atomic():
        gathering = _lock_gathering(enrolment.gathering_id)
        now = now or timezone.now()
        enrolment = Enrolment.objects.select_related("participant").get(pk=enrolment.pk)
        _require_coordinator(actor, enrolment)
        if enrolment.state not in DECISIONS[decision]:
            raise EnrolmentError("wrong_state")
        if decision == "accept":
            if not seat_counts(gathering).has_seat_for(enrolment.organisation_id):
                raise EnrolmentError("no_seat")
            _give_seat(enrolment, actor=actor, reason=reason, now=now)
        elif decision == "reject":
            _transition(enrolment, State.REJECTED, actor=actor, reason=reason, now=now)
            _notify(enrolment, "rejected")
        else:
            _transition(enrolment, State.WAITLISTED, actor=actor, reason=reason, now=now)
            _notify(enrolment, "waitlisted")
        return enrolment


def enrolment_cancel(*, enrolment: Enrolment, actor, reason: str = "", now=None) -> Enrolment:
    """The participant cancels (until the gathering starts), or a coordinator does with a reason.
    A freed seat is offered to the waiting list at once."""
    if problem := reason_problem(reason):
        raise EnrolmentError(**problem)
    with transaction.atomic():
        gathering = _lock_gathering(enrolment.gathering_id)
        now = now or timezone.now()
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
        if enrolment.participant.user_id == actor.pk:
            if now >= gathering.starts_at:
                raise EnrolmentError("started")
        else:
            _require_coordinator(actor, enrolment)
            if not reason.strip():
                raise EnrolmentError("reason_required")
        if enrolment.state not in Enrolment.LIVE_STATES:
            raise EnrolmentError("wrong_state")
        held_seat = enrolment.state in Enrolment.SEAT_STATES
        _transition(enrolment, State.CANCELLED, actor=actor, reason=reason.strip(), now=now)
        _notify(enrolment, "cancelled")
        if held_seat:
            _offer_free_seats(gathering, seat_counts(gathering), now)
        return enrolment


def offer_respond(*, enrolment: Enrolment, actor, accept: bool, now=None) -> Enrolment:
    """The participant accepts or declines an offered seat before its deadline."""
    with transaction.atomic():
        gathering = _lock_gathering(enrolment.gathering_id)
        now = now or timezone.now()
        enrolment = Enrolment.objects.select_related("participant").get(pk=enrolment.pk)
        if enrolment.participant.user_id != actor.pk:
            raise EnrolmentError("not_yours")
        if enrolment.state != State.OFFERED:
            raise EnrolmentError("wrong_state")
        if now >= enrolment.offer_expires_at:
            raise EnrolmentError("offer_expired")
        if accept:
            _give_seat(enrolment, actor=actor, now=now)
        else:
            _transition(enrolment, State.DECLINED, actor=actor, now=now)
            _offer_free_seats(gathering, seat_counts(gathering), now)
        return enrolment


def offers_expire(*, now=None) -> int:
    """Expire offers (and guardian holds) past their deadline and offer the seats onwards.
    Run by a scheduled task; running it twice changes nothing the second time."""
    now = now or timezone.now()
    overdue = Q(state__in=[State.OFFERED, State.GUARDIAN_PENDING], offer_expires_at__lte=now)
    gathering_ids = set(Enrolment.objects.filter(overdue).values_list("gathering_id", flat=True))
    expired = 0
    for gathering_id in sorted(gathering_ids):
        with transaction.atomic():
            gathering = _lock_gathering(gathering_id)
            for enrolment in Enrolment.objects.filter(overdue, gathering=gathering):
                _transition(enrolment, State.EXPIRED, now=now)
                _notify(enrolment, "offer_expired")
                expired += 1
            _offer_free_seats(gathering, seat_counts(gathering), now)
    return expired


def guardian_link_enrolment(token: str, *, live_only: bool = True) -> Enrolment | None:
    """The live enrolment a guardian's link points to, or None if the link is bad or old.
    `live_only=False`: also one that has ended (to tell a second visit what happened)."""
    enrolment_id = signed_id_read(GUARDIAN_SALT, token, days=GUARDIAN_LINK_DAYS)
    if enrolment_id is None:
        return None
    enrolments = Enrolment.objects.select_related("participant", "gathering", "organisation")
    if live_only:
        enrolments = enrolments.filter(state__in=Enrolment.LIVE_STATES)
    return enrolments.filter(pk=enrolment_id).first()


def guardian_confirm(*, token: str, now=None) -> Enrolment:
    """The guardian confirms, from the signed link in their e-mail (design rule 5)."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = guardian_link_enrolment(token)
        if enrolment is None:
            raise EnrolmentError("guardian_link_invalid")
        _lock_gathering(enrolment.gathering_id)
        enrolment = Enrolment.objects.select_related("participant").get(pk=enrolment.pk)
        if enrolment.guardian_confirmed_at is None:
            enrolment.guardian_confirmed_at = now
            enrolment.save(update_fields=["guardian_confirmed_at", "updated_at"])
        if enrolment.state == State.GUARDIAN_PENDING:
            enrolment.offer_expires_at = None
            _transition(enrolment, State.CONFIRMED, now=now)
            _notify(enrolment, "confirmed", "guardian_receipt")
        return enrolment


def guardian_decline(*, token: str, now=None) -> Enrolment:
    """The guardian says no, from the same link (issue 15): the application is withdrawn, a
    held seat goes to the waiting list, and both the participant and the guardian hear of it.
    Once the guardian has confirmed, the link can no longer withdraw: the coordinator can."""
    with transaction.atomic():
        enrolment = guardian_link_enrolment(token)
        if enrolment is None:
            raise EnrolmentError("guardian_link_invalid")
        gathering = _lock_gathering(enrolment.gathering_id)
        now = now or timezone.now()
        enrolment = Enrolment.objects.select_related("participant").get(pk=enrolment.pk)
        if enrolment.guardian_confirmed_at is not None:
            raise EnrolmentError("guardian_already_confirmed")
        if enrolment.state not in Enrolment.LIVE_STATES:
            raise EnrolmentError("guardian_link_invalid")
        held_seat = enrolment.state in Enrolment.SEAT_STATES
        with translation.override(settings.LANGUAGE_CODE):
            reason = str(GUARDIAN_DECLINED_REASON)
        _transition(enrolment, State.CANCELLED, reason=reason, now=now)
        _notify(enrolment, "guardian_declined", "guardian_decline_receipt")
        if held_seat:
            _offer_free_seats(gathering, seat_counts(gathering), now)
        return enrolment


def enrolment_move(*, enrolment: Enrolment, to: str, actor, reason: str, now=None) -> Enrolment:
    """A coordinator moves an application to another state; a reason is required and logged."""
    if not reason.strip():
        raise EnrolmentError("reason_required")
    if to == "cancel":
        return enrolment_cancel(enrolment=enrolment, actor=actor, reason=reason, now=now)
    if to not in MOVES:
        raise EnrolmentError("wrong_state")
    return enrolment_decide(
        enrolment=enrolment, decision=to, actor=actor, reason=reason.strip(), now=now
    )


def enrolment_decide_many(*, enrolments, decision: str, actor) -> tuple[list, list]:
    """A bulk decision: each application in its own transaction, so one refusal (say, no seat
    left) stops only that one. Returns (done, refused) with (enrolment, message) pairs."""
    done, refused = [], []
    for enrolment in bulk_order(enrolments):
        try:
            done.append(enrolment_decide(enrolment=enrolment, decision=decision, actor=actor))
        except EnrolmentError as error:
            refused.append((enrolment, error.message))
    return done, refused


# What a bulk decision will do to each application, as `enrolment_decide_preview` tells it.
OUTCOME_CONFIRMED = "confirmed"  # accepted: seat confirmed
OUTCOME_GUARDIAN = "guardian_pending"  # accepted: seat held until the guardian confirms
OUTCOME_NO_SEAT = "no_seat"  # cannot be accepted: no seat in the quota or the pool
OUTCOME_REJECTED = "rejected"
OUTCOME_WAITLISTED = "waitlisted"
OUTCOME_WRONG_STATE = "wrong_state"  # the decision does not apply to the application as it is
OUTCOMES = (
    OUTCOME_CONFIRMED,
    OUTCOME_GUARDIAN,
    OUTCOME_WAITLISTED,
    OUTCOME_REJECTED,
    OUTCOME_NO_SEAT,
    OUTCOME_WRONG_STATE,
)


def bulk_order(enrolments) -> list:
    """The order a bulk decision takes the applications in (and its preview counts them in):
    first come, first served, so the seats left go to those who applied first."""
    return sorted(enrolments, key=lambda e: (e.applied_at, e.pk))


def enrolment_decide_preview(*, enrolments, decision: str, now=None) -> list[tuple]:
    """Dry run of `enrolment_decide_many`: (enrolment, outcome) for each, in `bulk_order`,
    by the same rules (`DECISIONS`, `SeatCounts.has_seat_for`, `_seat_state`), writing nothing.
    The enrolments need their participant (for the age); seats are counted once per gathering."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    now = now or timezone.now()
    counts: dict[int, SeatCounts] = {}
    outcomes = []
    for enrolment in bulk_order(enrolments):
        if enrolment.state not in DECISIONS[decision]:
            outcomes.append((enrolment, OUTCOME_WRONG_STATE))
        elif decision == "reject":
            outcomes.append((enrolment, OUTCOME_REJECTED))
        elif decision == "waitlist":
            outcomes.append((enrolment, OUTCOME_WAITLISTED))
        else:
            if enrolment.gathering_id not in counts:
                counts[enrolment.gathering_id] = seat_counts(enrolment.gathering)
            seats = counts[enrolment.gathering_id]
            if not seats.has_seat_for(enrolment.organisation_id):
                outcomes.append((enrolment, OUTCOME_NO_SEAT))
                continue
            seats.take(enrolment.organisation_id)
            state, _deadline = _seat_state(enrolment, now)
            outcomes.append(
                (
                    enrolment,
                    OUTCOME_GUARDIAN if state == State.GUARDIAN_PENDING else OUTCOME_CONFIRMED,
                )
            )
    return outcomes

"""Read queries for gatherings and enrolments used in several places."""

from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Level
from website import policy
from website.models import OutboxMessage
from website.prepared import PreparedQuery

from . import ics, registry
from .completion import completion
from .models import (
    Attendance,
    CalendarInvite,
    Enrolment,
    Gathering,
    Organisation,
    Participant,
    ProgressionException,
    Session,
)

# Which level's completion a gathering level requires (design rule 4).
REQUIRED_LEVEL = {Level.ADVANCED: Level.NEW, Level.COMMUNICATOR: Level.ADVANCED}


@dataclass
class SeatCounts:
    """Seats held per organisation (id → count) against capacity and quotas."""

    capacity: int
    quotas: dict = field(default_factory=dict)
    held: dict = field(default_factory=dict)

    @property
    def pool(self) -> int:
        return max(0, self.capacity - sum(self.quotas.values()))

    @property
    def pool_used(self) -> int:
        return sum(max(0, held - self.quotas.get(org, 0)) for org, held in self.held.items())

    @property
    def total_held(self) -> int:
        return sum(self.held.values())

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.total_held)

    def has_seat_for(self, organisation_id) -> bool:
        """A seat in the organisation's quota, else in the shared pool, and never past capacity."""
        if self.total_held >= self.capacity:
            return False
        if self.held.get(organisation_id, 0) < self.quotas.get(organisation_id, 0):
            return True
        return self.pool_used < self.pool

    def take(self, organisation_id) -> None:
        self.held[organisation_id] = self.held.get(organisation_id, 0) + 1


GATHERING_FIELDS = [f.attname for f in Gathering._meta.concrete_fields]
_PUBLISHED_GATHERING = PreparedQuery(
    lambda slug: (
        Gathering.objects.filter(status=Gathering.Status.PUBLISHED, slug=slug)
        .order_by()
        .values_list(*GATHERING_FIELDS)
    ),
    slug=str,
)
_PARTICIPANT_FIELDS = [f.attname for f in Participant._meta.concrete_fields]
_PARTICIPANT_OF = PreparedQuery(
    lambda user: Participant.objects.filter(user_id=user).values_list(*_PARTICIPANT_FIELDS),
    user=int,
)


def published_gathering(slug: str) -> Gathering | None:
    """The published gathering at `slug`, or None — the application form's, in one prepared
    query (website/prepared.py: a rush of applications runs it thousands of times)."""
    rows = _PUBLISHED_GATHERING(slug=slug)
    return Gathering.from_db(DEFAULT_DB_ALIAS, GATHERING_FIELDS, rows[0]) if rows else None


def participant_of(user) -> Participant | None:
    """The signed-in user's participant profile, or None; `participant.user` is `user` (the
    user is loaded once per request)."""
    rows = _PARTICIPANT_OF(user=user.pk)
    if not rows:
        return None
    participant = Participant.from_db(DEFAULT_DB_ALIAS, _PARTICIPANT_FIELDS, rows[0])
    participant.user = user
    return participant


def seat_counts(gathering: Gathering) -> SeatCounts:
    """Its quotas and the seats held. A gathering from `with_seat_counts` (a list of them for a
    page) brings its counts; under the seat lock they are always read afresh."""
    held = getattr(gathering, "_seats_held", None)
    if held is None:
        held = {
            row["organisation"]: row["count"]
            for row in Enrolment.objects.filter(
                gathering=gathering, state__in=Enrolment.SEAT_STATES
            )
            .values("organisation")
            .annotate(count=Count("id"))
        }
    return SeatCounts(
        capacity=gathering.capacity,
        quotas={q.organisation_id: q.seats for q in gathering.quotas.all()},
        held=dict(held),
    )


def with_seat_counts(gatherings) -> list[Gathering]:
    """The gatherings with their quotas and seats held read in two queries, whatever their
    number (for a page that shows the status of each: the home page, a course, the list)."""
    gatherings = list(gatherings)
    prefetch_related_objects(gatherings, "quotas")
    held = {gathering.pk: {} for gathering in gatherings}
    rows = (
        Enrolment.objects.filter(gathering__in=held, state__in=Enrolment.SEAT_STATES)
        .values("gathering", "organisation")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in rows if held else ():
        held[row["gathering"]][row["organisation"]] = row["count"]
    for gathering in gatherings:
        gathering._seats_held = held[gathering.pk]
    return gatherings


def upcoming_gatherings(*, level=None, kind=None):
    """Published gatherings that have not ended, soonest first (the public list, a course's
    page, the read API)."""
    gatherings = Gathering.objects.filter(
        status=Gathering.Status.PUBLISHED, ends_at__gte=timezone.now()
    )
    if level is not None:
        gatherings = gatherings.filter(level=level)
    if kind is not None:
        gatherings = gatherings.filter(kind=kind)
    return gatherings.order_by("starts_at")


def gathering_nights(gathering: Gathering) -> int:
    """Nights away from home (0: a day gathering), counted in Oslo's calendar."""
    starts = timezone.localtime(gathering.starts_at).date()
    ends = timezone.localtime(gathering.ends_at).date()
    return (ends - starts).days


def progression_missing(*, participant: Participant, level: str) -> str | None:
    """The level whose completion is missing before `participant` may take `level`, or None.

    Proof of the required level counts (a live certificate: the certificates app answers
    through `registry`), and so does an administrator's recorded exception.
    """
    required = REQUIRED_LEVEL.get(level)
    if required is None:
        return None
    if ProgressionException.objects.filter(participant=participant, level=level).exists():
        return None
    return None if registry.has_level_proof(participant, required) else required


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1-based place in the organisation's waiting list (first come, first served)."""
    if enrolment.state != Enrolment.State.WAITLISTED:
        return None
    ahead = Enrolment.objects.filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, pk__lt=enrolment.pk),
        gathering_id=enrolment.gathering_id,
        organisation_id=enrolment.organisation_id,
        state=Enrolment.State.WAITLISTED,
    ).count()
    return ahead + 1


def enrolment_list_for_coordinator(*, user, gathering):
    """The gathering's enrolments through the user's own organisations (design rule 6)."""
    return (
        policy.visible(user, Enrolment.objects.filter(gathering=gathering), policy.DECIDE)
        .select_related("participant__user", "organisation")
        .order_by("organisation__name", "state", "waitlisted_at", "applied_at", "pk")
    )


def gathering_overview(gathering):
    """Counts per organisation and state, with quotas: one row per organisation plus totals."""
    counts = (
        Enrolment.objects.filter(gathering=gathering, state__in=Enrolment.LIVE_STATES)
        .values("organisation", "state")
        .annotate(count=Count("id"))
    )
    by_organisation = {}
    for row in counts:
        by_organisation.setdefault(row["organisation"], {})[row["state"]] = row["count"]
    quotas = {q.organisation_id: q.seats for q in gathering.quotas.select_related("organisation")}
    organisations = Organisation.objects.filter(
        Q(pk__in=quotas) | Q(pk__in=by_organisation)
    ).order_by("name")
    rows = [
        {
            "organisation": organisation,
            "quota": quotas.get(organisation.pk, 0),
            **{
                state: by_organisation.get(organisation.pk, {}).get(state, 0)
                for state in Enrolment.LIVE_STATES
            },
        }
        for organisation in organisations
    ]
    totals = {state: sum(row[state] for row in rows) for state in Enrolment.LIVE_STATES}
    return {"rows": rows, "totals": totals, "counts": seat_counts(gathering)}


def enrolment_completion(enrolment):
    """The enrolment's attendance rate and completion against its gathering's threshold."""
    gathering = enrolment.gathering
    sessions = {s.pk: s.minutes for s in gathering.sessions.all()}
    records = {a.session_id: (a.status, a.minutes_attended) for a in enrolment.attendances.all()}
    return completion(
        session_minutes=sessions, attendance=records, threshold=gathering.completion_threshold
    )


def current_session(gathering, now):
    """The session going on now (with the check-in margin), else the next one, else the first."""
    sessions = list(gathering.sessions.order_by("starts_at"))
    margin = timedelta(minutes=gathering.checkin_margin_minutes)
    for session in sessions:
        if session.starts_at - margin <= now <= session.ends_at:
            return session
    upcoming = [s for s in sessions if s.starts_at > now]
    return upcoming[0] if upcoming else (sessions[0] if sessions else None)


def checkin_list(*, gathering, session, user, query=""):
    """Confirmed participants with their attendance for `session`, in three queries whatever
    the number. At the door a coordinator needs names to check people in (design rule 6):
    everyone's name, and the organisation and identification (birth year, municipality) of
    their own organisations' members only — never another organisation's member's."""
    own = set(
        policy.visible(user, Organisation.objects.all(), policy.DECIDE).values_list("pk", flat=True)
    )
    enrolments = (
        Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED)
        .select_related("participant", "organisation")
        .prefetch_related(
            Prefetch(
                "attendances", queryset=Attendance.objects.filter(session=session), to_attr="here"
            )
        )
        .order_by("participant__full_name", "pk")
    )
    if query:
        enrolments = enrolments.filter(
            Q(participant__full_name__icontains=query)
            | Q(participant__preferred_name__icontains=query)
        )
    rows = []
    for enrolment in enrolments:
        participant = enrolment.participant
        mine = enrolment.organisation_id in own
        rows.append(
            {
                "enrolment": enrolment,
                "name": participant.full_name,
                "organisation": enrolment.organisation.short_code if mine else "",
                "identification": (
                    f"{participant.birth_date.year}, {participant.municipality}".strip(", ")
                    if mine
                    else ""
                ),
                "attendance": enrolment.here[0] if enrolment.here else None,
            }
        )
    return rows


def attendance_report(*, gathering, user=None):
    """Participants × sessions with statuses, totals per session and organisation, and each
    participant's completion — in four queries. Names and organisations only. With `user`,
    their own organisations' members only (design rule 6: reports show a coordinator's own
    members; administrators see all); without, everyone (for callers that filter themselves)."""
    sessions = list(gathering.sessions.order_by("starts_at"))
    enrolments = Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED)
    if user is not None:
        enrolments = policy.visible(user, enrolments, policy.DECIDE)
    enrolments = list(
        enrolments.select_related("participant", "organisation").order_by(
            "organisation__short_code", "participant__full_name", "pk"
        )
    )
    # The gathering's attendance records in one query, by enrolment (not a queryset per
    # enrolment, as prefetching gives: at 1,000 participants that was a third of the report).
    by_enrolment = {}
    for record in Attendance.objects.filter(session__in=sessions).order_by():
        by_enrolment.setdefault(record.enrolment_id, []).append(record)
    session_minutes = {s.pk: s.minutes for s in sessions}
    rows, per_session, per_organisation = [], {s.pk: 0 for s in sessions}, {}
    for enrolment in enrolments:
        records = {a.session_id: a for a in by_enrolment.get(enrolment.pk, ())}
        result = completion(
            session_minutes=session_minutes,
            attendance={k: (a.status, a.minutes_attended) for k, a in records.items()},
            threshold=gathering.completion_threshold,
        )
        for session_id, record in records.items():
            if record.status in Attendance.PRESENT_STATUSES and session_id in per_session:
                per_session[session_id] += 1
        code = enrolment.organisation.short_code
        totals = per_organisation.setdefault(code, {"participants": 0, "complete": 0})
        totals["participants"] += 1
        totals["complete"] += int(result.complete)
        rows.append(
            {
                "enrolment": enrolment,
                "cells": [records.get(s.pk) for s in sessions],
                "completion": result,
            }
        )
    return {
        "sessions": sessions,
        "rows": rows,
        "per_session": [per_session[s.pk] for s in sessions],
        "per_organisation": dict(sorted(per_organisation.items())),
    }


# Calendar ----------------------------------------------------------------------------------


ORGANIZER_ORDER = ("first_name", "last_name", "email")


def organizer_for(gathering: Gathering) -> ics.Person:
    """The gathering's coordinator (the first by name), else the programme's own address."""
    return organizer_person(gathering.coordinators.order_by(*ORGANIZER_ORDER).first())


def organizer_person(coordinator) -> ics.Person:
    """ORGANIZER for a coordinator (a user, or None when the gathering has none)."""
    if coordinator is not None:
        return ics.Person(coordinator.get_full_name() or coordinator.email, coordinator.email)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return ics.Person(name or "Medvirk", address)


@dataclass
class InviteContent:
    """What an invite to a gathering says now: sessions, organiser and their fingerprint."""

    gathering: Gathering
    sessions: list
    organizer: ics.Person
    fingerprint: str


def invite_content(gathering: Gathering, *, organizer: ics.Person | None = None) -> InviteContent:
    """What an invite to `gathering` says now (`organizer`: when the caller has read it)."""
    sessions = list(gathering.sessions.order_by("starts_at", "pk"))
    organizer = organizer or organizer_for(gathering)
    return InviteContent(
        gathering=gathering,
        sessions=sessions,
        organizer=organizer,
        fingerprint=ics.fingerprint(gathering=gathering, sessions=sessions, organizer=organizer),
    )


def newest_enrolments(gathering: Gathering, *, participant_id=None) -> list[Enrolment]:
    """Each person's newest enrolment in the gathering — the one their invite follows (only
    `participant_id`'s, when given)."""
    enrolments = Enrolment.objects.filter(gathering=gathering)
    if participant_id is not None:
        enrolments = enrolments.filter(participant_id=participant_id)
    newest = {}
    for enrolment in enrolments.select_related("participant__user", "organisation").order_by(
        "participant_id", "-pk"
    ):
        newest.setdefault(enrolment.participant_id, enrolment)
    return list(newest.values())


INVITE_STATUSES = {
    "current": _("Up to date"),
    "outdated": _("Out of date"),
    "missing": _("Not sent"),
    "pending": _("Being sent"),
    "failed": _("Could not be sent"),
    "to_cancel": _("Cancellation due"),
    "cancelled": _("Cancelled"),
}


@dataclass
class InviteRow:
    enrolment: Enrolment
    latest: object  # the newest version recorded (sent or not)
    sent: object  # the newest version actually sent
    status: str

    @property
    def status_label(self):
        return INVITE_STATUSES[self.status]


def invite_due(*, enrolment: Enrolment, latest, content: InviteContent) -> str | None:
    """The method of the invite this person should be sent now, or None when what they have
    is right. A confirmed seat at a gathering that is not cancelled should hold a REQUEST with
    the current time and place; anyone else holding a REQUEST should get a CANCEL."""
    Method = CalendarInvite.Method
    wants_invite = (
        enrolment.state == Enrolment.State.CONFIRMED
        and content.gathering.status != Gathering.Status.CANCELLED
    )
    if wants_invite:
        if latest is None or latest.method == Method.CANCEL:
            return Method.REQUEST
        return Method.REQUEST if latest.fingerprint != content.fingerprint else None
    if latest is not None and latest.method == Method.REQUEST:
        return Method.CANCEL
    return None


def _invite_status(*, enrolment, latest, content) -> str | None:
    if latest is not None and latest.unsent:
        message = latest.message
        return "failed" if message is not None and message.attempts else "pending"
    due = invite_due(enrolment=enrolment, latest=latest, content=content)
    if due == CalendarInvite.Method.CANCEL:
        return "to_cancel"
    if due == CalendarInvite.Method.REQUEST:
        return "outdated" if latest is not None and latest.method == due else "missing"
    if latest is None:
        return None
    return "current" if latest.method == CalendarInvite.Method.REQUEST else "cancelled"


def invites_due_count(gathering: Gathering) -> int:
    """How many invites are due (`invite_overview(gathering)[1]["due"]`: out of date, missing,
    or a cancellation to send), counted from one thin row per person — each person's newest
    enrolment with their latest invite's method, fingerprint and e-mail state — instead of
    building every row (the dashboard and the gathering's page show only the number). Three
    queries: what the invite says now (sessions, organiser), and the rows."""
    content = invite_content(gathering)
    latest = CalendarInvite.objects.filter(
        gathering=gathering, participant_id=OuterRef("participant_id")
    ).order_by("-sequence", "-pk")
    newer = Enrolment.objects.filter(
        gathering=gathering, participant_id=OuterRef("participant_id"), pk__gt=OuterRef("pk")
    )
    rows = (
        Enrolment.objects.filter(gathering=gathering)
        .exclude(Exists(newer))
        .annotate(
            invite_method=Subquery(latest.values("method")[:1]),
            invite_fingerprint=Subquery(latest.values("fingerprint")[:1]),
            invite_message_state=Subquery(latest.values("message__state")[:1]),
        )
        .values_list("state", "invite_method", "invite_fingerprint", "invite_message_state")
    )
    Method = CalendarInvite.Method
    cancelled = gathering.status == Gathering.Status.CANCELLED
    due = 0
    for state, method, fingerprint, message_state in rows:
        if method is not None and message_state in (None, "pending", "sending", "failed"):
            continue  # still to go, or failed: "pending" or "failed", not due
        if state == Enrolment.State.CONFIRMED and not cancelled:
            due += method is None or method == Method.CANCEL or fingerprint != content.fingerprint
        else:
            due += method == Method.REQUEST
    return due


def invite_overview(gathering: Gathering, *, user=None) -> tuple[list[InviteRow], dict]:
    """Who has which version of the gathering's invite: one row per person who holds a
    confirmed seat or has had an invite, and the count per status. Three queries (four with
    `user`).

    The counts cover everyone (a run sends to everyone). With `user`, the rows are those of
    people whose newest enrolment came through the user's own organisations (design rule 6;
    administrators see all), and `counts["not_listed"]` says how many are left out."""
    content = invite_content(gathering)
    invites = {}
    for invite in (
        CalendarInvite.objects.filter(gathering=gathering)
        .select_related("message")
        .order_by("sequence", "pk")
    ):
        invites.setdefault(invite.participant_id, []).append(invite)
    rows = []
    for enrolment in newest_enrolments(gathering):
        history = invites.get(enrolment.participant_id, [])
        latest = history[-1] if history else None
        sent = next((i for i in reversed(history) if i.sent_at), None)
        status = _invite_status(enrolment=enrolment, latest=latest, content=content)
        if status is not None:
            rows.append(InviteRow(enrolment=enrolment, latest=latest, sent=sent, status=status))
    rows.sort(key=lambda row: row.enrolment.participant.full_name.casefold())
    counts = {key: 0 for key in INVITE_STATUSES}
    for row in rows:
        counts[row.status] += 1
    counts["due"] = counts["outdated"] + counts["missing"] + counts["to_cancel"]
    counts["not_listed"] = 0
    if user is not None:
        own = set(
            policy.visible(
                user, Enrolment.objects.filter(gathering=gathering), policy.DECIDE
            ).values_list("pk", flat=True)
        )
        listed = [row for row in rows if row.enrolment.pk in own]
        counts["not_listed"] = len(rows) - len(listed)
        rows = listed
    return rows, counts


def gatherings_with_sent_invite(participant_ids):
    """The gatherings where one of `participant_ids` (ids, or a queryset of ids) holds an
    e-mailed calendar invite: the newest version they were sent is a REQUEST. A queryset of
    gathering ids, to use as a subquery. What counts as *sent* is decided here only."""
    sent = CalendarInvite.objects.filter(message__state=OutboxMessage.State.SENT)
    cancelled_later = sent.filter(
        gathering_id=OuterRef("gathering_id"),
        participant_id=OuterRef("participant_id"),
        method=CalendarInvite.Method.CANCEL,
        sequence__gt=OuterRef("sequence"),
    )
    return (
        sent.filter(participant_id__in=participant_ids, method=CalendarInvite.Method.REQUEST)
        .exclude(Exists(cancelled_later))
        .values("gathering_id")
    )


def _first_coordinator(field: str) -> Subquery:
    """`field` of the session's gathering's organiser (see `organizer_for`), as a subquery."""
    coordinators = get_user_model().objects.filter(coordinated_gatherings=OuterRef("gathering_id"))
    return Subquery(coordinators.order_by(*ORGANIZER_ORDER).values(field)[:1])


def feed_sessions(user):
    """Every session of every gathering where `user` holds a confirmed seat (not drafts), and
    of every gathering they coordinate — one query, whatever the number of gatherings — with
    the organiser's name and address (`feed_organizers` reads them).

    Gatherings the person holds an e-mailed invite for are left out: the invite (one event
    for the whole gathering, kept up to date and cancelled by e-mail) is already in their
    calendar. Sharing UIDs would not help: the feed has one event per session, and calendar
    apps show an event from a subscribed calendar beside the invited one even when the UIDs
    are the same. Without an invite (not sent yet, failed, cancelled) the feed has it.

    A list, each session's `gathering` loaded (the sessions of one gathering share it), with
    only the fields the feed is made from (`ics.PUBLISHED_SESSION_FIELDS`,
    `ics.PUBLISHED_GATHERING_FIELDS`; the others are deferred): a gathering's 40 columns, its
    texts among them, came with each of its sessions, and were most of the query's time."""
    seats = (
        Enrolment.objects.filter(participant__user=user, state=Enrolment.State.CONFIRMED)
        .exclude(gathering__status=Gathering.Status.DRAFT)
        .values("gathering_id")
    )
    coordinated = Gathering.coordinators.through.objects.filter(user=user).values("gathering_id")
    invited = gatherings_with_sent_invite(Participant.objects.filter(user=user).values("pk"))
    organizer = ("organizer_first_name", "organizer_last_name", "organizer_email")
    # In the models' field order, as `from_db` wants the values.
    session_fields = _in_field_order(Session, ics.PUBLISHED_SESSION_FIELDS)
    gathering_fields = _in_field_order(Gathering, ics.PUBLISHED_GATHERING_FIELDS)
    rows = (
        Session.objects.filter(Q(gathering_id__in=seats) | Q(gathering_id__in=coordinated))
        .exclude(gathering_id__in=invited)
        .annotate(
            organizer_first_name=_first_coordinator("first_name"),
            organizer_last_name=_first_coordinator("last_name"),
            organizer_email=_first_coordinator("email"),
        )
        .order_by("starts_at", "pk")
        .values_list(*session_fields, *organizer, *(f"gathering__{n}" for n in gathering_fields))
    )
    # The rows as select_related("gathering") would give them, but with one Gathering per
    # gathering rather than per session (building a Gathering is most of the query's time).
    gatherings = {}
    sessions = []
    split = len(session_fields) + len(organizer)
    for row in rows:
        session = Session.from_db(rows.db, session_fields, row[: len(session_fields)])
        for name, value in zip(organizer, row[len(session_fields) : split], strict=True):
            setattr(session, name, value)
        if session.gathering_id not in gatherings:
            gatherings[session.gathering_id] = Gathering.from_db(
                rows.db, gathering_fields, row[split:]
            )
        session.gathering = gatherings[session.gathering_id]
        sessions.append(session)
    return sessions


def _in_field_order(model, names) -> list[str]:
    fields = [field.attname for field in model._meta.concrete_fields if field.attname in names]
    if len(fields) != len(names):
        raise ValueError(f"not fields of {model.__name__}: {set(names) - set(fields)}")
    return fields


def feed_organizers(sessions) -> dict[int, ics.Person]:
    """ORGANIZER per gathering id, from the sessions `feed_sessions` gave (no query)."""
    User = get_user_model()
    organizers = {}
    for session in sessions:
        if session.gathering_id not in organizers:
            coordinator = None
            if session.organizer_email:
                coordinator = User(
                    first_name=session.organizer_first_name,
                    last_name=session.organizer_last_name,
                    email=session.organizer_email,
                )
            organizers[session.gathering_id] = organizer_person(coordinator)
    return organizers


# --- The coordinator's dashboard (issue 16) ---------------------------------------------------

# An offer whose deadline is this close shows on the coordinator's dashboard.
OFFER_EXPIRY_SOON = timedelta(hours=48)


def gatherings_ahead(user, now, action=policy.VIEW):
    """The gatherings `user` may reach for `action` that have not ended and are not
    cancelled, soonest first."""
    return (
        policy.visible(user, Gathering.objects.all(), action)
        .filter(ends_at__gt=now)
        .exclude(status=Gathering.Status.CANCELLED)
        .order_by("starts_at", "pk")
    )


def coordinator_task_counts(*, user, now) -> dict[int, dict]:
    """Per gathering that has not ended: the user's own organisations' applications to decide,
    waiting for a guardian, and offers that expire within `OFFER_EXPIRY_SOON` — one query,
    whatever the number of applications. Gatherings with nothing waiting are left out."""
    State = Enrolment.State
    rows = (
        policy.visible(
            user,
            Enrolment.objects.filter(gathering__ends_at__gt=now).exclude(
                gathering__status=Gathering.Status.CANCELLED
            ),
            policy.DECIDE,
        )
        .order_by()
        .values("gathering")
        .annotate(
            to_decide=Count("pk", filter=Q(state=State.APPLIED)),
            guardian_pending=Count("pk", filter=Q(state=State.GUARDIAN_PENDING)),
            offers_expiring=Count(
                "pk",
                filter=Q(state=State.OFFERED, offer_expires_at__lte=now + OFFER_EXPIRY_SOON),
            ),
        )
        .filter(Q(to_decide__gt=0) | Q(guardian_pending__gt=0) | Q(offers_expiring__gt=0))
    )
    return {row["gathering"]: row for row in rows}


@dataclass
class SeatRow:
    """One organisation's seats at one gathering: its quota, and how many of the seats it
    holds are in the quota and how many in the shared pool."""

    organisation: Organisation
    quota: int
    held: int

    @property
    def in_quota(self) -> int:
        return min(self.held, self.quota)

    @property
    def in_pool(self) -> int:
        return max(0, self.held - self.quota)


def own_organisation_ids(user) -> set[int] | None:
    """The organisations whose members' figures `user` may see (design rule 6); None for an
    administrator, who sees every organisation."""
    if user.is_superuser:
        return None
    return set(
        policy.visible(user, Organisation.objects.all(), policy.DECIDE).values_list("pk", flat=True)
    )


def seat_overview(gathering: Gathering, *, organisation_ids: set[int] | None) -> dict:
    """A gathering's seats for the dashboard: capacity, seats held, the shared pool and its
    use, and one `SeatRow` per organisation in `organisation_ids` (None: every organisation).
    Built on `gathering_overview`."""
    overview = gathering_overview(gathering)
    rows = [
        SeatRow(
            organisation=row["organisation"],
            quota=row["quota"],
            held=sum(row[state] for state in Enrolment.SEAT_STATES),
        )
        for row in overview["rows"]
        if organisation_ids is None or row["organisation"].pk in organisation_ids
    ]
    counts = overview["counts"]
    return {
        "gathering": gathering,
        "capacity": counts.capacity,
        "held": counts.total_held,
        "pool": counts.pool,
        "pool_used": counts.pool_used,
        "rows": rows,
    }

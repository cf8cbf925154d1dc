"""A participant's evaluation of a gathering they attended (issue 17, design rule 10).

- **Who.** Everyone with a confirmed enrolment who was present at least once
  (`Attendance.PRESENT_STATUSES`) gets one `EvaluationInvite`: the "has answered" table.
- **When.** From the gathering's end for `Gathering.evaluation_days` days
  (`evaluation_window`). Before it opens there is no link; after it closes every link is a 404,
  and `evaluations_close` empties the invites' salt and token hash and the responses' edit key,
  so nothing can pair an answer with a person any more, not even with the site's secret.
- **The link.** `/evaluering/<token>/`, the token derived from the invite's random salt
  (`evaluation.tokens`); it is never stored in plain: the invite keeps a hash to find itself,
  the response a different hash to be edited again.
- **One response per person.** `response_submit` locks the invite row, then creates the
  response or changes the one its edit key finds; two first submissions at once give one.
- **The reminder.** Once (outbox key `evaluation_reminder:<invite id>`), to those who have not
  answered, when two thirds of the window have passed (7 days left of the default 21); a
  scheduler that was down sends it late but never once the evaluation has closed, and the
  outbox asks again when it sends (answered or closed in between: skipped).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Attendance, Enrolment, Gathering
from website.models import OutboxMessage
from website.outbox import message_enqueue
from website.rules import RuleError

from ..models import EvaluationInvite, GatheringResponse, ModuleRating
from ..models.gatherings import Readiness
from ..tokens import edit_key, invite_token, new_salt, token_hash

REMINDER_KIND = "evaluation_reminder"
# The reminder is due when this share of the window has passed.
REMINDER_AT = 2 / 3
# The longest window a gathering can have (its field's validator): older gatherings are closed.
LONGEST_WINDOW = timedelta(days=120)
EVALUATED_STATUSES = (Gathering.Status.PUBLISHED, Gathering.Status.COMPLETED)


class EvaluationError(RuleError):
    messages = {
        "unknown": _("This evaluation link is not valid. It may have expired."),
        "closed": _("The evaluation of this gathering has closed."),
        "not_a_session": _("One of the rated sessions is not part of this gathering."),
        "invalid_rating": _("A rating must be a number from 1 to 5."),
        "invalid_readiness": _("Choose one of the answers given for readiness."),
        "too_long": _("A text answer can be at most %(limit)s characters."),
    }


@dataclass(frozen=True)
class Window:
    opens: object
    closes: object

    def is_open(self, now) -> bool:
        return self.opens <= now < self.closes


@dataclass(frozen=True)
class SessionAnswer:
    """One session's rating: None where the person skipped (or was not there)."""

    usefulness: int | None = None
    clarity: int | None = None
    comment: str = ""

    @property
    def is_empty(self) -> bool:
        return self.usefulness is None and self.clarity is None and not self.comment.strip()


def evaluation_window(gathering: Gathering) -> Window:
    """Opens when the gathering ends, closes `evaluation_days` days later."""
    return Window(
        opens=gathering.ends_at,
        closes=gathering.ends_at + timedelta(days=gathering.evaluation_days),
    )


def evaluation_is_open(gathering: Gathering, now=None) -> bool:
    if gathering.status not in EVALUATED_STATUSES:
        return False
    return evaluation_window(gathering).is_open(now or timezone.now())


def _attended(gathering: Gathering):
    """The confirmed enrolments of people who were there at least once."""
    present = Attendance.objects.filter(
        enrolment=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES
    )
    return Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED).filter(
        Exists(present)
    )


def _salted(salt: str) -> dict:
    return {"salt": salt, "token_hash": token_hash(invite_token(salt))}


def evaluation_invites_ensure(gathering: Gathering, *, now=None) -> int:
    """One invite (with its salt) per person who attended, while the evaluation is open;
    returns how many were made now. Safe to run twice, or twice at once."""
    if not evaluation_is_open(gathering, now):
        return 0
    participant_ids = set(_attended(gathering).values_list("participant_id", flat=True))
    have = set(
        EvaluationInvite.objects.filter(gathering=gathering).values_list(
            "participant_id", flat=True
        )
    )
    missing = sorted(participant_ids - have)
    made = EvaluationInvite.objects.bulk_create(
        [
            EvaluationInvite(gathering=gathering, participant_id=pk, **_salted(new_salt()))
            for pk in missing
        ],
        ignore_conflicts=True,
    )
    return len(made)


def _invite_with_salt(invite: EvaluationInvite) -> EvaluationInvite:
    """Give the invite its salt if it has none (under the row's lock: two callers at once must
    not give two different tokens, one of which would then be in a sent e-mail and not work)."""
    if invite.salt:
        return invite
    with transaction.atomic():
        invite = EvaluationInvite.objects.select_for_update().get(pk=invite.pk)
        if not invite.salt:
            for field, value in _salted(new_salt()).items():
                setattr(invite, field, value)
            invite.save(update_fields=["salt", "token_hash"])
    return invite


def invite_url(invite: EvaluationInvite) -> str:
    """The absolute address of the invite's evaluation (built when needed, never stored)."""
    return f"{settings.WAGTAILADMIN_BASE_URL}/evaluering/{invite_token(invite.salt)}/"


def evaluation_link(enrolment: Enrolment, *, now=None) -> str | None:
    """The participant's link to evaluate the gathering (the thank-you e-mail's, My page's);
    None before the gathering ends, after the evaluation closed, or if they did not attend."""
    gathering = enrolment.gathering
    if enrolment.state != Enrolment.State.CONFIRMED or not evaluation_is_open(gathering, now):
        return None
    if not _attended(gathering).filter(pk=enrolment.pk).exists():
        return None
    try:
        invite, _created = EvaluationInvite.objects.get_or_create(
            gathering=gathering,
            participant_id=enrolment.participant_id,
            defaults=_salted(new_salt()),
        )
    except IntegrityError:  # made at the same moment by another process
        invite = EvaluationInvite.objects.get(
            gathering=gathering, participant_id=enrolment.participant_id
        )
    return invite_url(_invite_with_salt(invite))


def invite_for_token(token: str, *, now=None) -> EvaluationInvite | None:
    """The invite a link belongs to, while its evaluation is open; None otherwise."""
    if not token or len(token) > 128:
        return None
    invite = (
        EvaluationInvite.objects.select_related("gathering")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invite is None or not invite.salt or not evaluation_is_open(invite.gathering, now):
        return None
    return invite


def response_for_token(token: str) -> GatheringResponse | None:
    """The saved answers of a link (while it can still be edited)."""
    return (
        GatheringResponse.objects.filter(edit_key=edit_key(token))
        .prefetch_related("ratings")
        .first()
    )


def rated_sessions(gathering: Gathering) -> list:
    """The sessions that taught a curriculum module, in the programme's order."""
    return list(
        gathering.sessions.filter(module__isnull=False)
        .select_related("module")
        .order_by("starts_at", "pk")
    )


def _check_answers(*, sessions_by_id, ratings, texts, readiness) -> None:
    limit = GatheringResponse.TEXT_MAX_LENGTH
    if any(session_id not in sessions_by_id for session_id in ratings):
        raise EvaluationError("not_a_session")
    for answer in ratings.values():
        for value in (answer.usefulness, answer.clarity):
            if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
                raise EvaluationError("invalid_rating")
    if any(len(text) > limit for text in [*texts, *(a.comment for a in ratings.values())]):
        raise EvaluationError("too_long", limit=limit)
    if any(value and value not in Readiness.values for value in readiness):
        raise EvaluationError("invalid_readiness")


def _ratings_write(response: GatheringResponse, sessions_by_id, ratings) -> None:
    """One rating per session answered; a session left empty on an edit loses its rating."""
    existing = {rating.session_id: rating for rating in response.ratings.all()}
    for session_id, session in sessions_by_id.items():
        answer = ratings.get(session_id, SessionAnswer())
        rating = existing.get(session_id)
        if answer.is_empty:
            if rating is not None:
                rating.delete()
            continue
        values = {
            "usefulness": answer.usefulness,
            "clarity": answer.clarity,
            "comment": answer.comment.strip(),
            "module_key": session.module.translation_key,
        }
        if rating is None:
            ModuleRating.objects.create(response=response, session=session, **values)
        else:
            for field, value in values.items():
                setattr(rating, field, value)
            rating.save(update_fields=list(values))


def response_submit(
    *,
    token: str,
    ratings: dict[int, SessionAnswer],
    missing: str = "",
    keep: str = "",
    ready_individual: str = "",
    ready_service: str = "",
    ready_system: str = "",
    language: str = "",
    now=None,
) -> tuple[GatheringResponse, bool]:
    """Save the answers given through a link: the first time a new response, afterwards the
    same one changed (until the evaluation closes). Returns (response, created). `ratings` is
    by session id; only sessions of the gathering that taught a module can be rated."""
    with transaction.atomic():
        found = EvaluationInvite.objects.filter(token_hash=token_hash(token)).first()
        if found is None:
            raise EvaluationError("unknown")
        # Every invite of the gathering is locked (in id order: no deadlock) and, at a first
        # answer, rewritten in one statement: the rows a transaction writes carry its id
        # (PostgreSQL's xmin), and the new response must not share it with its own invite
        # alone — it shares it with all of them.
        invites = {
            row.pk: row
            for row in EvaluationInvite.objects.select_for_update()
            .filter(gathering_id=found.gathering_id)
            .order_by("pk")
        }
        invite = invites.get(found.pk)
        if invite is None or not invite.salt:
            raise EvaluationError("unknown")
        gathering = Gathering.objects.get(pk=invite.gathering_id)
        if not evaluation_is_open(gathering, now or timezone.now()):
            raise EvaluationError("closed")
        sessions_by_id = {session.pk: session for session in rated_sessions(gathering)}
        readiness = (ready_individual, ready_service, ready_system)
        _check_answers(
            sessions_by_id=sessions_by_id,
            ratings=ratings,
            texts=(missing, keep),
            readiness=readiness,
        )
        key = edit_key(token)
        response = GatheringResponse.objects.filter(edit_key=key).first()
        created = response is None
        if created:
            response = GatheringResponse(gathering=gathering, edit_key=key)
        response.language = language[:8]
        response.missing = missing.strip()
        response.keep = keep.strip()
        response.ready_individual, response.ready_service, response.ready_system = readiness
        response.save()
        _ratings_write(response, sessions_by_id, ratings)
        if not invite.answered:
            EvaluationInvite.objects.filter(gathering_id=invite.gathering_id).update(
                answered=Case(When(pk=invite.pk, then=Value(True)), default=F("answered"))
            )
    return response, created


# --- the scheduler ----------------------------------------------------------------------------


def _recent_gatherings(now):
    """Gatherings whose evaluation may be open now (the rest are filtered by their window)."""
    return Gathering.objects.filter(
        status__in=EVALUATED_STATUSES, ends_at__lte=now, ends_at__gt=now - LONGEST_WINDOW
    ).order_by("ends_at", "pk")


def reminder_moment(gathering: Gathering):
    window = evaluation_window(gathering)
    return window.opens + (window.closes - window.opens) * REMINDER_AT


def reminder_key(invite: EvaluationInvite) -> str:
    return f"{REMINDER_KIND}:{invite.pk}"


def evaluation_invites_run(*, now=None) -> int:
    """Invites for every evaluation open now (so My page lists them even where the thank-you
    was not sent); returns how many were made."""
    now = now or timezone.now()
    return sum(
        evaluation_invites_ensure(gathering, now=now)
        for gathering in _recent_gatherings(now)
        if evaluation_is_open(gathering, now)
    )


def evaluation_reminders_send(*, now=None) -> int:
    """Write the reminder to everyone who has not answered an evaluation that is two thirds
    through its window and still open; once each. Returns how many were written now."""
    now = now or timezone.now()
    written = 0
    for gathering in _recent_gatherings(now):
        if not evaluation_is_open(gathering, now) or now < reminder_moment(gathering):
            continue
        evaluation_invites_ensure(gathering, now=now)
        with transaction.atomic():
            invites = list(
                EvaluationInvite.objects.filter(gathering=gathering, answered=False)
                .exclude(salt="")
                .select_related("participant__user")
                .order_by("pk")
            )
            keys = [reminder_key(invite) for invite in invites]
            sent = set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))
            for invite in invites:
                if reminder_key(invite) in sent:
                    continue
                participant = invite.participant
                message_enqueue(
                    kind=REMINDER_KIND,
                    key=reminder_key(invite),
                    to=participant.user.email,
                    name=participant.display_name,
                    language=participant.language,
                    context={"invite_id": invite.pk},
                    about=participant.user,
                )
                written += 1
    return written


def evaluations_close(*, now=None) -> int:
    """Empty the salt and token hash of the invites and the edit key of the responses of every
    evaluation whose window has passed (then no link works, and nothing pairs an answer with a
    person). Returns how many gatherings were closed now."""
    now = now or timezone.now()
    open_invites = EvaluationInvite.objects.filter(gathering=OuterRef("pk")).filter(
        ~Q(salt="") | Q(token_hash__isnull=False)
    )
    open_responses = GatheringResponse.objects.filter(
        gathering=OuterRef("pk"), edit_key__isnull=False
    )
    candidates = Gathering.objects.filter(ends_at__lte=now).filter(
        Exists(open_invites) | Exists(open_responses)
    )
    closed = 0
    for gathering in candidates:
        if gathering.status in EVALUATED_STATUSES and now < evaluation_window(gathering).closes:
            continue
        # Every row of the gathering, not only those that still have a key: on PostgreSQL a
        # response and the invite marked answered with it carry the same transaction id
        # (`xmin`) until they are written again, and this rewrites them all in one transaction.
        with transaction.atomic():
            EvaluationInvite.objects.filter(gathering=gathering).update(salt="", token_hash=None)
            GatheringResponse.objects.filter(gathering=gathering).update(edit_key=None)
        closed += 1
    return closed


def evaluations_run(*, now=None) -> tuple[int, int, int]:
    """The scheduler's run: invites for open evaluations, reminders due, evaluations closed."""
    now = now or timezone.now()
    return (
        evaluation_invites_run(now=now),
        evaluation_reminders_send(now=now),
        evaluations_close(now=now),
    )

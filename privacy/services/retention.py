"""Retention: personal data is deleted when its time is up, by a daily scheduled task.

The periods are `settings.RETENTION` (months, from the environment; README has the table), and
every personal field's rule is named in `privacy/retention_rules.py`. Each rule here says what it
removes and from when; `retention_apply(dry_run=True)` lists what would go without touching
anything — administrators see that list in the admin.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import AttendanceChange, Enrolment, EnrolmentEvent, Gathering, GatheringMessage
from cohorts.services.anonymise import enrolment_texts_erase
from evaluation.models import (
    EvaluationInvite,
    GatheringResponse,
    ModuleRating,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
)
from evaluation.services.responses import evaluation_window, evaluations_close
from network.models import MemberMessage, Membership, RequestEvent, ServiceRequest
from network.services.privacy import membership_remove_inactive, request_anonymise
from people.models import Participant
from website import policy
from website.models import AuditEntry, OutboxMessage
from website.outbox import message_enqueue

from ..messages import INACTIVE_KIND, INACTIVE_MEMBER_KIND
from ..models import InactivityWarning
from .erasure import ErasureError, account_erase, participant_erase
from .sessions import expired_sessions_delete

ENDED = (
    Enrolment.State.REJECTED,
    Enrolment.State.DECLINED,
    Enrolment.State.EXPIRED,
    Enrolment.State.CANCELLED,
)
MONTH = timedelta(days=30)


@dataclass
class RuleResult:
    key: str
    title: str
    cutoff: object
    items: list = field(default_factory=list)  # readable lines, for the dry run

    @property
    def count(self):
        return len(self.items)


def _months(name) -> timedelta:
    return settings.RETENTION[name] * MONTH


def _ended_applications(now, dry_run) -> RuleResult:
    """What a rejected, declined, expired or cancelled application said (motivation, needs,
    reasons in its history), N months after it ended. The row stays for the counts."""
    cutoff = now - _months("ended_applications")
    result = RuleResult(
        "ended_applications",
        _("Text in applications that ended (motivation, needs, reasons)"),
        cutoff,
    )
    enrolments = Enrolment.objects.filter(state__in=ENDED, ended_at__lt=cutoff).filter(
        ~Q(motivation="") | ~Q(needs="") | Q(events__reason__gt="")
    )
    enrolments = enrolments.select_related("participant", "gathering").distinct()
    result.items = [f"{e.participant.full_name} – {e.gathering.title}" for e in enrolments]
    if not dry_run:
        enrolment_texts_erase(enrolment_ids=[e.pk for e in enrolments])
    return result


def _sensitive_fields(now, dry_run) -> RuleResult:
    """Food, accessibility, emergency contact and guardian: N months after the participant's
    last gathering ended, unless they hold a live application to one that has not ended; for
    someone who never applied, N months after their last log-in (or sign-up)."""
    cutoff = now - _months("sensitive_fields")
    result = RuleResult(
        "sensitive_fields",
        _("Sensitive profile fields after the last gathering or the last log-in"),
        cutoff,
    )
    has_some = Q()
    for name in Participant.SENSITIVE_FIELDS:
        has_some |= ~Q(**{name: ""})
    with_some = Participant.objects.filter(has_some)
    after_gathering = (
        with_some.annotate(last_end=Max("enrolments__gathering__ends_at"))
        .filter(last_end__lt=cutoff)
        .exclude(
            enrolments__state__in=Enrolment.LIVE_STATES, enrolments__gathering__ends_at__gte=now
        )
    )
    never_applied = with_some.filter(enrolments=None).filter(
        Q(user__last_login__lt=cutoff) | Q(user__last_login=None, user__date_joined__lt=cutoff)
    )
    participants = list(after_gathering) + list(never_applied)
    result.items = [p.full_name for p in participants]
    if not dry_run:
        Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
            **dict.fromkeys(Participant.SENSITIVE_FIELDS, "")
        )
    return result


def _application_texts(now, dry_run) -> RuleResult:
    """What any application said (motivation, needs, reasons in its history and attendance
    changes), whatever its state, N months after its gathering ended."""
    cutoff = now - _months("application_texts")
    result = RuleResult(
        "application_texts",
        _("Text in applications to gatherings that are over (motivation, needs, reasons)"),
        cutoff,
    )
    over = Enrolment.objects.filter(gathering__ends_at__lt=cutoff)
    with_text = (
        Q(pk__in=over.filter(~Q(motivation="") | ~Q(needs="")).values("pk"))
        | Q(pk__in=EnrolmentEvent.objects.filter(reason__gt="").values("enrolment_id"))
        | Q(
            pk__in=AttendanceChange.objects.filter(reason__gt="").values("attendance__enrolment_id")
        )
    )
    enrolments = over.filter(with_text).select_related("participant", "gathering")
    result.items = [f"{e.participant.full_name} – {e.gathering.title}" for e in enrolments]
    if not dry_run:
        enrolment_texts_erase(enrolment_ids=[e.pk for e in enrolments])
    return result


def _audit_log(now, dry_run) -> RuleResult:
    """The audit log, N months old; it includes the record of who was shown a participant's
    sensitive fields (shown to them under My data)."""
    cutoff = now - _months("audit_log")
    result = RuleResult("audit_log", _("Audit log entries"), cutoff)
    old = AuditEntry.objects.filter(created_at__lt=cutoff)
    result.items = [str(entry) for entry in old]
    if not dry_run:
        AuditEntry.objects.purge_before(cutoff)
    return result


def _sent_emails(now, dry_run) -> RuleResult:
    """E-mails the outbox has finished with (sent, not needed, or failed): the address, subject
    and what they were made from (links with codes in them), N months after they were written.
    A calendar invite keeps its version; it only loses the record of its e-mail."""
    cutoff = now - _months("sent_emails")
    result = RuleResult("sent_emails", _("E-mails sent (address, subject, links)"), cutoff)
    finished = [OutboxMessage.State.SENT, OutboxMessage.State.SKIPPED, OutboxMessage.State.FAILED]
    old = OutboxMessage.objects.filter(created_at__lt=cutoff, state__in=finished)
    result.items = [f"{m.created_at:%Y-%m-%d}: {m.kind_label}" for m in old]
    # What coordinators wrote to participants (its copy for the history), as old as the e-mails.
    written = GatheringMessage.objects.filter(created_at__lt=cutoff)
    result.items += [f"{m.created_at:%Y-%m-%d}: {_('Message from a coordinator')}" for m in written]
    if not dry_run:
        old.delete()
        written.delete()
    return result


def _expired_sessions(now, dry_run) -> RuleResult:
    """Log-in sessions past their expiry (what Django's `clearsessions` does)."""
    result = RuleResult("expired_sessions", _("Expired log-in sessions"), now)
    expired = Session.objects.filter(expire_date__lt=now)
    result.items = [f"{session.expire_date:%Y-%m-%d}" for session in expired]
    if not dry_run:
        expired_sessions_delete(now=now)
    return result


# --- evaluations and the kartlegging (issue 17) -----------------------------------------


def _evaluations_closed_before(moment) -> list:
    """Gatherings whose evaluation closed before `moment` (the evaluation app's window). Few
    gatherings a year: the window is computed here, not in SQL."""
    ended = Gathering.objects.filter(ends_at__lt=moment)
    return [g for g in ended if evaluation_window(g).closes < moment]


def _evaluation_keys(now, dry_run) -> RuleResult:
    """When an evaluation closes, the invites' salt and token hash and the answers' edit key are
    emptied: after that nothing, not even the site's secret, pairs an invite with an answer.
    The evaluation app's hourly run does it (`evaluations_close`); retention runs the same
    service daily, so a scheduler that was down never leaves them."""
    result = RuleResult(
        "evaluation_keys", _("Keys that pair an evaluation's link with its answer"), now
    )
    closed = _evaluations_closed_before(now)
    invites = EvaluationInvite.objects.filter(gathering__in=closed).filter(
        ~Q(salt="") | Q(token_hash__isnull=False)
    )
    responses = GatheringResponse.objects.filter(gathering__in=closed, edit_key__isnull=False)
    anonymous = _("anonymous answer")
    invites = invites.select_related("participant", "gathering")
    result.items = [f"{i.participant.full_name} – {i.gathering.title}" for i in invites]
    result.items += [
        f"{r.gathering.title} ({anonymous})" for r in responses.select_related("gathering")
    ]
    if not dry_run:
        evaluations_close(now=now)
    return result


def _who_answered(now, dry_run) -> RuleResult:
    """Who was invited to evaluate a gathering (and whether they answered): N months after it
    closed (reminders and the one-response rule need them only while it is open, the
    coordinators' "N of M answered" a while after). Who answered a survey that needs a log-in:
    when it closes — only its one-response rule needs them, and their order follows the order
    of answering as the answers' does. The anonymous answers stay."""
    cutoff = now - _months("who_answered")
    result = RuleResult(
        "who_answered", _("Who was invited to evaluate, and who has answered"), cutoff
    )
    invites = EvaluationInvite.objects.filter(
        gathering__in=_evaluations_closed_before(cutoff)
    ).select_related("participant", "gathering")
    participations = SurveyParticipation.objects.filter(survey__closes_at__lte=now).select_related(
        "survey", "user__participant"
    )
    result.items = [f"{i.participant.full_name} – {i.gathering.title}" for i in invites]
    result.items += [f"{_name(p.user)} – {p.survey.title}" for p in participations]
    if not dry_run:
        invites.delete()
        participations.delete()
    return result


def _evaluation_texts(now, dry_run) -> RuleResult:
    """What people wrote in their own words in evaluations and surveys (and the language the
    answer was in), N months after it closed. Ratings and choices stay as anonymous
    statistics."""
    cutoff = now - _months("evaluation_texts")
    result = RuleResult("evaluation_texts", _("Free text in evaluations and surveys"), cutoff)
    closed = _evaluations_closed_before(cutoff)
    surveys = Survey.objects.filter(closes_at__lt=cutoff)
    responses = GatheringResponse.objects.filter(gathering__in=closed)
    written = responses.filter(~Q(missing="") | ~Q(keep=""))
    comments = ModuleRating.objects.filter(response__gathering__in=closed).exclude(comment="")
    answers = SurveyAnswer.objects.filter(response__survey__in=surveys).exclude(text="")
    survey_languages = SurveyResponse.objects.filter(survey__in=surveys).exclude(language="")
    anonymous = _("anonymous answer")
    for queryset, of in (
        (written.select_related("gathering"), lambda r: r.gathering.title),
        (comments.select_related("response__gathering"), lambda c: c.response.gathering.title),
        (answers.select_related("response__survey"), lambda a: a.response.survey.title),
    ):
        result.items += [f"{of(row)} ({anonymous})" for row in queryset]
    if not dry_run:
        responses.filter(~Q(missing="") | ~Q(keep="") | ~Q(language="")).update(
            missing="", keep="", language=""
        )
        comments.update(comment="")
        answers.update(text="")
        survey_languages.update(language="")
    return result


# --- inactive accounts -------------------------------------------------------------------


def _inactive_candidates():
    """Participants' accounts (and accounts that never made a profile), not staff: with the time
    of their last activity — log-in, sign-up, application, or a gathering they applied to."""
    joined = "date_joined"
    return (
        get_user_model()
        .objects.filter(erased_at=None)
        .exclude(policy.staff_filter())
        .annotate(
            last_activity=Greatest(
                Coalesce("last_login", joined),
                Coalesce(Max("participant__enrolments__applied_at"), joined),
                Coalesce(Max("participant__enrolments__gathering__ends_at"), joined),
            )
        )
        .select_related("participant")
    )


def _notice() -> timedelta:
    return timedelta(days=settings.INACTIVE_ACCOUNT_NOTICE_DAYS)


def _name(user) -> str:
    participant = getattr(user, "participant", None)
    return participant.display_name if participant else user.email


def _inactive_erase(now, dry_run) -> RuleResult:
    """Accounts warned at least the notice period ago and not used since: erased, as if the
    person had asked (privacy/services/erasure.py). Someone who came back (logged in, applied)
    loses the warning and is warned again if they go quiet again."""
    cutoff = now - _notice()
    result = RuleResult("inactive_erased", _("Inactive accounts erased after the warning"), cutoff)
    warnings = {w.user_id: w for w in InactivityWarning.objects.all()}
    users = _inactive_candidates().filter(pk__in=list(warnings))
    came_back = [u.pk for u in users if u.last_activity > warnings[u.pk].warned_at]
    due = [u for u in users if u.pk not in came_back and warnings[u.pk].warned_at <= cutoff]
    result.items = [_name(user) for user in due]
    if dry_run:
        return result
    InactivityWarning.objects.filter(user_id__in=came_back).delete()
    for user in due:
        try:
            if hasattr(user, "participant"):
                participant_erase(participant=user.participant, actor=None, now=now)
            else:
                account_erase(user=user, now=now)
        except ErasureError:  # at a gathering going on now: not inactive after all
            InactivityWarning.objects.filter(user=user).delete()
    return result


def _inactive_warn(now, dry_run) -> RuleResult:
    """Accounts with no activity for N months get an e-mail: what will be erased, when, and
    that logging in keeps the account."""
    cutoff = now - _months("inactive_accounts")
    result = RuleResult("inactive_warned", _("Inactive accounts warned by e-mail"), cutoff)
    users = list(_inactive_candidates().filter(last_activity__lt=cutoff, inactivity_warning=None))
    result.items = [_name(user) for user in users]
    if dry_run:
        return result
    erase_on = timezone.localtime(now + _notice()).date()
    for user in users:
        InactivityWarning.objects.create(user=user, warned_at=now)
        participant = getattr(user, "participant", None)
        message_enqueue(
            kind=INACTIVE_KIND,
            key=f"{INACTIVE_KIND}:{user.pk}:{now:%Y-%m-%d}",
            to=user.email,
            name=_name(user) if participant else "",
            language=participant.language if participant else settings.LANGUAGE_CODE,
            context={"erase_on": erase_on.isoformat()},
            about=user,
        )
    return result


# --- the network (issue 18) -------------------------------------------------------------


def _network_unverified(now, dry_run) -> RuleResult:
    """A request whose service never confirmed its e-mail address: deleted whole after a few
    days (nobody has seen it: coordinators see confirmed requests only)."""
    cutoff = now - timedelta(days=settings.NETWORK_UNVERIFIED_REQUEST_DAYS)
    result = RuleResult(
        "network_unverified", _("Requests for a representative never confirmed"), cutoff
    )
    old = ServiceRequest.objects.filter(
        state=ServiceRequest.State.UNVERIFIED, created_at__lt=cutoff
    )
    result.items = [f"{r.created_at:%Y-%m-%d}: {r.organisation_name}" for r in old]
    if not dry_run:
        old.delete()
    return result


def _network_requests(now, dry_run) -> RuleResult:
    """A closed or completed request, N months after it closed (or was completed), and one
    nobody closed, N months after its last date: the service's contact and the texts go, the
    figures stay (network/services/privacy.py)."""
    cutoff = now - _months("network_requests")
    result = RuleResult(
        "network_requests",
        _("Requests for a representative: the service's contact and the texts"),
        cutoff,
    )
    completed_at = (
        RequestEvent.objects.filter(request=OuterRef("pk"), kind="completed")
        .order_by("-at")
        .values("at")[:1]
    )
    finished = [ServiceRequest.State.CLOSED, ServiceRequest.State.COMPLETED]
    confirmed = ServiceRequest.objects.filter(anonymised_at=None).exclude(
        state=ServiceRequest.State.UNVERIFIED
    )
    closed = (
        confirmed.filter(state__in=finished)
        .annotate(ended=Coalesce("closed_at", Subquery(completed_at)))
        .filter(ended__lt=cutoff)
    )
    # A request nobody closed: N months after its last date.
    forgotten = (
        confirmed.exclude(state__in=finished)
        .annotate(last_day=Coalesce("ends_on", "starts_on"))
        .filter(last_day__lt=timezone.localtime(cutoff).date())
    )
    over = list(closed) + list(forgotten)
    result.items = [f"{r.title} ({r.organisation_name})" for r in over]
    if not dry_run:
        for request in over:
            request_anonymise(request=request, now=now)
    return result


def _network_messages(now, dry_run) -> RuleResult:
    """Messages between members, N months after they were sent."""
    cutoff = now - _months("network_messages")
    result = RuleResult("network_messages", _("Messages between network members"), cutoff)
    old = MemberMessage.objects.filter(sent_at__lt=cutoff)
    result.items = [f"{m.sent_at:%Y-%m-%d}: {_('Message between members')}" for m in old]
    if not dry_run:
        old.delete()
    return result


def _member_activity():
    """Memberships with the time of the member's last activity: something done in the network
    (`last_active_at`: joined, edited the profile, answered a request) or a log-in."""
    return Membership.objects.annotate(
        activity=Greatest(
            "last_active_at", Coalesce("participant__user__last_login", "last_active_at")
        )
    ).select_related("participant__user")


def _network_inactive_remove(now, dry_run) -> RuleResult:
    """Members warned at least the notice period ago and silent since: the profile goes, as if
    they had left. Someone who came back loses the warning and is warned again if they go
    quiet again."""
    cutoff = now - _notice()
    result = RuleResult(
        "inactive_members_removed", _("Inactive network profiles removed after the warning"), cutoff
    )
    warned = _member_activity().exclude(inactivity_warned_at=None)
    came_back = [m.pk for m in warned if m.activity > m.inactivity_warned_at]
    due = [m for m in warned if m.pk not in came_back and m.inactivity_warned_at <= cutoff]
    result.items = [m.participant.display_name for m in due]
    if not dry_run:
        Membership.objects.filter(pk__in=came_back).update(inactivity_warned_at=None)
        for membership in due:
            membership_remove_inactive(membership=membership, now=now)
    return result


def _network_inactive_warn(now, dry_run) -> RuleResult:
    """Members silent for N months get an e-mail: the profile will be removed on a date, and
    logging in keeps it."""
    cutoff = now - _months("inactive_members")
    result = RuleResult(
        "inactive_members_warned", _("Inactive network members warned by e-mail"), cutoff
    )
    members = list(_member_activity().filter(inactivity_warned_at=None, activity__lt=cutoff))
    result.items = [m.participant.display_name for m in members]
    if dry_run:
        return result
    remove_on = timezone.localtime(now + _notice()).date()
    for membership in members:
        Membership.objects.filter(pk=membership.pk).update(inactivity_warned_at=now)
        participant = membership.participant
        message_enqueue(
            kind=INACTIVE_MEMBER_KIND,
            key=f"{INACTIVE_MEMBER_KIND}:{membership.pk}:{now:%Y-%m-%d}",
            to=participant.user.email,
            name=participant.display_name,
            language=participant.language,
            context={"remove_on": remove_on.isoformat()},
            about=participant.user,
        )
    return result


RULES = [
    _ended_applications,
    _application_texts,
    _sensitive_fields,
    _audit_log,
    _sent_emails,
    _expired_sessions,
    _evaluation_keys,
    _who_answered,
    _evaluation_texts,
    _inactive_erase,
    _inactive_warn,
    _network_unverified,
    _network_requests,
    _network_messages,
    _network_inactive_remove,
    _network_inactive_warn,
]


def retention_apply(*, now=None, dry_run=False) -> list[RuleResult]:
    """Apply every rule (or, with `dry_run`, only list what each would remove). One
    transaction: a failure part-way changes nothing. Running it twice removes nothing more."""
    now = now or timezone.now()
    with transaction.atomic():
        return [rule(now, dry_run) for rule in RULES]

"""Retention: personal data is deleted when its time is up, by a daily scheduled task.

The periods are `settings.RETENTION` (months, from the environment; README has the table).
Each rule says what it removes and from when; `retention_apply(dry_run=True)` lists what
would go without touching anything — administrators see that list in the admin.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment
from cohorts.services.anonymise import enrolment_texts_erase
from people.models import Participant
from website.models import AuditEntry, OutboxMessage

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
    last gathering ended, unless they hold a live application to one that has not ended."""
    cutoff = now - _months("sensitive_fields")
    result = RuleResult(
        "sensitive_fields",
        _("Sensitive profile fields after the last gathering"),
        cutoff,
    )
    has_some = Q()
    for name in Participant.SENSITIVE_FIELDS:
        has_some |= ~Q(**{name: ""})
    participants = (
        Participant.objects.filter(has_some)
        .annotate(last_end=Max("enrolments__gathering__ends_at"))
        .filter(last_end__lt=cutoff)
        .exclude(
            enrolments__state__in=Enrolment.LIVE_STATES, enrolments__gathering__ends_at__gte=now
        )
    )
    result.items = [p.full_name for p in participants]
    if not dry_run:
        Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
            **dict.fromkeys(Participant.SENSITIVE_FIELDS, "")
        )
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
    if not dry_run:
        old.delete()
    return result


RULES = [_ended_applications, _sensitive_fields, _audit_log, _sent_emails]


def retention_apply(*, now=None, dry_run=False) -> list[RuleResult]:
    """Apply every rule (or, with `dry_run`, only list what each would remove). One
    transaction: a failure part-way changes nothing. Running it twice removes nothing more."""
    now = now or timezone.now()
    with transaction.atomic():
        return [rule(now, dry_run) for rule in RULES]

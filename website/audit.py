"""The audit log: one call per event that touches someone's personal data.

    audit_record(actor=request.user, action=AuditEntry.Action.EXPORT,
                 participants=[...], object_label="Samling …", summary="CSV", reason="")

Entries are written in the caller's transaction, so an action that rolls back leaves no
entry, and an entry exists for every action that happened. Administrators read the log in
the Wagtail admin (*Revisjonslogg*); nobody can change or delete entries there.

This is the only writer of the log (tests/privacy/test_audit_writes.py checks that no other
module creates entries). `sensitive=True` marks an entry where staff were shown a
participant's sensitive fields; `sensitive_access` reads those back for the participant.
"""

from .models import AuditEntry
from .prepared import PreparedInsert

Action = AuditEntry.Action

# Action → the choices whose codes its "before → after" summary holds. The summary stores
# codes (they do not change with the reader's language); the admin shows them as words.
# Registered by the app that owns the choices (a higher layer), in its AppConfig.ready.
_SUMMARY_CHOICES = {}
ARROW = " → "
_INSERT_ENTRY = PreparedInsert(AuditEntry)  # compiled once per process (website/prepared.py)


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "email", "") or str(actor)


def audit_record(
    *,
    actor,
    action: str,
    participants=(),
    object_label: str = "",
    summary: str = "",
    reason: str = "",
    sensitive: bool = False,
) -> list[AuditEntry]:
    """One entry per participant concerned (one entry with no participant if none)."""
    participants = list(participants) or [None]
    entries = [
        AuditEntry(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            action=action,
            participant_id=getattr(participant, "pk", None),
            subject_label=str(getattr(participant, "full_name", "") or "")[:200],
            object_label=str(object_label)[:200],
            summary=str(summary)[:300],
            reason=reason or "",
            sensitive=sensitive,
        )
        for participant in participants
    ]
    if len(entries) == 1:  # the usual case (an application: one a second in a rush)
        return [_INSERT_ENTRY(entries[0])]
    return AuditEntry.objects.bulk_create(entries)


def sensitive_access(participant_id):
    """Who was shown this participant's sensitive fields, and when (newest first)."""
    return AuditEntry.objects.filter(participant_id=participant_id, sensitive=True)


def audit_summary_choices(action: str, choices) -> None:
    """Say that `action`'s summary is "before → after" in codes of the `choices` class."""
    _SUMMARY_CHOICES[action] = choices


def audit_summary_display(entry) -> str:
    """The entry's summary as a person reads it: "Venter på foresatt → Plass bekreftet",
    not "guardian_pending → confirmed". Other summaries are shown as written."""
    choices = _SUMMARY_CHOICES.get(entry.action)
    if choices is None or ARROW not in entry.summary:
        return entry.summary
    words = [
        str(choices(code).label) if code in choices.values else code
        for code in entry.summary.split(ARROW)
    ]
    if words[0] in ("–", ""):  # the first state: "Til behandling", not "– → Til behandling"
        words = words[1:]
    return ARROW.join(words)

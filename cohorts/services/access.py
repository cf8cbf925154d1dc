"""Recording who saw or took out personal data (design rule 6): entries in the one audit log,
written through `website.audit.audit_record`."""

from website.audit import audit_record
from website.models import AuditEntry


def personal_data_viewed(*, viewer, participant, object_label: str) -> None:
    """A coordinator opened one participant's sensitive fields."""
    audit_record(
        actor=viewer,
        action=AuditEntry.Action.SENSITIVE_VIEWED,
        participants=[participant],
        object_label=object_label,
        sensitive=True,
    )


def personal_data_exported(
    *, viewer, participants, object_label: str, what: str, sensitive: bool
) -> None:
    """A file with personal data left the system (CSV, Excel, PDF): one audit entry per person
    in it, marked `sensitive` when the file holds their sensitive fields."""
    audit_record(
        actor=viewer,
        action=AuditEntry.Action.EXPORT,
        participants=list(participants),
        object_label=object_label,
        summary=what,
        sensitive=sensitive,
    )

"""Recording who saw or took out personal data (design rule 6, and the audit log)."""

from website.audit import audit_record
from website.models import AuditEntry

from ..models import SensitiveDataAccess


def personal_data_viewed(*, viewer, participant, object_label: str) -> None:
    """A coordinator opened one participant's sensitive fields."""
    SensitiveDataAccess.objects.create(viewer=viewer, participant=participant, context="detail")
    audit_record(
        actor=viewer,
        action=AuditEntry.Action.SENSITIVE_VIEWED,
        participants=[participant],
        object_label=object_label,
    )


def personal_data_exported(
    *, viewer, participants, object_label: str, what: str, sensitive: bool
) -> None:
    """A file with personal data left the system (CSV, Excel, PDF): one audit entry per person
    in it; with sensitive fields, also the access records shown per participant."""
    participants = list(participants)
    if sensitive:
        SensitiveDataAccess.objects.bulk_create(
            [
                SensitiveDataAccess(viewer=viewer, participant=p, context="export")
                for p in participants
            ]
        )
    audit_record(
        actor=viewer,
        action=AuditEntry.Action.EXPORT,
        participants=participants,
        object_label=object_label,
        summary=what,
    )

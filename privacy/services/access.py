"""The audit log's record of a person taking out their own data (My data), written through
`website.audit.audit_record` like every other entry."""

from django.utils.translation import gettext as _

from website.audit import audit_record
from website.models import AuditEntry


def my_data_downloaded(*, user, participant, file_format: str) -> None:
    """The person opened My data (HTML) or downloaded it (JSON). Not marked `sensitive`:
    that mark lists staff who were shown the person's sensitive fields."""
    audit_record(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        participants=[participant] if participant else [],
        object_label=_("My data"),
        summary=file_format,
    )

"""Level progression exceptions (design rule 4): an administrator lets a participant take a
level without the certificate normally required, with a reason that is kept and audited."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from courses.models import Level
from website.audit import audit_record
from website.models import AuditEntry
from website.rules import REASON_MESSAGES, RuleError, reason_problem

from ..models import Participant, ProgressionException


class ProgressionError(RuleError):
    messages = {
        "not_administrator": _("Only administrators can grant exceptions."),
        "reason_required": _("Give a reason."),
        "exists": _("This participant already has an exception for that level."),
        "wrong_level": _("Exceptions are for the advanced and the experience-communicator levels."),
        **REASON_MESSAGES,
    }


def progression_exception_grant(
    *, participant: Participant, level: str, reason: str, actor
) -> ProgressionException:
    if not actor.is_superuser:
        raise ProgressionError("not_administrator")
    if level not in (Level.ADVANCED, Level.COMMUNICATOR):
        raise ProgressionError("wrong_level")
    if not reason.strip():
        raise ProgressionError("reason_required")
    if problem := reason_problem(reason):
        raise ProgressionError(**problem)
    try:
        with transaction.atomic():
            exception = ProgressionException.objects.create(
                participant=participant, level=level, reason=reason.strip(), granted_by=actor
            )
            audit_record(
                actor=actor,
                action=AuditEntry.Action.PROGRESSION_EXCEPTION,
                participants=[participant],
                object_label=str(Level(level).label),
                reason=reason.strip(),
            )
    except IntegrityError:
        raise ProgressionError("exists") from None
    return exception

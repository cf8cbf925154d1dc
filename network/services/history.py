"""A request's history: every step is one `RequestEvent` (what the request's page shows) and
one entry in the audit log (website.audit), written in the step's transaction."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.audit import audit_record
from website.models import AuditEntry

from ..models import RequestEvent

# The steps, as the request's page names them.
STEPS = {
    "received": _("Request received"),
    "verified": _("E-mail address confirmed"),
    "invited": _("Member invited"),
    "withdrawn": _("Invitation withdrawn"),
    "accepted": _("Member accepted"),
    "declined": _("Member declined"),
    "contact_sent": _("Contact details sent to the service"),
    "confirmed": _("Match confirmed"),
    "completed": _("Assignment completed"),
    "feedback": _("Feedback received"),
    "closed": _("Request closed"),
    "reopened": _("Request reopened"),
    "anonymised": _("Contact details removed (retention)"),
}


def request_step(*, request, step: str, actor=None, invitation=None, detail: str = "", now=None):
    """Record `step` on `request`'s history and in the audit log. `detail` is shown to staff on
    the request's page; keep a member's name out of it (the invitation row names them, and
    disappears from view when they leave)."""
    if step not in STEPS:
        raise ValueError(f"unknown request step {step!r}")
    event = RequestEvent.objects.create(
        request=request,
        at=now or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        kind=step,
        invitation=invitation,
        detail=detail,
    )
    participant = None
    if invitation is not None and invitation.membership_id is not None:
        participant = invitation.membership.participant
    audit_record(
        actor=actor,
        action=AuditEntry.Action.NETWORK_REQUEST,
        participants=[participant] if participant else (),
        object_label=f"{request._meta.verbose_name} {request.pk}",
        summary=step,
    )
    return event


def step_label(kind: str) -> str:
    return str(STEPS.get(kind, kind))

"""What the privacy layer asks of the network's rows (privacy/services/retention.py and
erasure.py call these; the network's rows are changed here, by the network's own services).

- `request_anonymise`: some time after a request closed or was completed, the service's contact
  and the texts go (the request's own description, the payment and closing notes, the notes to
  members, the contact members gave, both sides' feedback comments); what the figures count
  stays (kind, field, levels, county, dates, states, hours, ratings), and so do the title and
  the organisation that asked (the member's erfaringslogg names them).
- `member_records_erase`: a person's erasure: their membership and profile, the messages they
  sent and received, the contact they gave services and the comments on their assignments.
- `membership_remove_inactive`: a member silent for a long time (warned first) loses the
  profile, as if they had left.
"""

from django.db import transaction
from django.utils import timezone

from website.audit import audit_record
from website.models import AuditEntry

from ..models import (
    AssignmentFeedback,
    MemberMessage,
    Membership,
    RequestEvent,
    RequestInvitation,
    ServiceRequest,
)
from .history import request_step

# What a request keeps when anonymised: blanked fields and their empty values.
REQUEST_BLANKS = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "description": "",
    "payment_details": "",
    "close_reason": "",
}
INVITATION_BLANKS = {"note": "", "shared_email": "", "shared_phone": ""}


def request_anonymise(*, request: ServiceRequest, now=None) -> bool:
    """Blank the service's contact and the request's texts (see the module docstring) and mark
    the request anonymised, on its history. False if it already was."""
    now = now or timezone.now()
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().filter(pk=request.pk).first()
        if request is None or request.anonymised_at is not None:
            return False
        for name, empty in REQUEST_BLANKS.items():
            setattr(request, name, empty)
        request.anonymised_at = now
        request.save(update_fields=[*REQUEST_BLANKS, "anonymised_at"])
        RequestInvitation.objects.filter(request=request).update(**INVITATION_BLANKS)
        AssignmentFeedback.objects.filter(invitation__request=request).update(comment="")
        RequestEvent.objects.filter(request=request).update(detail="")
        request_step(request=request, step="anonymised", now=now)
    return True


def member_records_erase(*, participant) -> None:
    """Part of a person's erasure (inside its transaction): the messages they sent and received
    go, their invitations keep the request's history without them (no member, no contact given,
    no note, no comments on the assignment from either side, which would be about them), and
    the membership with its profile is deleted."""
    membership = Membership.objects.filter(participant=participant).first()
    if membership is None:
        return
    invitations = RequestInvitation.objects.filter(membership=membership)
    AssignmentFeedback.objects.filter(invitation__in=invitations).update(comment="")
    RequestEvent.objects.filter(invitation__in=invitations).update(detail="")
    invitations.update(membership=None, **INVITATION_BLANKS)
    MemberMessage.objects.filter(sender=membership).delete()
    MemberMessage.objects.filter(recipient=membership).delete()
    membership.delete()


def membership_remove_inactive(*, membership: Membership, now=None) -> bool:
    """Retention: the profile of a member warned for silence, still silent, goes as if they had
    left (their invitations keep the request's history without them). False if the member came
    back in the meantime (active since the warning)."""
    now = now or timezone.now()
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("participant")
            .filter(pk=membership.pk)
            .first()
        )
        warned = membership and membership.inactivity_warned_at
        if not warned or membership.last_active_at > warned:
            return False
        audit_record(
            actor=None,
            action=AuditEntry.Action.NETWORK_MEMBERSHIP,
            participants=[membership.participant],
            object_label=str(Membership._meta.verbose_name),
            summary="removed_inactive",
        )
        membership.delete()
    return True

"""Matching by coordinators, and the member's answer (issue 18, item 4; design rules 6 and 11).

- `request_invite`: a coordinator invites one or more matching members they may see (the
  access policy: their own organisations' members, or members visible network-wide). One
  invitation per member and request (a unique constraint: two coordinators inviting the same
  member at once make one invitation, the second is told "already invited").
- `invitation_withdraw`: a coordinator of the invitation's organisation takes back an
  invitation the member has not answered.
- `invitation_accept` / `invitation_decline`: the member alone (OWN). Accepting copies the
  member's chosen contact into the invitation — the ONLY moment the service gets it (rule 11) —
  and e-mails it to the service; the member's receipt carries the service's contact.
- `match_confirm`: a coordinator confirms an accepted invitation: the request is matched.
- `request_close`: a coordinator closes a request with a reason; unanswered invitations are
  withdrawn with it.

Every write locks the invitation's (or the request's) row first, so an accept racing a
withdraw, or two answers at once, end in one state; repeating a step changes nothing. Every
step is on the request's history and in the audit log (`history.request_step`).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Organisation
from website import policy
from website.audit import audit_record
from website.models import AuditEntry
from website.outbox import message_enqueue
from website.rules import REASON_MESSAGES, RuleError, reason_problem

from ..models import Availability, Membership, RequestInvitation, ServiceRequest
from .history import request_step

State = ServiceRequest.State
InvitationState = RequestInvitation.State

INVITATION_KIND = "network_invitation"
CONTACT_KIND = "network_contact"
ACCEPT_RECEIPT_KIND = "network_accept_receipt"
DECLINED_KIND = "network_declined"
CONFIRMED_KIND = "network_match_confirmed"

# A request coordinators may still invite members to.
INVITABLE = (State.OPEN, State.INVITING, State.ACCEPTED, State.MATCHED)
# A request that is over: nobody answers, nobody is invited.
ENDED = (State.CLOSED, State.COMPLETED)
# Invitations that still stand (the member is, or may be, on the assignment).
LIVE = (InvitationState.INVITED, InvitationState.ACCEPTED, InvitationState.CONFIRMED)


class MatchingError(RuleError):
    messages = {
        "no_members": _("Choose at least one member to invite."),
        "not_invitable": _("This request is closed or not confirmed, so nobody can be invited."),
        "note_unreadable": _(
            "The note must be plain text of at most %(limit)s characters. Shorten it."
        ),
        "withdrawn": _(
            "The coordinator has withdrawn this invitation, so it can no longer be accepted."
        ),
        "declined": _("You have declined this invitation already."),
        "accepted": _(
            "You have accepted this invitation already. Contact the coordinator "
            "if you can no longer take it."
        ),
        "request_ended": _("This request is closed, so the invitation can no longer be answered."),
        "not_withdrawable": _("Only an invitation the member has not answered can be withdrawn."),
        "not_accepted": _("Only an invitation the member has accepted can be confirmed."),
        "closed": _("This request is completed or closed already."),
        "reason_missing": _("Write why the request is closed."),
        **REASON_MESSAGES,
    }


def _lock_request(request_id) -> ServiceRequest:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_request needs a transaction")
    return ServiceRequest.objects.select_for_update().get(pk=request_id)


def _lock_invitation(invitation_id) -> RequestInvitation:
    """The invitation, its row locked until the transaction ends: every answer, withdrawal and
    confirmation starts here, so two of them at once run one after the other."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_invitation needs a transaction")
    return (
        RequestInvitation.objects.select_for_update(of=("self",))
        .select_related("request", "membership__participant__user", "organisation")
        .get(pk=invitation_id)
    )


def _settle(request) -> None:
    """After an invitation leaves (withdrawn, declined): the request's state follows what is
    left — a member accepted, members invited, or nobody (new again)."""
    if request.state not in (State.INVITING, State.ACCEPTED):
        return
    states = set(request.invitations.values_list("state", flat=True))
    if InvitationState.ACCEPTED in states:
        new = State.ACCEPTED
    elif InvitationState.INVITED in states:
        new = State.INVITING
    else:
        new = State.OPEN
    if new != request.state:
        request.state = new
        request.save(update_fields=["state"])


def inviting_organisation(*, user, membership):
    """The organisation an invitation goes out for: the coordinator's organisation the member
    belongs to; else (a member visible network-wide) the coordinator's own first organisation.
    For an administrator every organisation is theirs: the member's first one."""
    own = policy.visible(user, Organisation.objects.all(), policy.DECIDE).order_by("name")
    shared = own.filter(pk__in=membership.participant.organisations.values("pk")).first()
    return shared or own.first()


def member_profiles_viewed(*, viewer, memberships, object_label: str) -> None:
    """Staff were shown these members' profiles (fields, levels, county, introduction): one
    sensitive entry per member in the one audit log (rule 6, like `personal_data_viewed`)."""
    participants = [membership.participant for membership in memberships]
    if participants:
        audit_record(
            actor=viewer,
            action=AuditEntry.Action.SENSITIVE_VIEWED,
            participants=participants,
            object_label=object_label,
            summary="network profile",
            sensitive=True,
        )


@transaction.atomic
def request_invite(*, actor, request, memberships, note: str = "", now=None) -> list:
    """Invite each member the coordinator may see and who is active and available; a member
    already invited to this request is left as they are. Returns the new invitations."""
    if not memberships:
        raise MatchingError("no_members")
    if reason_problem(note):
        raise MatchingError(**{**reason_problem(note), "code": "note_unreadable"})
    now = now or timezone.now()
    request = _lock_request(request.pk)
    if request.state not in INVITABLE:
        raise MatchingError("not_invitable")
    allowed = policy.visible(
        actor,
        Membership.objects.filter(
            pk__in=[membership.pk for membership in memberships],
            state=Membership.State.ACTIVE,
        ).exclude(availability=Availability.PAUSED),
    ).select_related("participant__user")
    created = []
    for membership in allowed.order_by("pk"):
        organisation = inviting_organisation(user=actor, membership=membership)
        if organisation is None:
            continue
        try:
            with transaction.atomic():
                invitation = RequestInvitation.objects.create(
                    request=request,
                    membership=membership,
                    organisation=organisation,
                    invited_by=actor,
                    note=(note or "").strip(),
                    invited_at=now,
                )
        except IntegrityError:
            continue  # invited already (by this coordinator or another at the same moment)
        request_step(request=request, step="invited", actor=actor, invitation=invitation, now=now)
        message_enqueue(
            kind=INVITATION_KIND,
            key=f"{INVITATION_KIND}:{invitation.pk}",
            to=membership.participant.user.email,
            name=membership.participant.full_name,
            language=membership.participant.language,
            context={"invitation_id": invitation.pk},
            about=membership.participant.user,
        )
        created.append(invitation)
    if created and request.state == State.OPEN:
        request.state = State.INVITING
        request.save(update_fields=["state"])
    return created


@transaction.atomic
def invitation_withdraw(*, actor, invitation, now=None) -> RequestInvitation:
    """Take back an unanswered invitation (a coordinator of its organisation). Twice: nothing."""
    if not policy.permits(actor, policy.DECIDE, invitation):
        raise MatchingError("not_withdrawable")
    invitation = _lock_invitation(invitation.pk)
    if invitation.state == InvitationState.WITHDRAWN:
        return invitation
    if invitation.state != InvitationState.INVITED:
        raise MatchingError("not_withdrawable")
    request = _lock_request(invitation.request_id)
    invitation.state = InvitationState.WITHDRAWN
    invitation.answered_at = now or timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    request_step(request=request, step="withdrawn", actor=actor, invitation=invitation, now=now)
    _settle(request)
    return invitation


def _touch(membership, now) -> None:
    Membership.objects.filter(pk=membership.pk).update(last_active_at=now)


@transaction.atomic
def invitation_accept(*, actor, invitation, now=None) -> RequestInvitation:
    """The member says yes: their chosen contact goes to the service now, and not before."""
    now = now or timezone.now()
    invitation = _lock_invitation(invitation.pk)
    if not policy.permits(actor, policy.OWN, invitation):
        raise MatchingError("withdrawn")  # never reached from a view: they answer 404 first
    if invitation.state in (InvitationState.ACCEPTED, InvitationState.CONFIRMED):
        return invitation
    if invitation.state == InvitationState.WITHDRAWN:
        raise MatchingError("withdrawn")
    if invitation.state == InvitationState.DECLINED:
        raise MatchingError("declined")
    request = _lock_request(invitation.request_id)
    if request.state in ENDED:
        raise MatchingError("request_ended")
    membership = invitation.membership
    invitation.state = InvitationState.ACCEPTED
    invitation.answered_at = now
    invitation.shared_email = membership.assignment_email
    invitation.shared_phone = membership.contact_phone
    invitation.save(update_fields=["state", "answered_at", "shared_email", "shared_phone"])
    if request.state in (State.OPEN, State.INVITING):
        request.state = State.ACCEPTED
        request.save(update_fields=["state"])
    _touch(membership, now)
    request_step(request=request, step="accepted", actor=actor, invitation=invitation, now=now)
    message_enqueue(
        kind=CONTACT_KIND,
        key=f"{CONTACT_KIND}:{invitation.pk}",
        to=request.contact_email,
        name=request.contact_name,
        language=request.language,
        context={"invitation_id": invitation.pk},
    )
    request_step(request=request, step="contact_sent", actor=actor, invitation=invitation, now=now)
    message_enqueue(
        kind=ACCEPT_RECEIPT_KIND,
        key=f"{ACCEPT_RECEIPT_KIND}:{invitation.pk}",
        to=membership.participant.user.email,
        name=membership.participant.full_name,
        language=membership.participant.language,
        context={"invitation_id": invitation.pk},
        about=membership.participant.user,
    )
    return invitation


@transaction.atomic
def invitation_decline(*, actor, invitation, now=None) -> RequestInvitation:
    """The member says no; the coordinator who invited them hears of it. Twice: nothing."""
    now = now or timezone.now()
    invitation = _lock_invitation(invitation.pk)
    if not policy.permits(actor, policy.OWN, invitation):
        raise MatchingError("withdrawn")
    if invitation.state in (InvitationState.DECLINED, InvitationState.WITHDRAWN):
        return invitation
    if invitation.state != InvitationState.INVITED:
        raise MatchingError("accepted")
    request = _lock_request(invitation.request_id)
    invitation.state = InvitationState.DECLINED
    invitation.answered_at = now
    invitation.save(update_fields=["state", "answered_at"])
    _touch(invitation.membership, now)
    request_step(request=request, step="declined", actor=actor, invitation=invitation, now=now)
    _settle(request)
    inviter = invitation.invited_by
    if inviter is not None and inviter.is_active and inviter.email:
        message_enqueue(
            kind=DECLINED_KIND,
            key=f"{DECLINED_KIND}:{invitation.pk}",
            to=inviter.email,
            language=settings.LANGUAGE_CODE,
            context={"invitation_id": invitation.pk},
        )
    return invitation


@transaction.atomic
def match_confirm(*, actor, invitation, now=None) -> RequestInvitation:
    """A coordinator confirms an accepted invitation: the request is matched; both sides hear."""
    if not policy.permits(actor, policy.DECIDE, invitation):
        raise MatchingError("not_accepted")
    now = now or timezone.now()
    invitation = _lock_invitation(invitation.pk)
    if invitation.state == InvitationState.CONFIRMED:
        return invitation
    if invitation.state != InvitationState.ACCEPTED or invitation.membership is None:
        raise MatchingError("not_accepted")
    request = _lock_request(invitation.request_id)
    if request.state in ENDED:
        raise MatchingError("closed")
    invitation.state = InvitationState.CONFIRMED
    invitation.confirmed_at = now
    invitation.save(update_fields=["state", "confirmed_at"])
    request.state = State.MATCHED
    request.save(update_fields=["state"])
    request_step(request=request, step="confirmed", actor=actor, invitation=invitation, now=now)
    participant = invitation.membership.participant
    for side, to, name, language, about in (
        (
            "member",
            participant.user.email,
            participant.full_name,
            participant.language,
            participant.user,
        ),
        ("service", request.contact_email, request.contact_name, request.language, None),
    ):
        message_enqueue(
            kind=CONFIRMED_KIND,
            key=f"{CONFIRMED_KIND}:{invitation.pk}:{side}",
            to=to,
            name=name,
            language=language,
            context={"invitation_id": invitation.pk, "side": side},
            about=about,
        )
    return invitation


@transaction.atomic
def request_close(*, actor, request, reason: str, now=None) -> ServiceRequest:
    """Close a request (any coordinator who sees it), with a reason kept on its history.
    Invitations not yet answered are withdrawn with it."""
    reason = (reason or "").strip()
    if not reason:
        raise MatchingError("reason_missing")
    if reason_problem(reason):
        raise MatchingError(**reason_problem(reason))
    if not policy.visible(actor, ServiceRequest.objects.filter(pk=request.pk)).exists():
        raise MatchingError("closed")
    now = now or timezone.now()
    request = _lock_request(request.pk)
    if request.state in ENDED:
        raise MatchingError("closed")
    for invitation in request.invitations.select_for_update().filter(state=InvitationState.INVITED):
        invitation.state = InvitationState.WITHDRAWN
        invitation.answered_at = now
        invitation.save(update_fields=["state", "answered_at"])
        request_step(request=request, step="withdrawn", actor=actor, invitation=invitation, now=now)
    request.state = State.CLOSED
    request.closed_at = now
    request.close_reason = reason
    request.save(update_fields=["state", "closed_at", "close_reason"])
    request_step(request=request, step="closed", actor=actor, detail=reason, now=now)
    return request

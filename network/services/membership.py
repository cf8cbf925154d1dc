"""Joining and leaving the network, a guardian's answer, and the member's profile.

Each service runs in one transaction, audits what it did (website.audit) and writes its
e-mails to the outbox in the same transaction. Refusals are `MembershipError` codes; the texts
are in `ERRORS`.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Participant
from website.audit import audit_record
from website.models import AuditEntry
from website.rules import RuleError
from website.signed_links import signed_id, signed_id_read

from ..consent import CONSENT_VERSION
from ..emails.membership import membership_notify
from ..models import Membership
from ..selectors.membership import can_join, needs_guardian

GUARDIAN_SALT = "network.guardian-confirmation"
GUARDIAN_LINK_DAYS = 7

# What a member may set on their profile (the rest of the row is the network's bookkeeping).
PROFILE_FIELDS = (
    "field_mental_health",
    "field_substance_use",
    "field_child_welfare",
    "did_individual",
    "did_service",
    "did_system",
    "county",
    "languages",
    "availability",
    "introduction",
    "contact_email",
    "contact_phone",
    "listed_for_members",
    "visible_network_wide",
    "show_organisation",
    "members_see_fields",
    "members_see_levels",
    "members_see_participation",
    "members_see_county",
    "members_see_languages",
    "members_see_availability",
    "members_see_introduction",
)


# The refusals, code → text (Norwegian in the catalogue).
ERRORS = {
    "no_profile": _("Fill in your profile on My page first."),
    "no_certificate": _(
        "You can join the network once you hold the certificate from the gathering for new "
        "representatives (level 1). Apply to a gathering for new representatives, and join "
        "when your certificate is issued."
    ),
    "already_member": _("You have already joined the network."),
    "guardian_missing": _(
        "You are under 18, so your guardian must confirm that you may join. Add your "
        "guardian's name and e-mail address to your profile first."
    ),
    "consent_required": _("To join, tick the box to say that you agree."),
    "profile_invalid": _("Some of the profile could not be saved. Check the fields and try again."),
    "guardian_link_invalid": _("The confirmation link is invalid or has expired."),
    "guardian_link_gone": _(
        "There is nothing to answer: the request to join was declined or withdrawn, or the "
        "young person has left the network."
    ),
    "guardian_already_confirmed": _(
        "You have already confirmed. The young person can leave the network from their page "
        "at any time."
    ),
    "not_yours": _("This is not your membership."),
}


class MembershipError(RuleError):
    messages = ERRORS


def guardian_token(membership: Membership) -> str:
    return signed_id(GUARDIAN_SALT, membership.pk)


def guardian_link_id(token: str) -> str | None:
    """The membership id a guardian's link carries, or None if the link is bad or old."""
    return signed_id_read(GUARDIAN_SALT, token, days=GUARDIAN_LINK_DAYS)


def guardian_link_membership(token: str) -> Membership | None:
    """The membership a guardian's link points to (pending or already confirmed), or None if
    the link is bad, old, or the membership is gone (declined, or the participant left)."""
    membership_id = guardian_link_id(token)
    if membership_id is None:
        return None
    return Membership.objects.select_related("participant__user").filter(pk=membership_id).first()


def _audit(membership, *, actor, summary: str) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.NETWORK_MEMBERSHIP,
        participants=[membership.participant],
        object_label=str(Membership._meta.verbose_name),
        summary=summary,
    )


def _apply_profile(membership: Membership, profile: dict) -> None:
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not part of a network profile: {sorted(unknown)}")
    for name, value in profile.items():
        setattr(membership, name, value)
    try:
        membership.full_clean(exclude=["participant"], validate_unique=False)
    except ValidationError as error:
        raise MembershipError("profile_invalid") from error


def membership_join(*, participant, consent: bool, profile: dict, now=None) -> Membership:
    """The participant joins with their consent and profile. Needs a live certificate of level 1
    or higher. An adult is a member at once; an under-18 waits for a guardian's confirmation
    (design rule 5), and the guardian is e-mailed a link."""
    if not consent:
        raise MembershipError("consent_required")
    now = now or timezone.now()
    with transaction.atomic():
        # One join at a time per person (a double click sends two).
        participant = (
            Participant.objects.select_for_update().select_related("user").get(pk=participant.pk)
        )
        reason = can_join(participant, timezone.localdate(now))
        if reason:
            raise MembershipError(reason)
        minor = needs_guardian(participant, timezone.localdate(now))
        membership = Membership(
            participant=participant,
            state=Membership.State.GUARDIAN_PENDING if minor else Membership.State.ACTIVE,
            consent_given_at=now,
            consent_version=CONSENT_VERSION,
            joined_at=None if minor else now,
            last_active_at=now,
        )
        _apply_profile(membership, profile)
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError as error:
            raise MembershipError("already_member") from error
        _audit(
            membership, actor=participant.user, summary="joined" if not minor else "asked_guardian"
        )
        if minor:
            membership_notify(membership, "guardian_request", "pending")
        else:
            membership_notify(membership, "joined")
    return membership


def membership_guardian_confirm(*, token: str, now=None) -> Membership:
    """The guardian confirms from the signed link (on POST only: mail scanners open links).
    Confirming twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        found = guardian_link_membership(token)
        if found is None:
            raise MembershipError("guardian_link_invalid")
        membership = (
            Membership.objects.select_for_update()
            .select_related("participant__user")
            .get(pk=found.pk)
        )
        if membership.state == Membership.State.ACTIVE:
            return membership
        membership.state = Membership.State.ACTIVE
        membership.guardian_confirmed_at = now
        membership.joined_at = now
        membership.last_active_at = now
        membership.save(
            update_fields=["state", "guardian_confirmed_at", "joined_at", "last_active_at"]
        )
        _audit(membership, actor=None, summary="guardian_confirmed")
        membership_notify(membership, "confirmed", "guardian_receipt")
    return membership


def membership_guardian_decline(*, token: str, now=None) -> Participant:
    """The guardian says no: the request to join is removed at once (nothing of the profile is
    kept), and the participant and the guardian are told. Once confirmed, the link cannot undo
    it: the member leaves from My page."""
    with transaction.atomic():
        found = guardian_link_membership(token)
        if found is None:
            raise MembershipError("guardian_link_invalid")
        membership = (
            Membership.objects.select_for_update()
            .select_related("participant__user")
            .get(pk=found.pk)
        )
        if membership.state != Membership.State.GUARDIAN_PENDING:
            raise MembershipError("guardian_already_confirmed")
        participant = membership.participant
        _audit(membership, actor=None, summary="guardian_declined")
        membership_notify(membership, "declined", "guardian_decline_receipt")
        membership.delete()
    return participant


def membership_update(*, membership: Membership, actor, profile: dict, now=None) -> Membership:
    """The member changes their profile or what others see of it."""
    now = now or timezone.now()
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("participant__user")
            .get(pk=membership.pk)
        )
        if membership.participant.user_id != getattr(actor, "pk", None):
            raise MembershipError("not_yours")
        _apply_profile(membership, profile)
        membership.last_active_at = now
        membership.inactivity_warned_at = None
        membership.save()
        _audit(membership, actor=actor, summary="profile_changed")
    return membership


def membership_leave(*, membership: Membership, actor) -> None:
    """The member leaves (or withdraws a request a guardian has not answered): the row and
    with it the profile are deleted at once. Invitations to requests keep their history without
    the member (their link is set empty)."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("participant__user")
            .filter(pk=membership.pk)
            .first()
        )
        if membership is None:
            return
        if membership.participant.user_id != getattr(actor, "pk", None):
            raise MembershipError("not_yours")
        _audit(membership, actor=actor, summary="left")
        membership.delete()

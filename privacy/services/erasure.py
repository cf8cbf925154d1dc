"""Erasure (GDPR art. 17): a participant, or the guardian of one under 18, asks for their
data to be deleted.

What identifies the person is removed or blanked; what must stay, stays:
- the rows that funder reports count (applications with their organisation, gathering and
  state; attendance; certificates; calendar invites sent) keep their numbers and dates, so
  aggregate counts are unchanged;
- issued certificates keep verifying — with the name only if the participant chose so,
  otherwise as "issued to a participant, name withheld" (and the stored PDF, which carries
  the name, is deleted);
- the audit log keeps its entries without the name, and records the erasure;
- Wagtail's own log (site history: an administrator who edited the person's login, a
  participant's rows edited in the admin) keeps its entries, labelled "Slettet deltaker";
- every session of the person ends (other devices are logged out; see sessions.py);
- the network membership and profile go, with the messages the person sent and received;
  requests they were invited to keep their history without them (no member, no contact given,
  no comments on the assignment: network/services/privacy.py `member_records_erase`);
- who was invited to evaluate a gathering and who answered a survey (`EvaluationInvite`,
  `SurveyParticipation`) go; the answers stay, as they are anonymous and nothing links them to
  the person (design.md rule 10): the statistics and the other answers' free text are not
  changed by someone leaving.

The mark of an erased person is `User.erased_at` (`is_erased`). Rows of the apps below are
changed by those apps' own services (cohorts: `person_records_erase`; certificates:
`certificate_holder_erase`); the person's profile and account are what erasure is about, and
are anonymised here.
"""

import datetime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.services import certificate_holder_erase
from cohorts.models import (
    Attendance,
    CalendarFeed,
    CalendarInvite,
    Enrolment,
    ProgressionException,
)
from cohorts.services import enrolment_cancel
from cohorts.services.anonymise import person_records_erase
from cohorts.tokens import GUARDIAN_ERASURE_DAYS, GUARDIAN_ERASURE_SALT
from evaluation.models import EvaluationInvite, SurveyParticipation
from network.models import Membership
from network.services.privacy import member_records_erase
from people.models import Participant
from website import policy
from website.audit import audit_record
from website.models import AuditEntry, OutboxMessage
from website.rules import RuleError

from .sessions import sessions_end

ERASED_NAME = "Slettet deltaker"


class ErasureError(RuleError):
    messages = {
        "in_progress": _(
            "You are at a gathering that is going on now. Ask again when it has ended."
        ),
        "link_invalid": _("The link is invalid or has expired."),
        "not_a_minor": _(
            "The participant is 18 or older and decides for themselves; they can delete their "
            "data from My page."
        ),
        "already_erased": _("These data have already been deleted."),
        # When someone else (an administrator) asks.
        "person_in_progress": _(
            "This person is at a gathering that is going on now. Delete their data when it "
            "has ended."
        ),
    }


def placeholder_email(user) -> str:
    """The address an erased account keeps: e-mail is the unique login column, so it cannot
    be empty. It is never read as the mark of an erasure (`erased_at` is)."""
    return f"slettet-{user.pk}@medvirk.invalid"


def is_erased(participant: Participant) -> bool:
    return participant.user.erased_at is not None


def _check(participant, now):
    if is_erased(participant):
        raise ErasureError("already_erased")
    in_progress = Enrolment.objects.filter(
        participant=participant,
        state__in=Enrolment.LIVE_STATES,
        gathering__starts_at__lte=now,
        gathering__ends_at__gt=now,
    )
    if in_progress.exists():
        raise ErasureError("in_progress")


def participant_erase(
    *, participant: Participant, actor, keep_name_on_certificates: bool = False, now=None
) -> None:
    """Cancel what is upcoming (the seats go to the next people waiting), then anonymise
    everything about the person in one transaction."""
    now = now or timezone.now()
    _check(participant, now)
    upcoming = Enrolment.objects.filter(
        participant=participant, state__in=Enrolment.LIVE_STATES, gathering__starts_at__gt=now
    )
    for enrolment in upcoming:
        enrolment_cancel(enrolment=enrolment, actor=participant.user, now=now)
    with transaction.atomic():
        participant = (
            Participant.objects.select_for_update().select_related("user").get(pk=participant.pk)
        )
        _check(participant, now)
        user = participant.user
        _wagtail_log_clean(user, participant)
        # The e-mails about the person (sent or not: the addresses go with them), and any
        # other e-mail to their addresses (the network's contact address too).
        addresses = {user.email, *_network_addresses(participant)}
        OutboxMessage.objects.filter(Q(about=user) | Q(recipient__in=addresses)).delete()
        person_records_erase(user=user, participant=participant)
        _who_answered_erase(user=user, participant=participant)
        member_records_erase(participant=participant)
        certificate_holder_erase(
            enrolments=Enrolment.objects.filter(participant=participant),
            keep_name=keep_name_on_certificates,
        )
        participant.full_name = ERASED_NAME
        participant.birth_date = datetime.date(participant.birth_date.year, 1, 1)
        for name in ("preferred_name", "phone", "municipality", *Participant.SENSITIVE_FIELDS):
            setattr(participant, name, "")
        participant.save()
        _anonymise_account(user, now)
        AuditEntry.objects.anonymise_participant(participant.pk, user.pk)
        audit_record(
            actor=actor if getattr(actor, "pk", None) != user.pk else None,
            action=AuditEntry.Action.ERASED,
            participants=[participant],
            summary=(
                _("name kept on certificates") if keep_name_on_certificates else _("all names")
            ),
        )


def _network_addresses(participant) -> list:
    memberships = Membership.objects.filter(participant=participant).exclude(contact_email="")
    return list(memberships.values_list("contact_email", flat=True))


def _who_answered_erase(*, user, participant=None) -> None:
    """The "has answered" rows name the person; the answers name nobody and stay."""
    SurveyParticipation.objects.filter(user=user).delete()
    if participant is not None:
        EvaluationInvite.objects.filter(participant=participant).delete()


def _wagtail_log_clean(user, participant=None) -> None:
    """Wagtail's log (`/admin/reports/site-history/`) labels each entry with what the object was
    called then: an administrator who edited the login left the person's name there. The entries
    stay (who did what, when), with a neutral label and without their details."""
    from wagtail.models import ModelLogEntry

    def pks(queryset):
        return [str(pk) for pk in queryset.values_list("pk", flat=True)]

    objects = [(get_user_model(), [str(user.pk)])]
    objects.append((CalendarFeed, pks(CalendarFeed.objects.filter(user=user))))
    if participant is not None:
        enrolments = Enrolment.objects.filter(participant=participant)
        objects += [
            (Participant, [str(participant.pk)]),
            (Enrolment, pks(enrolments)),
            (Attendance, pks(Attendance.objects.filter(enrolment__in=enrolments))),
            (CalendarInvite, pks(CalendarInvite.objects.filter(participant=participant))),
            (Certificate, pks(Certificate.objects.filter(enrolment__in=enrolments))),
            (
                ProgressionException,
                pks(ProgressionException.objects.filter(participant=participant)),
            ),
            (
                EvaluationInvite,
                pks(EvaluationInvite.objects.filter(participant=participant)),
            ),
            (Membership, pks(Membership.objects.filter(participant=participant))),
        ]
    for model, ids in objects:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=ids,
        ).update(label=ERASED_NAME, data={})


def _anonymise_account(user, now) -> None:
    """The login goes: no address, no name, no password, not active, every session ended, the
    second factor and the admin profile deleted; `erased_at` marks it."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.users.models import UserProfile

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()
    sessions_end(user=user)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.email = placeholder_email(user)
    user.first_name = user.last_name = ""
    user.is_active = False
    user.erased_at = now
    user.set_unusable_password()
    user.save()


def account_erase(*, user, now=None) -> None:
    """An account without a participant profile (never applied): the account goes."""
    with transaction.atomic():
        _wagtail_log_clean(user)
        OutboxMessage.objects.filter(about=user).delete()
        person_records_erase(user=user)
        _who_answered_erase(user=user)
        # participant_id 0 matches no entry: only what the person did loses their address.
        AuditEntry.objects.anonymise_participant(0, user.pk)
        _anonymise_account(user, now or timezone.now())


def user_erase(*, user, actor, now=None) -> bool:
    """Deleting a participant's account anywhere (the admin's Users, Django's delete) is an
    erasure: the same as the person asking. False for a staff account without a profile (it is
    deleted as usual) and for one already erased. ErasureError while at a gathering."""
    participant = Participant.objects.filter(user=user).first()
    # From the database: a delete sends its signals for the profile and for the account, with
    # the account as it was loaded before the first erased it.
    if get_user_model().objects.filter(pk=user.pk).exclude(erased_at=None).exists():
        return False
    if participant is not None:
        participant_erase(participant=participant, actor=actor, now=now)
        return True
    if policy.is_staff(user):
        return False
    account_erase(user=user, now=now)
    audit_record(actor=actor, action=AuditEntry.Action.ERASED, object_label=ERASED_NAME)
    return True


def guardian_erasure_participant(token: str) -> Participant | None:
    try:
        participant_id = signing.TimestampSigner(salt=GUARDIAN_ERASURE_SALT).unsign(
            token, max_age=timedelta(days=GUARDIAN_ERASURE_DAYS)
        )
    except signing.BadSignature:
        return None
    return Participant.objects.select_related("user").filter(pk=participant_id).first()


def guardian_erase(*, token: str, now=None) -> Participant:
    """The guardian of a participant under 18 asks, from the signed link in their e-mail."""
    now = now or timezone.now()
    participant = guardian_erasure_participant(token)
    if participant is None:
        raise ErasureError("link_invalid")
    if participant.age_on(now.date()) >= 18:
        raise ErasureError("not_a_minor")
    participant_erase(participant=participant, actor=None, now=now)
    return participant

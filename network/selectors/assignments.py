"""Reads after the assignment: a member's erfaringslogg (assignments, hours, certificates), the
assignments waiting for their feedback, and the invitation a feedback form is for."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from certificates.models import Certificate
from website import policy

from ..models import AssignmentFeedback, ParticipationLevel, RequestInvitation
from ..services.assignments import finished_requests


@dataclass
class LogEntry:
    """One assignment as the erfaringslogg shows it."""

    title: str
    kind: str  # what for (label)
    organisation: str  # the service's organisation ("" once retention removed it)
    level: str  # participation level code
    level_label: str
    starts_on: date
    ends_on: date | None
    hours: Decimal | None


@dataclass
class LogCertificate:
    level_label: str
    issued_on: date
    code: str
    verify_path: str


@dataclass
class Log:
    """A member's erfaringslogg: built by `erfaringslogg`, drawn by network/erfaringslogg.py."""

    name: str
    entries: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    def hours_per_level(self) -> list[tuple[str, Decimal, int]]:
        """(level label, hours, assignments) for each level with an assignment, in the
        levels' order."""
        rows = []
        for level, label in ParticipationLevel.choices:
            entries = [entry for entry in self.entries if entry.level == level]
            if entries:
                hours = sum((entry.hours or Decimal(0) for entry in entries), Decimal(0))
                rows.append((str(label), hours, len(entries)))
        return rows

    @property
    def total_hours(self) -> Decimal:
        return sum((entry.hours or Decimal(0) for entry in self.entries), Decimal(0))


def finished_invitations(participant):
    """The participant's own confirmed invitations to requests that took place."""
    return RequestInvitation.objects.filter(
        membership__participant=participant,
        state=RequestInvitation.State.CONFIRMED,
        request__in=finished_requests(),
    )


def erfaringslogg(participant) -> Log:
    """Everything the erfaringslogg shows, in two queries: finished assignments (oldest
    first) and live certificates."""
    invitations = finished_invitations(participant).select_related("request")
    certificates = Certificate.objects.filter(
        enrolment__participant=participant, revoked_at__isnull=True
    ).order_by("issued_at")
    return Log(
        name=participant.full_name,
        entries=sorted(
            (
                LogEntry(
                    title=invitation.request.title,
                    kind=invitation.request.get_kind_display(),
                    organisation=invitation.request.organisation_name,
                    level=invitation.request.participation_level,
                    level_label=invitation.request.get_participation_level_display(),
                    starts_on=invitation.request.starts_on,
                    ends_on=invitation.request.ends_on,
                    hours=invitation.hours,
                )
                for invitation in invitations
            ),
            key=lambda entry: (entry.starts_on, entry.title),
        ),
        certificates=[
            LogCertificate(
                level_label=certificate.get_level_display(),
                issued_on=timezone.localdate(certificate.issued_at),
                code=certificate.display_code,
                verify_path=certificate.get_absolute_url(),
            )
            for certificate in certificates
        ],
    )


def awaiting_feedback(participant) -> list[RequestInvitation]:
    """The participant's finished assignments they have not given feedback on yet."""
    answered = AssignmentFeedback.objects.filter(
        invitation=OuterRef("pk"), side=AssignmentFeedback.Side.MEMBER
    )
    return list(
        finished_invitations(participant)
        .filter(~Exists(answered))
        .select_related("request")
        .order_by("request__starts_on", "pk")
    )


def feedback_invitation_or_404(user, pk) -> RequestInvitation:
    """The invitation a member's feedback form is for: their own (OWN: not even an
    administrator answers for them), confirmed, on a request that took place; else 404."""
    participant = getattr(user, "participant", None) if user.is_authenticated else None
    if participant is None:
        raise Http404
    queryset = finished_invitations(participant).select_related("request")
    return policy.get_or_404(user, queryset, policy.OWN, pk=pk)

"""A service's request for a representative, and what follows it: the members coordinators
invite, the request's history, and both sides' feedback after the assignment."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Level

from .choices import County, Field, ParticipationLevel
from .members import Membership

DESCRIPTION_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000


def new_request_token() -> str:
    return secrets.token_urlsafe(24)


class ServiceRequest(models.Model):
    """A NAV office, a municipality, a hospital trust, a youth council… asks for a
    representative (`/nettverk/foresporsel/`). The `token` is the service's capability link to
    its request (status, the contact once a member accepted, feedback afterwards). Nothing in
    this row points at a member: invitations do, and the service reads a member's contact only
    from an accepted invitation (rule 11)."""

    class Kind(models.TextChoices):
        BOARD = "board", _("A seat on a board or council")
        WORKING_GROUP = "working_group", _("A working group")
        TALK = "talk", _("A talk or teaching")
        USER_PANEL = "user_panel", _("A user panel")
        CONSULTATION = "consultation", _("A consultation or input")

    class State(models.TextChoices):
        UNVERIFIED = "unverified", _("E-mail not confirmed")
        OPEN = "open", pgettext_lazy("service request", "New")
        INVITING = "inviting", _("Members invited")
        ACCEPTED = "accepted", _("A member accepted")
        MATCHED = "matched", _("Matched")
        COMPLETED = "completed", pgettext_lazy("service request", "Completed")
        CLOSED = "closed", pgettext_lazy("service request", "Closed")

    token = models.CharField(max_length=64, unique=True, default=new_request_token, editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.UNVERIFIED
    )
    # Who asks.
    organisation_name = models.CharField(_("organisation or service"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # What for.
    kind = models.CharField(_("what for"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    field = models.CharField(
        _("field"), max_length=20, choices=Field.choices, blank=True, help_text=_("Empty: any.")
    )
    participation_level = models.CharField(
        _("level of participation"), max_length=20, choices=ParticipationLevel.choices
    )
    certificate_level = models.CharField(
        _("certificate needed"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("Empty: level 1, which every member has."),
    )
    county = models.CharField(_("county"), max_length=2, choices=County.choices, blank=True)
    digital = models.BooleanField(_("digital"), default=False)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    duration = models.CharField(
        _("how long"),
        max_length=200,
        help_text=_("For example: two hours, or four meetings a year"),
    )
    fee_paid = models.BooleanField(_("a fee is paid"), default=False)
    travel_paid = models.BooleanField(_("travel is paid"), default=False)
    payment_details = models.CharField(_("about payment"), max_length=300, blank=True)

    created_at = models.DateTimeField(_("received"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.TextField(_("why it was closed"), blank=True)
    # Retention blanks the service's contact and texts some time after closing.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request for a representative")
        verbose_name_plural = _("requests for a representative")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="service_request_ends_after_start",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organisation_name})"

    def get_absolute_url(self):
        return f"/nettverk/foresporsel/{self.token}/"


class RequestInvitation(models.Model):
    """A coordinator invites a member to a request. The member accepts or declines from My
    page; an accepted invitation is what releases the member's contact to the service, and the
    coordinator then confirms the match. `organisation` is the one the coordinator invited for
    (the member's own, or any when the member is visible network-wide)."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", pgettext_lazy("request invitation", "Accepted")
        DECLINED = "declined", pgettext_lazy("request invitation", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("request invitation", "Withdrawn")
        CONFIRMED = "confirmed", pgettext_lazy("request invitation", "Confirmed")

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="invitations"
    )
    # Empty once the member has left the network (the request's history stays, nameless).
    membership = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note to the member"), max_length=COMMENT_MAX_LENGTH, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.INVITED
    )
    invited_at = models.DateTimeField(_("invited"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("match confirmed"), null=True, blank=True)
    # The contact the member chose to give, copied when they accept (they may change their
    # profile later; the service keeps what it was given).
    shared_email = models.EmailField(blank=True)
    shared_phone = models.CharField(max_length=30, blank=True)
    # Reported by the member afterwards, for the erfaringslogg.
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(999)],
    )

    class Meta:
        ordering = ["invited_at"]
        verbose_name = _("invitation to a request")
        verbose_name_plural = _("invitations to requests")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "membership"], name="one_invitation_per_member_and_request"
            ),
        ]

    def __str__(self):
        return f"{self.request} – {self.membership or '–'}"


class RequestEvent(models.Model):
    """One step on a request's history (received, confirmed, invited, accepted, declined,
    contact sent, match confirmed, feedback, closed). The audit log records the same step for
    staff; this is what the request's page shows."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30)
    invitation = models.ForeignKey(
        RequestInvitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.kind}"


class AssignmentFeedback(models.Model):
    """After the assignment, both sides are asked: the member (from My page, with the hours
    for the erfaringslogg, which go on the invitation) and the service (from its request
    link). One answer per side."""

    class Side(models.TextChoices):
        MEMBER = "member", _("The member")
        SERVICE = "service", _("The service")

    invitation = models.ForeignKey(
        RequestInvitation, on_delete=models.CASCADE, related_name="feedback"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    rating = models.PositiveSmallIntegerField(
        _("how did it go"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "side"], name="one_feedback_per_side_and_assignment"
            ),
        ]

    def __str__(self):
        return f"{self.invitation_id}: {self.side}"

"""Enrolments, their history, progression exceptions, e-mails and access records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Level
from people.models import Organisation, Participant

from .gatherings import Gathering


class Enrolment(models.Model):
    class State(models.TextChoices):
        APPLIED = "applied", _("Awaiting review")
        GUARDIAN_PENDING = "guardian_pending", _("Awaiting guardian's confirmation")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CONFIRMED = "confirmed", _("Seat confirmed")
        REJECTED = "rejected", _("Not accepted")
        DECLINED = "declined", _("Offer declined")
        EXPIRED = "expired", _("Offer expired")
        # Withdrawn by the person or cancelled by a coordinator: "avmeldt", never "avlyst"
        # (which is what happens to a gathering); see docs/glossary.md.
        CANCELLED = "cancelled", pgettext_lazy("application state", "Cancelled")

    # A person has at most one live enrolment per gathering (design rule 2).
    LIVE_STATES = (
        State.APPLIED,
        State.GUARDIAN_PENDING,
        State.WAITLISTED,
        State.OFFERED,
        State.CONFIRMED,
    )
    # States that occupy a seat and count against capacity and quota (design rule 1).
    SEAT_STATES = (State.GUARDIAN_PENDING, State.OFFERED, State.CONFIRMED)
    # The longest motivation or needs text an applicant may type (issue 14).
    TEXT_MAX_LENGTH = 2000

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="enrolments"
    )
    gathering = models.ForeignKey(Gathering, on_delete=models.PROTECT, related_name="enrolments")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("applied through"),
    )
    motivation = models.TextField(_("motivation"), max_length=TEXT_MAX_LENGTH, blank=True)
    needs = models.TextField(_("needs"), max_length=TEXT_MAX_LENGTH, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    guardian_confirmed_at = models.DateTimeField(_("guardian confirmed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "gathering"],
                condition=Q(
                    state__in=["applied", "guardian_pending", "waitlisted", "offered", "confirmed"]
                ),
                name="one_live_enrolment_per_gathering",
            ),
        ]
        indexes = [models.Index(fields=["gathering", "state", "organisation"])]

    def __str__(self):
        return f"{self.participant} – {self.gathering}"


class EnrolmentEvent(models.Model):
    """Every change of an enrolment's state: who, when, from what to what, and why."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.enrolment_id}: {self.from_state or '–'} → {self.to_state}"

    @property
    def from_state_label(self):
        """The state before, in words ("" for the first event)."""
        return Enrolment.State(self.from_state).label if self.from_state else ""

    @property
    def to_state_label(self):
        return Enrolment.State(self.to_state).label


class ProgressionException(models.Model):
    """An administrator's decision that a participant may take a level without the certificate
    normally required (design rule 4)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="progression_exceptions"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "level"], name="one_exception_per_level"
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.get_level_display()}"

"""Organisations, participants, gatherings (with quotas and sessions) and enrolments.

Data and invariants only; every write with rules is in cohorts/services.py.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from courses.models import Level


class Organisation(models.Model):
    """A user organisation taking part in the programme (MHU, BAR, LFB, …), kept as data."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_code = models.CharField(
        _("short code"),
        max_length=12,
        unique=True,
        help_text=_("The short name used in lists, e.g. MHU."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_organisations",
        verbose_name=_("coordinators"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.short_code})"


class Participant(models.Model):
    """A young representative's profile. Fields in SENSITIVE_FIELDS can reveal health or
    family facts (design rule 6): coordinators see them for their own organisation only,
    and every view of them is logged."""

    SENSITIVE_FIELDS = (
        "dietary_needs",
        "accessibility_needs",
        "emergency_contact_name",
        "emergency_contact_phone",
        "guardian_name",
        "guardian_email",
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="members", verbose_name=_("organisations")
    )
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=150, blank=True)
    emergency_contact_phone = models.CharField(
        _("emergency contact's phone"), max_length=30, blank=True
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.preferred_name or self.full_name

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class Gathering(ClusterableModel):
    class AdmissionMode(models.TextChoices):
        FIRST_COME = "first_come", _("First come, first served")
        APPLICATION = "application", _("By application")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gatherings",
        verbose_name=_("course"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=150)
    venue_address = models.CharField(_("venue address"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("capacity"))
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"))
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"))
    admission_mode = models.CharField(
        _("admission"),
        max_length=20,
        choices=AdmissionMode.choices,
        default=AdmissionMode.FIRST_COME,
    )
    has_waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_(
            "When full, later applicants join a waiting list. Untick to refuse them instead."
        ),
    )
    offer_deadline_hours = models.PositiveIntegerField(
        _("hours to accept an offered seat"), default=48
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_gatherings",
        verbose_name=_("coordinators"),
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="gathering_ends_after_start",
                violation_error_message=_("The end must come after the start."),
            ),
            models.CheckConstraint(
                condition=Q(enrolment_closes_at__gt=models.F("enrolment_opens_at")),
                name="gathering_enrolment_closes_after_opening",
                violation_error_message=_("Applications must close after they open."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/samlinger/{self.slug}/"


class Quota(models.Model):
    """Seats reserved for one organisation; capacity minus all quotas is the shared pool."""

    gathering = ParentalKey(Gathering, on_delete=models.CASCADE, related_name="quotas")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="quotas")
    seats = models.PositiveIntegerField(_("reserved seats"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "organisation"],
                name="one_quota_per_organisation",
                violation_error_message=_("An organisation can have only one quota per gathering."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation.short_code}: {self.seats}"


class Session(models.Model):
    """One item of a gathering's timetable."""

    gathering = ParentalKey(Gathering, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("module"),
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


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
        CANCELLED = "cancelled", _("Cancelled")

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
    motivation = models.TextField(_("motivation"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
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


class Notification(models.Model):
    """An e-mail about an enrolment, recorded so it is sent once (design rule 7)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Application received")
        GUARDIAN_REQUEST = "guardian_request", _("Guardian's confirmation requested")
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        OFFER_EXPIRED = "offer_expired", _("Offer expired")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Not accepted")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="one_notification_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.enrolment}"


class SensitiveDataAccess(models.Model):
    """Every time someone is shown a participant's sensitive fields (design rule 6)."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sensitive_data_accesses"
    )
    context = models.CharField(max_length=50)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.viewer} → {self.participant} ({self.context})"

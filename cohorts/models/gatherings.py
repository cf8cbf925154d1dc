"""Gatherings with their quotas and timetable (sessions)."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from courses.models import Level
from people.models import Organisation
from website.i18n import in_active_language


class CalendarRevision(models.Model):
    """A counter that goes up when what the published calendars say about the row changes in
    a way that matters (time or place; see `calendar_fields`). The session's VEVENT has the
    session's plus its gathering's counter as SEQUENCE (`cohorts.ics.session_sequence`).

    `save()` reads the stored fields, compares, and adds one in its UPDATE when they differ
    (the admin saves every session of a gathering, changed or not). `QuerySet.update()` of
    these fields passes it by, so change them through `save()`."""

    calendar_fields: tuple[str, ...] = ()

    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, **kwargs):
        update_fields = kwargs.get("update_fields")
        bumped = self._calendar_changed(update_fields)
        if bumped:
            self.revision = models.F("revision") + 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "revision"}
        super().save(**kwargs)
        if bumped:
            self.refresh_from_db(fields=["revision"])

    def calendar_key(self, values: dict) -> tuple:
        """What of `values` (the calendar fields) the calendars show: times to the second."""
        return tuple(
            value.replace(microsecond=0) if isinstance(value, datetime) else value
            for value in (values[name] for name in self.calendar_fields)
        )

    def _calendar_changed(self, update_fields) -> bool:
        if self.pk is None:
            return False
        if update_fields is not None and not set(update_fields) & set(self.calendar_fields):
            return False
        stored = type(self)._base_manager.filter(pk=self.pk).values(*self.calendar_fields).first()
        if stored is None:
            return False
        current = {name: getattr(self, name) for name in self.calendar_fields}
        return self.calendar_key(stored) != self.calendar_key(current)


# Reminders go at most this many days before a gathering, and at most this many per gathering.
REMINDER_MAX_DAYS = 60
REMINDER_MAX_COUNT = 5


def reminder_days_parse(value: str) -> list[int]:
    """ "7, 1" -> [7, 1] (largest first, no repeats); ValueError when it is not such a list."""
    parts = [part for part in value.replace(";", ",").replace(" ", ",").split(",") if part]
    days = sorted({int(part) for part in parts}, reverse=True)  # int() raises for "a", "1.5"
    if len(days) > REMINDER_MAX_COUNT or any(not 1 <= day <= REMINDER_MAX_DAYS for day in days):
        raise ValueError(value)
    return days


def validate_reminder_days(value: str) -> None:
    try:
        reminder_days_parse(value)
    except ValueError:
        raise ValidationError(
            _(
                "Write whole numbers of days between 1 and %(max)s, separated by commas, "
                "for example “7, 1” (at most %(count)s)."
            ),
            code="invalid",
            params={"max": REMINDER_MAX_DAYS, "count": REMINDER_MAX_COUNT},
        ) from None


class Gathering(CalendarRevision, ClusterableModel):
    class AdmissionMode(models.TextChoices):
        FIRST_COME = "first_come", _("First come, first served")
        APPLICATION = "application", _("By application")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", pgettext_lazy("gathering status", "Cancelled")
        COMPLETED = "completed", _("Completed")

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme gathering")
        NETWORK = "network", _("Network gathering (members of the network only)")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    # A network gathering (nettverkssamling, issue 18) is open only to members of the
    # representatives' network (cohorts.registry.is_network_member) and gives no certificate.
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
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
    # English for visitors who chose English (empty: they read the Norwegian).
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
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
    completion_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of the scheduled minutes a participant must attend for a certificate."),
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("late after (minutes)"),
        default=10,
        help_text=_("A QR check-in this long after a session starts counts as late."),
    )
    checkin_margin_minutes = models.PositiveSmallIntegerField(
        _("QR check-in margin (minutes)"),
        default=15,
        help_text=_("How long before a session starts and after it ends the QR code is accepted."),
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
    # Practical information: on the public page and in the reminders (Norwegian and English;
    # an empty English field shows the Norwegian).
    bring = models.TextField(_("what to bring"), blank=True)
    bring_en = models.TextField(_("what to bring, in English"), blank=True)
    travel = models.TextField(
        _("travel"), blank=True, help_text=_("How to get there, and how travel is paid for.")
    )
    travel_en = models.TextField(_("travel, in English"), blank=True)
    accommodation = models.TextField(_("accommodation"), blank=True)
    accommodation_en = models.TextField(_("accommodation, in English"), blank=True)
    # A named person rather than a coordinator's account: the one to call on the day may be
    # the venue's host or a volunteer without an account, and a staff account's log-in
    # address is not published.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    reminder_days = models.CharField(
        _("reminders (days before)"),
        max_length=40,
        blank=True,
        default="7, 1",
        validators=[validate_reminder_days],
        help_text=_(
            "Confirmed participants get an e-mail with the practical information this many "
            "days before the start. Empty: no reminders."
        ),
    )

    evaluation_days = models.PositiveSmallIntegerField(
        _("evaluation open (days)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Those who attended can evaluate the gathering for this many days after it ends."
        ),
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

    # Every session's LOCATION has the venue in it; STATUS follows a cancellation.
    calendar_fields = ("venue_name", "venue_address", "status")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/samlinger/{self.slug}/"

    @property
    def display_title(self):
        """The title in the active language (the Norwegian when no English is given)."""
        return in_active_language(self.title, self.title_en)

    @property
    def display_description(self):
        return in_active_language(self.description, self.description_en)

    @property
    def display_bring(self):
        return in_active_language(self.bring, self.bring_en)

    @property
    def display_travel(self):
        return in_active_language(self.travel, self.travel_en)

    @property
    def display_accommodation(self):
        return in_active_language(self.accommodation, self.accommodation_en)

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_phone or self.contact_email)

    @property
    def reminder_day_list(self) -> list[int]:
        """The reminder days, largest first ([] when none or when the stored text is bad)."""
        try:
            return reminder_days_parse(self.reminder_days)
        except ValueError:
            return []

    def calendar_key(self, values):
        cancelled = values["status"] == self.Status.CANCELLED
        return (values["venue_name"], values["venue_address"], cancelled)


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


class Session(CalendarRevision):
    """One item of a gathering's timetable."""

    calendar_fields = ("starts_at", "ends_at", "room")

    gathering = ParentalKey(Gathering, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
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
    def display_title(self):
        """The title in the active language (the Norwegian when no English is given)."""
        return in_active_language(self.title, self.title_en)

    @property
    def minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

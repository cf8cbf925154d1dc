"""Organisations and participants (profiles).

They sit low in the layers: the curriculum names the organisations that wrote a module, and
gatherings enrol participants. The tables keep the names they were created with in `cohorts`
(`db_table`), so moving the models here moved no data.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from website.parsing import validate_name

# Longest free text a participant may type in one field (issue 14): enough for any real
# need, small enough that a list, an export or an e-mail stays readable.
NEEDS_MAX_LENGTH = 1000


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
        db_table = "cohorts_organisation"
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
    full_name = models.CharField(_("full name"), max_length=150, validators=[validate_name])
    preferred_name = models.CharField(
        _("preferred name"), max_length=80, blank=True, validators=[validate_name]
    )
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    municipality = models.CharField(
        _("municipality"), max_length=100, blank=True, validators=[validate_name]
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="members", verbose_name=_("organisations")
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=NEEDS_MAX_LENGTH, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=NEEDS_MAX_LENGTH, blank=True
    )
    emergency_contact_name = models.CharField(
        _("emergency contact"), max_length=150, blank=True, validators=[validate_name]
    )
    emergency_contact_phone = models.CharField(
        _("emergency contact's phone"), max_length=30, blank=True
    )
    guardian_name = models.CharField(
        _("guardian's name"), max_length=150, blank=True, validators=[validate_name]
    )
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        db_table = "cohorts_participant"
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

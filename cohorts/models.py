"""Organisations now; participants, gatherings, sessions, quotas and enrolments to come."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.short_code})"

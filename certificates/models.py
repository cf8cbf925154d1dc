"""Certificates (kursbevis): one live certificate per completed enrolment, verifiable by code."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Level

from .codes import display
from .storage import private_storage


class Certificate(models.Model):
    # Stored without dashes, upper case, Crockford base32 (see certificates/codes.py).
    code = models.CharField(_("code"), max_length=16, unique=True)
    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="certificates"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    holder_name = models.CharField(
        _("name on the certificate"),
        max_length=150,
        help_text=_("As it stood when the certificate was issued."),
    )
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    exception_reason = models.TextField(
        _("exception"), blank=True, help_text=_("Why it was issued although not eligible.")
    )
    # In the private storage (certificates/storage.py): handed out only by views.download.
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    # The certificate's bit in the revocation status list of its Open Badges credential
    # (certificates/badges/status.py). Assigned once at issue, from the row's id, which the
    # database never hands out twice: an index is never reused.
    status_index = models.PositiveBigIntegerField(
        _("status list index"), unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_certificate_per_enrolment",
            ),
        ]

    def __str__(self):
        return f"{self.display_code} – {self.holder_name}"

    def get_absolute_url(self):
        return f"/bevis/{self.display_code}/"

    @property
    def display_code(self):
        return display(self.code)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

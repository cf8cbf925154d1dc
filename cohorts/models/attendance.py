"""Attendance per confirmed enrolment and session, and the log of changes made afterwards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolments import Enrolment
from .gatherings import Session


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        LEFT_EARLY = "left_early", _("Left early")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused absence")

    # Counted as "here" (check-in counts, the attendance report's totals); one definition.
    PRESENT_STATUSES = (Status.PRESENT, Status.LATE, Status.LEFT_EARLY)
    # Part of the session: the coordinator may type the minutes attended.
    PARTIAL_STATUSES = (Status.LATE, Status.LEFT_EARLY)

    class Method(models.TextChoices):
        COORDINATOR = "coordinator", _("By a coordinator")
        QR = "qr", _("By QR code")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    minutes_attended = models.PositiveIntegerField(_("minutes attended"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    marked_at = models.DateTimeField(_("marked"))
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="one_attendance_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.participant} – {self.session}: {self.get_status_display()}"


class AttendanceChange(models.Model):
    """A change to attendance after the gathering ended: who, when, from what, and why."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    from_minutes = models.PositiveIntegerField(null=True)
    to_minutes = models.PositiveIntegerField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    reason = models.TextField()
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.attendance}: {self.from_status or '–'} → {self.to_status}"

"""Calendar invites sent by e-mail, runs that send them for a whole gathering, and the secret
tokens of personal calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Participant
from website.models import OutboxMessage

from .enrolments import Enrolment
from .gatherings import Gathering


def new_feed_token() -> str:
    """256 random bits, URL-safe: 43 characters."""
    return secrets.token_urlsafe(32)


class InviteRun(models.Model):
    """A coordinator's request to send the invites of a whole gathering, done by one task.
    The task reports its progress here; the admin page shows it."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("Send what is missing or out of date")
        RESEND = "resend", _("Resend to everyone")

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="invite_runs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A worker claims the run by setting the heartbeat and renews it as it goes; a copy of the
    # task that finds a fresh heartbeat leaves the run alone, a retry after a crash resumes it.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.gathering} – {self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class CalendarInvite(models.Model):
    """One calendar e-mail (iTIP REQUEST or CANCEL) to one participant about one gathering.

    The row and its e-mail in the outbox are written in the same transaction as the change
    that calls for it; the outbox sends the e-mail once (design rule 7).
    Versions are numbered per gathering and person, because that is what the invite's UID
    names: a new version is the previous SEQUENCE plus one, and only a resend repeats one.
    """

    class Method(models.TextChoices):
        REQUEST = "REQUEST", _("Invitation")
        CANCEL = "CANCEL", pgettext_lazy("calendar message", "Cancellation")

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="invites")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="invites")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="invites")
    method = models.CharField(max_length=10, choices=Method.choices)
    sequence = models.PositiveIntegerField()
    # What the invite said (time, place, programme, organiser) as a digest: a confirmed
    # participant whose last REQUEST has another digest than the gathering now has is out of date.
    fingerprint = models.CharField(max_length=64)
    resend = models.BooleanField(default=False)
    run = models.ForeignKey(
        InviteRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="invites"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Its e-mail, in the outbox: written in the same transaction as the invite; whether it
    # went, failed or was not needed (a newer version replaced it) is the message's state.
    message = models.OneToOneField(
        OutboxMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_invite",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("calendar invite")
        verbose_name_plural = _("calendar invites")
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "participant", "sequence"],
                condition=Q(resend=False),
                name="one_invite_per_version",
            ),
            models.UniqueConstraint(
                fields=["run", "participant"],
                condition=Q(run__isnull=False, resend=True),
                name="one_resend_per_person_and_run",
            ),
        ]

    def __str__(self):
        return f"{self.method} {self.sequence} – {self.participant} – {self.gathering}"

    @property
    def sent_at(self):
        message = self.message
        return message.sent_at if message is not None and message.state == "sent" else None

    @property
    def skipped(self) -> bool:
        return self.message is not None and self.message.state == "skipped"

    @property
    def failed(self) -> bool:
        return self.message is not None and self.message.state == "failed"

    @property
    def unsent(self) -> bool:
        """Still to go: waiting in the outbox, being sent, or failed for good."""
        return self.message is None or self.message.state in ("pending", "sending", "failed")


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed, `/kalender/<token>.ics`. Replacing the
    token makes the old address answer 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user}"

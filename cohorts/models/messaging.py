"""What a coordinator wrote to participants of a gathering: who wrote what to whom, and when.

The e-mails themselves are rows in the outbox (one per recipient, keyed by this message and
the enrolment); this row is the record the applications' history shows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolments import Enrolment
from .gatherings import Gathering


class GatheringMessage(models.Model):
    SUBJECT_MAX_LENGTH = 150
    BODY_MAX_LENGTH = 5000

    gathering = models.ForeignKey(
        Gathering, on_delete=models.PROTECT, related_name="messages", verbose_name=_("gathering")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    # The audience chosen: an enrolment state, or "one" for a single participant.
    audience = models.CharField(_("to"), max_length=20)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    subject_en = models.CharField(
        _("subject in English"), max_length=SUBJECT_MAX_LENGTH, blank=True
    )
    body_en = models.TextField(_("text in English"), max_length=BODY_MAX_LENGTH, blank=True)
    recipients = models.ManyToManyField(
        Enrolment, related_name="gathering_messages", verbose_name=_("recipients")
    )
    # From the form that was previewed: the same form sent twice (a double click, a retry)
    # finds this row and sends nothing more.
    token = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")

    def __str__(self):
        return self.subject

    def subject_in(self, language: str) -> str:
        return self.subject_en if language == "en" and self.subject_en else self.subject

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body

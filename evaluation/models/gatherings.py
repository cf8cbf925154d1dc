"""The evaluation of a gathering by those who attended it.

Who may answer, and whether they have, is `EvaluationInvite` (one per gathering and person).
What they answered is `GatheringResponse` with its `ModuleRating`s, and nothing links the two:
the link in the e-mail carries a token derived with the site's secret from the invite's salt,
the invite keeps only the token's hash (to find itself), the response only a second, different
hash of it (`edit_key`, to be edited until the evaluation closes). Reading the database alone
cannot pair them; when the evaluation closes both the salt and the edit key are emptied, and
then not even the secret can. Answers carry no time and a random id, so neither order nor
timing pairs them with the invites either.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationInvite(models.Model):
    """A person who attended a gathering and may evaluate it: the "has answered" table."""

    gathering = models.ForeignKey(
        "cohorts.Gathering",
        on_delete=models.CASCADE,
        related_name="evaluation_invites",
        verbose_name=_("gathering"),
    )
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.CASCADE,
        related_name="evaluation_invites",
        verbose_name=_("participant"),
    )
    # Random; with SECRET_KEY it gives the token in the link. Emptied when the evaluation
    # closes (no link works after that, and nothing can be paired any more).
    salt = models.CharField(max_length=32, blank=True)
    # sha256 of the token, to find the invite from the link.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    answered = models.BooleanField(_("has answered"), default=False)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation invitation")
        verbose_name_plural = _("evaluation invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "participant"], name="one_evaluation_invite_per_person"
            )
        ]

    def __str__(self):
        return f"{self.gathering} – {self.participant}"


class Readiness(models.TextChoices):
    YES = "yes", pgettext_lazy("readiness", "Yes")
    PARTLY = "partly", pgettext_lazy("readiness", "Partly")
    NO = "no", pgettext_lazy("readiness", "Not yet")
    UNSURE = "unsure", pgettext_lazy("readiness", "Don't know")


class GatheringResponse(models.Model):
    """One person's answers about a gathering as a whole. No person, no time (see the module
    docstring)."""

    TEXT_MAX_LENGTH = 2000

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gathering = models.ForeignKey(
        "cohorts.Gathering",
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
        verbose_name=_("gathering"),
    )
    # sha256 of "edit:" + the token; emptied when the evaluation closes.
    edit_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    missing = models.TextField(_("what was missing"), blank=True, max_length=TEXT_MAX_LENGTH)
    keep = models.TextField(_("what to keep"), blank=True, max_length=TEXT_MAX_LENGTH)
    ready_individual = models.CharField(
        _("ready at the individual level"), max_length=10, choices=Readiness.choices, blank=True
    )
    ready_service = models.CharField(
        _("ready at the service level"), max_length=10, choices=Readiness.choices, blank=True
    )
    ready_system = models.CharField(
        _("ready at the system level"), max_length=10, choices=Readiness.choices, blank=True
    )

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self):
        return f"{self.gathering}"


class ModuleRating(models.Model):
    """One person's rating of one session that taught a curriculum module."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        GatheringResponse, on_delete=models.CASCADE, related_name="ratings"
    )
    session = models.ForeignKey(
        "cohorts.Session",
        null=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_ratings",
        verbose_name=_("session"),
    )
    # The module in every language: its pages share this key (the Norwegian page and its
    # English translation show the same feedback), and it outlives a session deleted later.
    module_key = models.UUIDField(_("module"), db_index=True)
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    clarity = models.PositiveSmallIntegerField(
        _("clarity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("module rating")
        verbose_name_plural = _("module ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "session"], name="one_rating_per_session"),
            models.CheckConstraint(
                condition=models.Q(usefulness__isnull=True)
                | models.Q(usefulness__gte=1, usefulness__lte=5),
                name="usefulness_one_to_five",
            ),
            models.CheckConstraint(
                condition=models.Q(clarity__isnull=True) | models.Q(clarity__gte=1, clarity__lte=5),
                name="clarity_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.module_key}"


class CommentAddressed(models.Model):
    """An editor's mark that a module comment was taken in (*tatt inn*) by a page revision."""

    rating = models.OneToOneField(ModuleRating, on_delete=models.CASCADE, related_name="addressed")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked by"),
    )
    at = models.DateTimeField(_("marked"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment taken in")
        verbose_name_plural = _("comments taken in")

    def __str__(self):
        return f"{self.rating_id}"

"""The yearly kartlegging: a survey an administrator opens for a period and a target group,
made of questions written in the admin, answered anonymously at `/kartlegging/<slug>/`.

As with the gathering evaluation, who has answered (`SurveyParticipation`, for the target
groups that log in) and what was answered (`SurveyResponse`, `SurveyAnswer`) are separate
tables with no link, no time of answering and random ids. `SurveyGap` records what the survey
found missing and the modules it led to, so next year's results show what changed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from website.i18n import in_active_language


class Survey(ClusterableModel):
    class Audience(models.TextChoices):
        REPRESENTATIVES = "representatives", _("Representatives with an account")
        STAFF = "staff", _("The three organisations' staff")
        OPEN = "open", _("Anyone with the link (services)")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    audience = models.CharField(_("who answers"), max_length=20, choices=Audience.choices)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # A draft can be prepared (questions written, checked) before anyone can reach it: its
    # address answers 404 until it is published.
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Only a published survey can be answered; until then its address is not found."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("kartlegging survey")
        verbose_name_plural = _("kartlegging surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
                violation_error_message=_("A survey must close after it opens."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return in_active_language(self.title, self.title_en)

    @property
    def display_intro(self):
        return in_active_language(self.intro, self.intro_en)

    def get_absolute_url(self):
        return f"/kartlegging/{self.slug}/"


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Free text")

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    help_text_en = models.CharField(_("help text in English"), max_length=300, blank=True)
    # One choice per line, the English in the same order.
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line (for one or several choices).")
    )
    choices_en = models.TextField(
        _("choices in English"), blank=True, help_text=_("One per line, in the same order.")
    )
    required = models.BooleanField(_("must be answered"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def display_text(self):
        return in_active_language(self.text, self.text_en)

    @property
    def display_help_text(self):
        return in_active_language(self.help_text, self.help_text_en)

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def display_choices(self) -> list[str]:
        """The choices in the active language (each falls back to the Norwegian)."""
        english = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        return [
            in_active_language(norwegian, english[i] if i < len(english) else "")
            for i, norwegian in enumerate(self.choice_list)
        ]


class SurveyResponse(models.Model):
    """One anonymous set of answers (no person, no time)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey}"


class SurveyAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    # Indexes into the question's choices (one for a single choice).
    chosen = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__gte=1, scale__lte=5),
                name="survey_scale_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.question}"


class SurveyParticipation(models.Model):
    """Who has answered a survey that needs a log-in (one response each); no link to it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_survey_answer_per_user")
        ]

    def __str__(self):
        return f"{self.survey}"


class SurveyGap(ClusterableModel):
    """A gap the survey found, tagged, and the modules (new or revised) it led to."""

    class Status(models.TextChoices):
        FOUND = "found", _("Found")
        IN_PROGRESS = "in_progress", _("Being worked on")
        ADDRESSED = "addressed", _("Addressed")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="gaps")
    title = models.CharField(_("gap"), max_length=200)
    title_en = models.CharField(_("gap in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    tags = models.CharField(
        _("tags"), max_length=200, blank=True, help_text=_("Comma-separated, e.g. rus, skole.")
    )
    questions = ParentalManyToManyField(
        SurveyQuestion, blank=True, related_name="gaps", verbose_name=_("questions that showed it")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FOUND
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "title"]
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return in_active_language(self.title, self.title_en)

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class SurveyGapModule(Orderable):
    """A module (revised or new) a gap led to, chosen with the page chooser."""

    gap = ParentalKey(SurveyGap, on_delete=models.CASCADE, related_name="module_links")
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.CASCADE,
        related_name="survey_gap_links",
        verbose_name=_("module"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("module the gap led to")
        verbose_name_plural = _("modules the gap led to")
        constraints = [
            models.UniqueConstraint(fields=["gap", "module"], name="survey_gap_module_once")
        ]

    def __str__(self):
        return f"{self.module}"

"""The kartlegging's answer form, built from the survey's questions: radio buttons for a scale
and for one choice, checkboxes for several, a text area for free text (templates render them
as Designsystemet fieldsets through `includes/field.html`).

The form only reads the posted values into what `survey_submit` takes; the rules (required,
valid choices, text length) are the service's, and its refusal is shown on the question.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SurveyQuestion
from .services.surveys import TEXT_MAX_LENGTH

SCALE_CHOICES = [(str(number), str(number)) for number in range(1, 6)]
HONEYPOT = "nettside"


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


def _help_text(question: SurveyQuestion) -> str:
    parts = []
    if question.kind == SurveyQuestion.Kind.SCALE:
        parts.append(str(_("1 is the lowest, 5 the highest.")))
    elif question.kind == SurveyQuestion.Kind.MULTIPLE:
        parts.append(str(_("Choose as many as fit.")))
    if question.display_help_text:
        parts.append(question.display_help_text)
    if question.required:
        parts.append(str(_("Must be answered.")))
    return " ".join(parts)


class SurveyAnswerForm(forms.Form):
    """One field per question, plus a honeypot field people never see (`HONEYPOT`)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = self._field(question)
        # People never see this field (the template hides it); programs that fill in every
        # field do. A filled-in form is refused as if it were bad input.
        self.fields[HONEYPOT] = forms.CharField(
            required=False, label=_("Leave this field empty"), widget=forms.TextInput()
        )

    def _field(self, question: SurveyQuestion) -> forms.Field:
        common = {
            "label": question.display_text,
            "help_text": _help_text(question),
            "required": question.required,
            "error_messages": {
                "required": _("Answer the question “%(question)s” – it must be answered.")
                % {"question": question.display_text},
                "invalid_choice": _("Choose one of the options for “%(question)s”.")
                % {"question": question.display_text},
            },
        }
        choices = list(enumerate(question.display_choices))
        choices = [(str(index), label) for index, label in choices]
        if question.kind == SurveyQuestion.Kind.SCALE:
            return forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
        if question.kind == SurveyQuestion.Kind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if question.kind == SurveyQuestion.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        common["error_messages"]["max_length"] = _(
            "The answer to “%(question)s” must be plain text of at most %(limit)s characters."
        ) % {"question": question.display_text, "limit": TEXT_MAX_LENGTH}
        return forms.CharField(
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            **common,
        )

    @property
    def visible_question_fields(self):
        return [self[field_name(question)] for question in self.questions]

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def answers(self) -> dict:
        """question id → what `survey_submit` takes (after `is_valid`)."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if question.kind in (SurveyQuestion.Kind.SCALE, SurveyQuestion.Kind.SINGLE):
                answers[question.pk] = int(value) if value not in (None, "") else None
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                answers[question.pk] = [int(index) for index in value or []]
            else:
                answers[question.pk] = value or ""
        return answers

    def add_refusal(self, error) -> None:
        """Show a service's refusal on its question (or above the form)."""
        question = getattr(error, "question", None)
        self.add_error(field_name(question) if question is not None else None, error.message)

"""The evaluation form: for each session that taught a module two ratings (1–5, or skipped)
and a comment; for the gathering, what was missing, what to keep and readiness at the three
levels. It only checks the input; `services.responses.response_submit` saves it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import GatheringResponse
from .models.gatherings import Readiness
from .services.responses import SessionAnswer

SKIP = "skip"
TEXT_LIMIT = GatheringResponse.TEXT_MAX_LENGTH
SCALE_ERROR = _("Choose a number from 1 to 5, or “I was not there / skip”.")
NO_PERSONAL_DETAILS = _("Do not write names or details about anyone’s health.")


def _scale(label, ends) -> forms.ChoiceField:
    """Five numbers in a row (`ends` says what 1 and 5 mean) and a way to skip."""
    choices = [(str(number), str(number)) for number in range(1, 6)]
    return forms.ChoiceField(
        label=label,
        help_text=ends,
        choices=[*choices, (SKIP, _("I was not there / skip"))],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": SCALE_ERROR},
    )


def _text(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
    )


def _readiness(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Readiness.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
    )


class SessionFields:
    """The three fields of one session, for the template to lay out together."""

    def __init__(self, form, session):
        self.session = session
        self.usefulness = form[f"session_{session.pk}_usefulness"]
        self.clarity = form[f"session_{session.pk}_clarity"]
        self.comment = form[f"session_{session.pk}_comment"]


class EvaluationForm(forms.Form):
    def __init__(self, *args, sessions, response=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions
        for session in sessions:
            prefix = f"session_{session.pk}"
            self.fields[f"{prefix}_usefulness"] = _scale(
                _("How useful was it for you?"), _("1 = not useful, 5 = very useful")
            )
            self.fields[f"{prefix}_clarity"] = _scale(
                _("How clear was it?"), _("1 = unclear, 5 = very clear")
            )
            self.fields[f"{prefix}_comment"] = _text(
                pgettext_lazy("evaluation of a session", "Comment")
            )
        self.fields["missing"] = _text(_("What was missing at the gathering?"), NO_PERSONAL_DETAILS)
        self.fields["keep"] = _text(_("What should we keep?"), NO_PERSONAL_DETAILS)
        self.fields["ready_individual"] = _readiness(
            _("Do you feel ready to take part at the individual level (in your own services)?")
        )
        self.fields["ready_service"] = _readiness(
            _(
                "Do you feel ready to take part at the service level "
                "(in how a service is designed and run)?"
            )
        )
        self.fields["ready_system"] = _readiness(
            _(
                "Do you feel ready to take part at the system level "
                "(in boards, councils and policy)?"
            )
        )
        if response is not None and not self.is_bound:
            self.initial.update(self._initial_from(response))

    def _initial_from(self, response) -> dict:
        initial = {
            "missing": response.missing,
            "keep": response.keep,
            "ready_individual": response.ready_individual,
            "ready_service": response.ready_service,
            "ready_system": response.ready_system,
        }
        ratings = {rating.session_id: rating for rating in response.ratings.all()}
        for session in self.sessions:
            rating = ratings.get(session.pk)
            prefix = f"session_{session.pk}"
            usefulness = rating.usefulness if rating else None
            clarity = rating.clarity if rating else None
            initial[f"{prefix}_usefulness"] = str(usefulness) if usefulness else SKIP
            initial[f"{prefix}_clarity"] = str(clarity) if clarity else SKIP
            initial[f"{prefix}_comment"] = rating.comment if rating else ""
        return initial

    def session_fields(self) -> list[SessionFields]:
        return [SessionFields(self, session) for session in self.sessions]

    def gathering_fields(self):
        return [self["missing"], self["keep"]]

    def readiness_fields(self):
        return [self["ready_individual"], self["ready_service"], self["ready_system"]]

    def answers(self) -> dict:
        """The cleaned answers as `response_submit`'s keyword arguments."""
        data = self.cleaned_data

        def score(value):
            return int(value) if value and value != SKIP else None

        ratings = {
            session.pk: SessionAnswer(
                usefulness=score(data[f"session_{session.pk}_usefulness"]),
                clarity=score(data[f"session_{session.pk}_clarity"]),
                comment=data[f"session_{session.pk}_comment"],
            )
            for session in self.sessions
        }
        return {
            "ratings": ratings,
            "missing": data["missing"],
            "keep": data["keep"],
            "ready_individual": data["ready_individual"],
            "ready_service": data["ready_service"],
            "ready_system": data["ready_system"],
        }

"""Feedback after an assignment: the member's (with the hours spent) and the service's."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.requests import COMMENT_MAX_LENGTH
from ..services.assignments import ERRORS, HOURS_MAX

RATINGS = [
    ("5", _("5 – very well")),
    ("4", _("4 – well")),
    ("3", _("3 – all right")),
    ("2", _("2 – not so well")),
    ("1", _("1 – badly")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did it go?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": ERRORS["rating"], "invalid_choice": ERRORS["rating"]},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the comment under %(limit_value)d characters.")},
    )

    def __init__(self, *args, feedback=None, **kwargs):
        if feedback is not None and "initial" not in kwargs:
            kwargs["initial"] = {"rating": str(feedback.rating or ""), "comment": feedback.comment}
        super().__init__(*args, **kwargs)

    def add_refusal(self, error) -> None:
        field = error.code if error.code in self.fields else None
        self.add_error(field, error.message)


class MemberFeedbackForm(FeedbackForm):
    hours = forms.DecimalField(
        label=_("Hours you spent"),
        help_text=_(
            "Preparing, travelling and taking part, for your experience log. For example 2,5."
        ),
        min_value=Decimal(0),
        max_value=HOURS_MAX,
        decimal_places=1,
        max_digits=4,
        localize=True,
        error_messages={
            key: ERRORS["hours"]
            for key in (
                "required",
                "invalid",
                "min_value",
                "max_value",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
            )
        },
    )
    field_order = ["rating", "hours", "comment"]

    def __init__(self, *args, feedback=None, hours=None, **kwargs):
        super().__init__(*args, feedback=feedback, **kwargs)
        self.fields["comment"].help_text = _(
            "What went well, what could be better? Coordinators in the network read it."
        )
        if hours is not None and not self.is_bound:
            self.initial["hours"] = hours


class ServiceFeedbackForm(FeedbackForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].label = _("How did it go with the representative?")
        self.fields["comment"].help_text = _(
            "What went well, what could be better? The programme's coordinators read it."
        )

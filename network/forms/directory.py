"""The members' page's filters, and the form for writing to a member."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Level

from ..models.choices import County, Field
from ..models.members import MESSAGE_MAX_LENGTH


def _choices(choices):
    return [("", _("All")), *choices]


class DirectoryFilterForm(forms.Form):
    """County, field and certified level; empty means any. An unknown value is bad input."""

    county = forms.ChoiceField(label=_("County"), choices=_choices(County.choices), required=False)
    field = forms.ChoiceField(
        label=pgettext_lazy("network", "Field"), choices=_choices(Field.choices), required=False
    )
    level = forms.ChoiceField(
        label=_("Certified for"), choices=_choices(Level.choices), required=False
    )

    def filters(self) -> dict:
        """The chosen filters, or none when the form is not valid."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class MemberMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(_("At most {count} characters."), count=MESSAGE_MAX_LENGTH),
        error_messages={
            "required": _("Write a message."),
            "max_length": _("The message can be at most %(limit_value)d characters long."),
        },
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a message."), code="required")
        return body

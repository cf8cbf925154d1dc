"""The public form a service asks for a representative with (`/nettverk/foresporsel/`).

The form reads and checks the typed values (required, lengths, choices, dates that parse) and
the rules of `services.requests.request_problems` (dates, county or digital, phone), so every
message shows at once; `request_submit` checks the same rules again before it writes.
Plus a honeypot field people never see (`HONEYPOT`), as the kartlegging's open-link form has.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Level

from ..models import County, Field, ParticipationLevel, ServiceRequest
from ..models.requests import DESCRIPTION_MAX_LENGTH
from ..services.requests import request_problems

HONEYPOT = "nettside"

# Fieldsets of the form, in order: (legend, field names).
FIELDSETS = (
    (_("Who you are"), ("organisation_name", "contact_name", "contact_email", "contact_phone")),
    (_("What you need a representative for"), ("kind", "title", "description")),
    (_("Who you are looking for"), ("field", "participation_level", "certificate_level")),
    (_("Where and when"), ("county", "digital", "starts_on", "ends_on", "duration")),
    (_("Payment"), ("fee_paid", "travel_paid", "payment_details")),
)

CERTIFICATE_CHOICES = [
    ("", _("Level 1 – every member has it")),
    (Level.ADVANCED.value, _("Level 2")),
    (Level.COMMUNICATOR.value, _("Experience communicator")),
]


def _required(message):
    return {"required": message}


def _text(label, *, max_length, message, help_text="", required=True, textarea=False, **attrs):
    widget = forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages={
            "required": message,
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
            "null_characters_not_allowed": _("The text has a character that cannot be saved."),
        },
    )


def _date(label, *, required, message="", help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": message,
            "invalid": _("Write the date as day.month.year, for example 15.3.2027."),
        },
    )


class ServiceRequestForm(forms.Form):
    organisation_name = _text(
        _("Organisation or service"),
        max_length=200,
        message=_("Write the name of your organisation or service."),
        help_text=_("For example: NAV Grünerløkka, Bodø municipality, the youth council"),
        autocomplete="organization",
    )
    contact_name = _text(
        _("Contact person"),
        max_length=150,
        message=_("Write the name of the contact person."),
        autocomplete="name",
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a link to this address: the request goes on when you confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a whole e-mail address, for example navn@kommune.no."),
        },
    )
    contact_phone = _text(
        _("Phone"),
        max_length=30,
        required=False,
        message="",
        autocomplete="tel",
        type="tel",
    )
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=ServiceRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you need a representative for."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    title = _text(
        _("Title"),
        max_length=200,
        message=_("Give the request a short title."),
        help_text=_("For example: Youth representative for the hospital's user council"),
    )
    description = _text(
        _("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        message=_("Describe what the representative will do."),
        help_text=_("What the task is, who they will meet, and how you will prepare them."),
        textarea=True,
    )
    field = forms.ChoiceField(
        label=pgettext_lazy("network", "Field"),
        choices=[("", _("Any field")), *Field.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The field the representative has lived experience from."),
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )
    participation_level = forms.ChoiceField(
        label=_("Level of participation"),
        choices=ParticipationLevel.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Individual level: one person's own services. Service level: how a service is "
            "designed. System level: boards, councils and policy."
        ),
        error_messages={
            "required": _("Choose the level of participation."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    certificate_level = forms.ChoiceField(
        label=_("Certificate needed"),
        choices=CERTIFICATE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )
    county = forms.ChoiceField(
        label=_("County"),
        choices=[("", _("Choose a county")), *County.choices],
        required=False,
        help_text=_("Where it takes place. Leave empty if it is only digital."),
        error_messages={"invalid_choice": _("Choose one of the counties.")},
    )
    digital = forms.BooleanField(label=_("It can be done digitally"), required=False)
    starts_on = _date(
        pgettext_lazy("date range", "From"), required=True, message=_("Write the date it starts.")
    )
    ends_on = _date(
        pgettext_lazy("date range", "Until"),
        required=False,
        help_text=_("Leave empty for a single day."),
    )
    duration = _text(
        _("How long"),
        max_length=200,
        message=_("Write roughly how long it takes."),
        help_text=_("For example: two hours, or four meetings a year"),
    )
    fee_paid = forms.BooleanField(label=_("We pay a fee"), required=False)
    travel_paid = forms.BooleanField(label=_("We pay travel costs"), required=False)
    payment_details = _text(
        _("About payment"),
        max_length=300,
        required=False,
        message="",
        help_text=_("For example: the municipality's rates for meeting fees, or a fee per talk"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # People never see this field (the template hides it); programs that fill in every
        # field do. A filled-in form is refused as if it were bad input.
        self.fields[HONEYPOT] = forms.CharField(
            required=False, label=_("Leave this field empty"), widget=forms.TextInput()
        )

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in FIELDSETS]

    def clean(self):
        data = super().clean()
        for problem in request_problems(
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            county=data.get("county", ""),
            digital=data.get("digital", False),
            contact_phone=data.get("contact_phone", ""),
        ):
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data

    def details(self) -> dict:
        """What `request_submit` takes (after `is_valid`)."""
        return {name: self.cleaned_data[name] for _legend, names in FIELDSETS for name in names}

    def add_refusal(self, error) -> None:
        self.add_error(error.field, error.message)

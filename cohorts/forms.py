from datetime import date

from django import forms
from django.db import DEFAULT_DB_ALIAS
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from courses.models import Level
from website.emails import normalise_loosely
from website.forms import NameField
from website.prepared import PreparedQuery

from .models import Enrolment, Organisation, Participant


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "full_name",
            "preferred_name",
            "birth_date",
            "phone",
            "municipality",
            "organisations",
            "language",
            "dietary_needs",
            "accessibility_needs",
            "emergency_contact_name",
            "emergency_contact_phone",
            "guardian_name",
            "guardian_email",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "organisations": forms.CheckboxSelectMultiple,
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        # Names and the municipality are one line of visible text (website.parsing.plain_name).
        field_classes = {
            name: NameField
            for name in (
                "full_name",
                "preferred_name",
                "municipality",
                "emergency_contact_name",
                "guardian_name",
            )
        }
        help_texts = {
            "organisations": _("You apply to gatherings through one of these."),
            "guardian_email": _(
                "Needed if you are under 18: your guardian confirms your applications."
            ),
        }

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        today = date.today()
        if birth_date >= today or birth_date.year < today.year - 100:
            raise forms.ValidationError(_("Check the date of birth."))
        return birth_date

    def clean(self):
        cleaned = super().clean()
        birth_date = cleaned.get("birth_date")
        if birth_date:
            probe = Participant(birth_date=birth_date)
            if probe.age_on(date.today()) < 18:
                for field in ("guardian_name", "guardian_email"):
                    if not cleaned.get(field):
                        self.add_error(field, _("Required when you are under 18."))
        return cleaned


_ORGANISATION_FIELDS = [f.attname for f in Organisation._meta.concrete_fields]
_MEMBER_ORGANISATION = PreparedQuery(
    lambda participant, organisation: (
        Organisation.objects.filter(pk=organisation, members=participant)
        .order_by()
        .values_list(*_ORGANISATION_FIELDS)
    ),
    participant=int,
    organisation=int,
)


class MemberOrganisationField(forms.ModelChoiceField):
    """One of the participant's organisations. The choices are their organisations; a
    submitted choice is checked with one prepared query (cohorts/prepared.py) rather than the
    queryset's `get` — the form is posted a thousand times in a rush."""

    participant_id = None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            organisation_id = int(value)
            rows = _MEMBER_ORGANISATION(
                participant=self.participant_id, organisation=organisation_id
            )
        except (TypeError, ValueError, OverflowError):
            rows = []
        if not rows:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return Organisation.from_db(DEFAULT_DB_ALIAS, _ORGANISATION_FIELDS, rows[0])


class ApplicationForm(forms.Form):
    organisation = MemberOrganisationField(
        label=_("Apply through"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        required=False,
        max_length=Enrolment.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.CharField(
        label=_("Anything we should arrange for you?"),
        required=False,
        max_length=Enrolment.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example food, accessibility or someone to travel with."),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = participant.organisations.order_by("name")
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].participant_id = participant.pk
        if not self.is_bound and len(organisations) == 1:
            # The only choice is chosen already (issue 15).
            self.fields["organisation"].initial = organisations[0].pk


class ProgressionExceptionForm(forms.Form):
    email = forms.EmailField(label=_("The participant's e-mail address"))
    level = forms.ChoiceField(label=_("May take the level"), choices=())
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (Level.ADVANCED, Level.ADVANCED.label),
            (Level.COMMUNICATOR, Level.COMMUNICATOR.label),
        ]

    def clean_email(self):
        email = normalise_loosely(self.cleaned_data["email"])
        participant = Participant.objects.filter(user__email=email).first()
        if participant is None:
            raise forms.ValidationError(_("No participant has that e-mail address."))
        self.participant = participant
        return email


class CoordinatorChoices(forms.CheckboxSelectMultiple):
    """The gathering form's coordinators: checkboxes (each a labelled control) with a search box
    above them that hides those whose name or e-mail does not match (static/js/filter-choices.js;
    without the script every choice shows)."""

    class Media:
        js = ["js/filter-choices.js"]

    def render(self, name, value, attrs=None, renderer=None):
        choices = super().render(name, value, attrs, renderer)
        search_id = f"{(attrs or {}).get('id') or name}-search"
        return format_html(
            '<div class="choice-search" data-choice-search>'
            '<label for="{}">{}</label> '
            '<input type="search" id="{}" autocomplete="off" hidden data-choice-search-input> '
            '<span aria-live="polite" data-choice-search-count></span>'
            "{}</div>",
            search_id,
            _("Search by name or e-mail"),
            search_id,
            choices,
        )


class GatheringCopyForm(forms.Form):
    starts_on = forms.DateField(
        label=_("New start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Every date moves by as many days: the end, the application period and every session "
            "of the programme. Times of day stay the same. 52 weeks later keeps the weekdays."
        ),
    )
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        help_text=_("The copy's page on the website: /samlinger/<address>/."),
    )

"""The network profile: what a member tells about themself, what each part is visible as, and
(when joining) the consent. Everything is private unless the member ticks it."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from website.emails import normalise_loosely
from website.forms import NameField

from ..consent import CONSENT_LABEL
from ..models.choices import (
    FIELD_COLUMNS,
    PARTICIPATION_COLUMNS,
    Availability,
    County,
    Field,
    ParticipationLevel,
)
from ..models.members import INTRODUCTION_MAX_LENGTH


def _members_see(label):
    return forms.BooleanField(label=label, required=False)


class ProfileForm(forms.Form):
    """The profile in the order the page shows it; each part is followed by its "other members
    see this" box (unticked: only coordinators see it)."""

    fields_ = forms.MultipleChoiceField(
        label=_("Fields I speak to from my own experience"),
        choices=Field.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("This does not say which organisation you belong to."),
    )
    members_see_fields = _members_see(_("Other members may see my fields"))
    members_see_levels = _members_see(_("Other members may see my certificates"))
    participation = forms.MultipleChoiceField(
        label=_("Levels I have taken part at as a representative"),
        choices=ParticipationLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    members_see_participation = _members_see(
        _("Other members may see the levels I have taken part at")
    )
    county = forms.ChoiceField(
        label=_("County"), choices=[("", _("Not given")), *County.choices], required=False
    )
    members_see_county = _members_see(_("Other members may see my county"))
    languages = NameField(
        label=_("Languages"),
        max_length=200,
        required=False,
        help_text=_("For example: Norwegian, English"),
    )
    members_see_languages = _members_see(_("Other members may see my languages"))
    availability = forms.ChoiceField(
        label=_("How often I can take on an assignment"),
        choices=Availability.choices,
        initial=Availability.SOMETIMES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often you can take on an assignment.")},
    )
    members_see_availability = _members_see(
        _("Other members may see how often I can take on an assignment")
    )
    introduction = forms.CharField(
        label=_("A short introduction"),
        max_length=INTRODUCTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(
            _(
                "What you would like a coordinator or another member to know. "
                "At most {count} characters."
            ),
            count=INTRODUCTION_MAX_LENGTH,
        ),
    )
    members_see_introduction = _members_see(_("Other members may see my introduction"))
    contact_email = forms.EmailField(
        label=_("E-mail for assignments"),
        required=False,
        help_text=_("Empty: the e-mail address you log in with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = NameField(
        label=_("Phone for assignments"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    listed_for_members = forms.BooleanField(
        label=_("Show me on the members' page"),
        required=False,
        help_text=_("Other members then see your name and the parts you chose above."),
    )
    visible_network_wide = forms.BooleanField(
        label=_("Coordinators in all three organisations may see my profile"),
        required=False,
        help_text=_("Otherwise only the coordinators in your own organisation see it."),
    )
    show_organisation = forms.BooleanField(
        label=_("Show which organisation I belong to"),
        required=False,
        help_text=_("To other members and to coordinators in other organisations."),
    )

    PARTS = (
        ("fields", ("fields_", "members_see_fields")),
        ("levels", ("members_see_levels",)),
        ("participation", ("participation", "members_see_participation")),
        ("county", ("county", "members_see_county")),
        ("languages", ("languages", "members_see_languages")),
        ("availability", ("availability", "members_see_availability")),
        ("introduction", ("introduction", "members_see_introduction")),
        ("contact", ("contact_email", "contact_phone")),
        ("visibility", ("listed_for_members", "visible_network_wide", "show_organisation")),
    )

    def __init__(self, *args, membership=None, **kwargs):
        if membership is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(membership)
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_from(membership) -> dict:
        from ..services.membership import PROFILE_FIELDS

        initial = {name: getattr(membership, name) for name in PROFILE_FIELDS}
        initial["fields_"] = membership.fields
        initial["participation"] = membership.participation
        return initial

    @property
    def parts(self) -> dict:
        """{part: [bound fields]}, for the template to lay out part by part."""
        return {name: [self[field] for field in names] for name, names in self.PARTS}

    def clean_contact_email(self):
        return normalise_loosely(self.cleaned_data["contact_email"])

    def profile(self) -> dict:
        """The cleaned form as the membership's columns (services.membership.PROFILE_FIELDS)."""
        data = dict(self.cleaned_data)
        chosen_fields = set(data.pop("fields_", []))
        chosen_levels = set(data.pop("participation", []))
        data.pop("consent", None)
        for field, column in FIELD_COLUMNS.items():
            data[column] = field in chosen_fields
        for level, column in PARTICIPATION_COLUMNS.items():
            data[column] = level in chosen_levels
        return data


class JoinForm(ProfileForm):
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": _("To join, tick the box to say that you agree.")},
    )

"""Wagtail admin viewsets for the cohorts app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Gathering, Organisation


class OrganisationForm(WagtailAdminModelForm):
    def _save_m2m(self):
        super()._save_m2m()
        from .services import organisation_coordinators_grant_access

        organisation_coordinators_grant_access(organisation=self.instance)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 300
    add_to_admin_menu = True
    # Coordinators are named here; they then see their organisation's applicants.
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("short_code"),
            FieldPanel("contact_email"),
            FieldPanel("website"),
            FieldPanel("coordinators"),
        ],
        base_form_class=OrganisationForm,
    )
    list_display = ["name", "short_code", "contact_email"]
    search_fields = ["name", "short_code"]


class GatheringForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        capacity = cleaned.get("capacity") or 0
        quotas = self.formsets.get("quotas")
        if quotas is not None and quotas.is_valid():
            reserved = sum(
                form.cleaned_data.get("seats") or 0
                for form in quotas.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            )
            if reserved > capacity:
                self.add_error(
                    "capacity",
                    _("The quotas reserve %(reserved)s seats, more than the capacity.")
                    % {"reserved": reserved},
                )
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        opens, closes = cleaned.get("enrolment_opens_at"), cleaned.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("enrolment_closes_at", _("Applications must close after they open."))
        return cleaned


class GatheringViewSet(ModelViewSet):
    """Programme administrators create gatherings, set capacity, quotas and the timetable."""

    model = Gathering
    icon = "date"
    menu_label = _("Gatherings")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["title", "level", "starts_at", "capacity", "status"]
    list_filter = ["level", "status", "year"]
    search_fields = ["title", "venue_name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("level"), FieldPanel("year")]),
                    FieldPanel("course"),
                    FieldPanel("description"),
                ],
                heading=_("Gathering"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue_name"),
                    FieldPanel("venue_address"),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                ],
                heading=_("Time and place"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldPanel("admission_mode"),
                    FieldPanel("has_waiting_list"),
                    FieldPanel("offer_deadline_hours"),
                    FieldRowPanel(
                        [FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]
                    ),
                    FieldPanel("status"),
                    FieldPanel("coordinators", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Applications"),
            ),
            InlinePanel(
                "quotas",
                heading=_("Quotas (the rest of the capacity is a shared pool)"),
                label=_("Quota"),
            ),
            InlinePanel("sessions", heading=_("Programme"), label=_("Session")),
        ],
        base_form_class=GatheringForm,
    )


organisation_viewset = OrganisationViewSet("organisations")
gathering_viewset = GatheringViewSet("gatherings")

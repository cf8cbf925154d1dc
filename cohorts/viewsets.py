"""Wagtail admin viewsets for the cohorts app."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from website.policy import RefuseAsNotFound

from .models import Gathering, Organisation
from .selectors import invite_overview
from .services.gatherings import GatheringError, gathering_quotas_check, gathering_save
from .services.organisations import organisation_coordinators_set


class OrganisationForm(WagtailAdminModelForm):
    def _save_m2m(self):
        # The service names the coordinators and gives or takes back their access; the form's
        # own save of the field then finds them set already.
        organisation_coordinators_set(
            organisation=self.instance, coordinators=self.cleaned_data["coordinators"]
        )
        super()._save_m2m()


class OrganisationViewSet(RefuseAsNotFound, ModelViewSet):
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
    """Saved through `gathering_save` (quotas within the capacity; a cancellation or its
    reversal tells the invite holders), which also checks what `clean` shows here."""

    def clean(self):
        cleaned = super().clean()
        quotas = self.formsets.get("quotas")
        if quotas is not None and quotas.is_valid():
            try:
                gathering_quotas_check(
                    capacity=cleaned.get("capacity") or 0,
                    quotas=[
                        form.cleaned_data.get("seats") or 0
                        for form in quotas.forms
                        if form.cleaned_data and not form.cleaned_data.get("DELETE")
                    ],
                )
            except GatheringError as error:
                self.add_error("capacity", error.message)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        opens, closes = cleaned.get("enrolment_opens_at"), cleaned.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("enrolment_closes_at", _("Applications must close after they open."))
        return cleaned

    def save(self, commit=True):
        gathering = super().save(commit=False)  # quotas and sessions held in memory
        if commit:
            gathering_save(gathering=gathering, actor=self.for_user)
            self._save_m2m()
        return gathering


class GatheringEditView(EditView):
    """Saving a gathering (the form saves through `gathering_save`, which sends the calendar
    cancellations or invitations of a cancelled or reinstated gathering): a changed time,
    programme or venue is pointed out, and the coordinator sends the updates from the
    gathering's *Calendar invites* page when the changes are done (several saves then make one
    update, not several)."""

    def save_action(self):
        response = super().save_action()
        if self.expects_json_response or self.object.ends_at <= timezone.now():
            return response
        if self.object.invite_runs.filter(finished_at__isnull=True).exists():
            return response  # a run is sending (e.g. after a cancellation or reinstatement)
        due = invite_overview(self.object)[1]["due"]
        if due and self.object.status != Gathering.Status.CANCELLED:
            messages.warning(
                self.request,
                ngettext(
                    "Calendar invites are out of date for %(count)s person.",
                    "Calendar invites are out of date for %(count)s people.",
                    due,
                )
                % {"count": due},
                buttons=[
                    messages.button(
                        reverse("cohorts_admin_invites", args=[self.object.pk]),
                        _("Send the updates"),
                    )
                ],
            )
        return response


class GatheringViewSet(RefuseAsNotFound, ModelViewSet):
    """Programme administrators create gatherings, set capacity, quotas and the timetable."""

    model = Gathering
    edit_view_class = GatheringEditView
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
                    FieldPanel("title_en"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("level"), FieldPanel("year")]),
                    FieldPanel("course"),
                    FieldPanel("description"),
                    FieldPanel("description_en"),
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
                    FieldRowPanel([FieldPanel("bring"), FieldPanel("bring_en")]),
                    FieldRowPanel([FieldPanel("travel"), FieldPanel("travel_en")]),
                    FieldRowPanel([FieldPanel("accommodation"), FieldPanel("accommodation_en")]),
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
                    FieldPanel("reminder_days"),
                ],
                heading=_("Practical information and reminders"),
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

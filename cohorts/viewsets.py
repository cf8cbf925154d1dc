"""Wagtail admin viewsets for the cohorts app."""

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
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


class GatheringEditView(EditView):
    """Saving a gathering: cancelling (or reinstating) it sends the calendar cancellations (or
    invitations) at once; a changed time, programme or venue is pointed out, and the
    coordinator sends the updates from the gathering's *Calendar invites* page when the
    changes are done (several saves then make one update, not several)."""

    def save_instance(self):
        before = Gathering.objects.values_list("status", flat=True).get(pk=self.object.pk)
        instance = super().save_instance()
        cancelled = Gathering.Status.CANCELLED
        if cancelled in (before, instance.status) and before != instance.status:
            from .services import gathering_invites_follow

            transaction.on_commit(
                lambda: gathering_invites_follow(gathering=instance, actor=self.request.user)
            )
        return instance

    def save_action(self):
        response = super().save_action()
        from .selectors import invite_overview

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


class GatheringViewSet(ModelViewSet):
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

"""Wagtail admin viewsets for the cohorts app."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TitleFieldPanel,
)
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.slug import SlugInput

from courses.editorial import COORDINATOR_GROUP
from website.policy import RefuseAsNotFound

from .forms import CoordinatorChoices, GatheringCopyForm
from .models import Gathering, Organisation
from .selectors import invites_due_count
from .services.gatherings import (
    GatheringError,
    gathering_duplicate,
    gathering_duplicate_slug,
    gathering_quotas_check,
    gathering_save,
)
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


def coordinator_candidates(current=()):
    """Who may be named a gathering's coordinator: active staff in the coordinators' group
    (never a participant who is not staff, never a minor signing up), plus whoever is named
    already (so an edit shows them and can take them off)."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_active=True, groups__name=COORDINATOR_GROUP) | Q(pk__in=[u.pk for u in current])
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def _coordinator_label(user):
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class GatheringForm(WagtailAdminModelForm):
    """Saved through `gathering_save` (quotas within the capacity; a cancellation or its
    reversal tells the invite holders), which also checks what `clean` shows here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("coordinators")
        if field is not None:
            current = self.instance.coordinators.all() if self.instance.pk else ()
            field.queryset = coordinator_candidates(current)
            field.label_from_instance = _coordinator_label
            field.help_text = _(
                "Only staff in the coordinators' group can be chosen. Coordinators of a gathering "
                "check people in and send calendar invites; they see the names of everyone "
                "attending."
            )

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
        due = invites_due_count(self.object)
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


class GatheringTitlePanel(TitleFieldPanel):
    """The title fills in the web address while the gathering is a draft (Wagtail's slug sync);
    once published, the address stays as it is (people have links to it)."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            instance = self.instance
            return not instance.pk or instance.status == Gathering.Status.DRAFT


class GatheringCopyView(WagtailAdminTemplateMixin, PermissionCheckedMixin, FormView):
    """The viewset's copy view: a gathering for next year with its timetable, quotas and
    settings (`gathering_duplicate`), as a draft. Asks only for the new start and address."""

    model = Gathering
    permission_required = "add"
    form_class = GatheringCopyForm
    template_name = "cohorts/admin/gathering_copy.html"
    header_icon = "copy"
    edit_url_name = None
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Gathering, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Copy for next year")

    def get_page_subtitle(self):
        return self.object.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Gathering._meta.verbose_name_plural),
            },
            {"url": reverse(self.edit_url_name, args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        starts_on = timezone.localtime(self.object.starts_at).date() + timedelta(weeks=52)
        return {
            "starts_on": starts_on,
            "slug": gathering_duplicate_slug(self.object, starts_on.year),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gathering"] = self.object
        context["cancel_url"] = reverse(self.index_url_name)
        return context

    def form_valid(self, form):
        try:
            copy = gathering_duplicate(
                gathering=self.object,
                starts_on=form.cleaned_data["starts_on"],
                slug=form.cleaned_data["slug"],
            )
        except GatheringError as error:
            form.add_error("slug", error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” is copied as a draft. Check it and publish it when it is ready.")
            % {"title": copy.title},
        )
        return redirect(self.edit_url_name, copy.pk)


class GatheringViewSet(RefuseAsNotFound, ModelViewSet):
    """Programme administrators create gatherings, set capacity, quotas and the timetable."""

    model = Gathering
    edit_view_class = GatheringEditView
    copy_view_class = GatheringCopyView
    icon = "date"
    menu_label = _("Gatherings")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["title", "kind", "level", "starts_at", "capacity", "status"]
    list_filter = ["kind", "level", "status", "year"]
    search_fields = ["title", "venue_name"]

    def get_copy_view_kwargs(self, **kwargs):
        # Not the add view's form and template: the copy asks only for a date and an address.
        return kwargs

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    GatheringTitlePanel("title", placeholder=False),
                    FieldPanel("title_en"),
                    FieldPanel(
                        "slug",
                        # The model's SlugField takes ASCII only: "høsten" becomes "hosten".
                        widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"}),
                        heading=_("Web address"),
                        help_text=_(
                            "The gathering's page on the website: /samlinger/<address>/. "
                            "Filled in from the title while the gathering is a draft. Not the "
                            "venue's address (under Time and place)."
                        ),
                    ),
                    FieldPanel(
                        "kind",
                        help_text=_(
                            "A network gathering is open only to members of the "
                            "representatives' network, whatever their level, and gives no "
                            "certificate."
                        ),
                    ),
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
                    FieldPanel(
                        "venue_address",
                        heading=_("Venue's street address"),
                        help_text=_("Where people meet, for example Storgata 1, 0155 Oslo."),
                    ),
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
                    FieldPanel("evaluation_days"),
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
                    FieldPanel("coordinators", widget=CoordinatorChoices),
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

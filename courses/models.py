"""The curriculum as Wagtail pages: ProgrammePage > CoursePage (one per level) > ModulePage."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from website import sitememo
from website.blocks import BaseStreamBlock
from website.models import SitePageMixin

from .access import can_see_facilitator_content
from .blocks import FACILITATOR_CONTEXT_KEY, ModuleStreamBlock
from .forms import CoursePageForm
from .panels import NamedObjectList, RegisteredSectionPanel
from .registry import MODULE_FEEDBACK, MODULE_REVIEW

LIST_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class OrganisationNamesField(serializers.Field):
    """A module's authoring organisations in the read API: names and short codes only (an
    organisation's contact address stays on its own page)."""

    def to_representation(self, organisations):
        return [{"name": org.name, "short_code": org.short_code} for org in organisations.all()]


class Level(models.TextChoices):
    """The three gatherings a year, each with its course."""

    NEW = "new", _("New representatives")
    ADVANCED = "advanced", _("Advanced representatives")
    COMMUNICATOR = "communicator", _("Experience communicators")


class ProgrammePage(SitePageMixin, Page):
    intro = RichTextField(_("introduction"), features=LIST_FEATURES)
    individual_level = models.TextField(
        _("individual level"), help_text=_("What participation means in one's own case.")
    )
    service_level = models.TextField(
        _("service level"), help_text=_("What participation means in how a service is shaped.")
    )
    system_level = models.TextField(
        _("system level"),
        help_text=_("What participation means where priorities and money are decided."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more about the programme"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("individual_level"),
                FieldPanel("service_level"),
                FieldPanel("system_level"),
            ],
            heading=_("The three participation levels"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("individual_level"),
        index.SearchField("service_level"),
        index.SearchField("system_level"),
        index.SearchField("body"),
    ]

    # What the read API publishes (courses/api.py); no field is published unless named here.
    api_fields = [
        APIField("intro"),
        APIField("individual_level"),
        APIField("service_level"),
        APIField("system_level"),
        APIField("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def participation_levels(self):
        return [
            (_("Individual level"), self.individual_level),
            (_("Service level"), self.service_level),
            (_("System level"), self.system_level),
        ]

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_list_with_minutes

        context = super().get_context(request, *args, **kwargs)
        # Pages only: kept while the pages generation lasts (website/sitememo.py).
        context["courses"] = sitememo.remember(
            ("courses_with_minutes", self.pk),
            lambda: course_list_with_minutes(programme=self),
            request=request,
        )
        return context


class CoursePage(SitePageMixin, Page):
    level = models.CharField(_("gathering level"), max_length=20, choices=Level.choices)
    summary = models.TextField(_("summary"), max_length=500)
    audience = RichTextField(_("who it is for"), features=LIST_FEATURES)
    learning_outcomes = RichTextField(_("learning outcomes"), features=LIST_FEATURES)
    prerequisites = RichTextField(_("prerequisites"), features=LIST_FEATURES, blank=True)
    certificate_text = models.TextField(
        _("what the certificate says"),
        help_text=_("What the certificate states that the holder has learnt."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more about the course"))

    meta_description_source = "summary"
    content_panels = [
        *Page.content_panels,
        FieldPanel("level"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("learning_outcomes"),
        FieldPanel("prerequisites"),
        FieldPanel("certificate_text"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("learning_outcomes"),
        index.SearchField("certificate_text"),
        index.SearchField("body"),
        index.FilterField("level"),
    ]

    api_fields = [
        APIField("level"),
        APIField("summary"),
        APIField("audience"),
        APIField("learning_outcomes"),
        APIField("prerequisites"),
        APIField("certificate_text"),
        APIField("body"),
    ]

    parent_page_types = ["courses.ProgrammePage"]
    subpage_types = ["courses.ModulePage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @cached_property
    def modules(self):
        """The course's published modules, in the order editors gave them."""
        return list(ModulePage.objects.child_of(self).live().order_by("path"))

    @property
    def total_minutes(self):
        """The course's teaching time: its published modules' scheduled minutes. The one source
        of the hours the course page states and the certificate prints
        (certificates.services.render_pdf), so the two always agree."""
        return sum(module.duration_minutes for module in self.modules)


class ModulePage(SitePageMixin, Page):
    summary = models.TextField(_("summary"), max_length=500)
    learning_objectives = RichTextField(_("learning objectives"), features=LIST_FEATURES)
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"),
        validators=[MinValueValidator(5), MaxValueValidator(8 * 60)],
        help_text=_("Scheduled teaching time, from 5 minutes to 8 hours."),
    )
    trains_individual_level = models.BooleanField(_("individual level"), default=False)
    trains_service_level = models.BooleanField(_("service level"), default=False)
    trains_system_level = models.BooleanField(_("system level"), default=False)
    authoring_organisations = ParentalManyToManyField(
        "people.Organisation",
        related_name="authored_modules",
        verbose_name=_("written by"),
    )
    body = StreamField(ModuleStreamBlock(), verbose_name=_("content"))
    facilitator_guide = RichTextField(
        _("facilitator guide"),
        blank=True,
        features=LIST_FEATURES,
        help_text=_("Shown only to coordinators and staff, never to participants."),
    )

    meta_description_source = "summary"
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("duration_minutes"),
        MultiFieldPanel(
            [
                FieldPanel("trains_individual_level"),
                FieldPanel("trains_service_level"),
                FieldPanel("trains_system_level"),
            ],
            heading=_("Participation levels it trains"),
        ),
        FieldPanel("authoring_organisations", widget=CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("facilitator_guide"),
    ]
    # Participants' feedback on the module, from the app above that collects it (evaluation,
    # through courses.registry): what the version in review answers, above the content, and
    # a tab of its own. Neither shows when no app registers it.
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [RegisteredSectionPanel(MODULE_REVIEW), *content_panels], heading=_("Content")
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            NamedObjectList(
                [RegisteredSectionPanel(MODULE_FEEDBACK)],
                heading=_("Feedback from participants"),
                name="feedback",
            ),
        ]
    )
    # The facilitator guide is deliberately absent: private text is never indexed.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.SearchField("body"),
    ]

    # The facilitator guide is deliberately absent, and the body's facilitator notes are left
    # out by ModuleStreamBlock.get_api_representation.
    api_fields = [
        APIField("summary"),
        APIField("learning_objectives"),
        APIField("duration_minutes"),
        APIField("trains_individual_level"),
        APIField("trains_service_level"),
        APIField("trains_system_level"),
        APIField("authoring_organisations", serializer=OrganisationNamesField()),
        APIField("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        permissions = [
            ("view_facilitator_content", _("Can see facilitator notes and guides")),
        ]

    def clean(self):
        super().clean()
        if not (
            self.trains_individual_level or self.trains_service_level or self.trains_system_level
        ):
            raise ValidationError(
                {"trains_individual_level": _("Choose at least one participation level.")}
            )

    def participation_levels(self):
        levels = [
            (self.trains_individual_level, _("Individual level")),
            (self.trains_service_level, _("Service level")),
            (self.trains_system_level, _("System level")),
        ]
        return [label for trained, label in levels if trained]

    def _place(self, parent):
        """The module's course, its previous and next live modules, its organisations."""
        siblings = list(Page.objects.sibling_of(self).live().type(ModulePage).order_by("path"))
        place = next((n for n, page in enumerate(siblings) if page.pk == self.pk), None)
        previous_module = next_module = None
        if place is not None:
            previous_module = siblings[place - 1] if place > 0 else None
            next_module = siblings[place + 1] if place + 1 < len(siblings) else None
        organisations = list(self.authoring_organisations.all())
        return parent.specific, previous_module, next_module, organisations

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The course is the last of the breadcrumbs (already loaded); the neighbours come from
        # one query over the live modules beside this one (a course has tens, not thousands).
        # Pages only: kept while the pages generation lasts (website/sitememo.py).
        parent = context["breadcrumbs"][-1] if context["breadcrumbs"] else self.get_parent()
        course, previous_module, next_module, organisations = sitememo.remember(
            ("module_context", self.pk), lambda: self._place(parent), request=request
        )
        context.update(
            {
                "course": course,
                "previous_module": previous_module,
                "next_module": next_module,
                "organisations": organisations,
                FACILITATOR_CONTEXT_KEY: can_see_facilitator_content(request.user),
            }
        )
        return context

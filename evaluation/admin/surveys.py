"""The kartlegging survey in the Wagtail admin, for programme administrators only (everyone
else gets 404, as for a page that does not exist):

- `/admin/kartlegging/`: the surveys; create and edit one with its questions (Norwegian and
  English), period, audience and whether it is published. Once a survey has answers, a
  question with answers cannot be removed, change kind or lose choices (the form says why).
- `/admin/kartlegging-funn/`: the gaps a survey found — tags, the questions that showed them,
  the modules they led to (page chooser), status.
- `/admin/kartlegging/<id>/resultater/` (and `.xlsx`): the results (evaluation/survey_results.py)
  as charts with data tables, free text only at five answers or more, the gaps, and what
  changed since last year's gaps.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from website.policy import RefuseAsNotFound, require_administrator

from ..models import Survey, SurveyGap, SurveyQuestion
from ..selectors import TEXT_THRESHOLD
from ..services.surveys import (
    SurveyEditError,
    survey_has_answers,
    survey_question_changes_check,
)
from ..survey_results import survey_results, survey_results_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Programme administrators (superusers) may do everything; nobody else anything."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_permission(user, "view"):
            return self.model.objects.all()
        return self.model.objects.none()


for _model in (Survey, SurveyGap):
    register_permission_policy(_model, AdministratorsOnlyPolicy(_model))


# --- Surveys and their questions ---------------------------------------------------------------


class SurveyForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A survey must close after it opens."))
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned
        questions.is_valid()  # the formsets are otherwise checked after this form
        for form in questions.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            data = form.cleaned_data
            try:
                survey_question_changes_check(
                    question=form.instance,
                    text=data.get("text", ""),
                    kind=data.get("kind") or form.instance.kind,
                    choices=data.get("choices", ""),
                    choices_en=data.get("choices_en", ""),
                    deleted=bool(data.get("DELETE")),
                )
            except SurveyEditError as error:
                # On the question (a deleted one's fields are hidden: above the form).
                if data.get("DELETE"):
                    self.add_error(None, error.message)
                else:
                    form.add_error(
                        "kind" if error.code == "answered_kind" else "choices", error.message
                    )
        return cleaned


ANSWERS_EXIST = _(
    "This survey has answers. You can correct the texts, but a question that has answers cannot "
    "be removed or change kind, and its choices cannot be removed or reordered (new ones may be "
    "added at the end)."
)


class SurveyEditView(EditView):
    def get_context_data(self, **kwargs):
        if self.request.method == "GET" and survey_has_answers(self.object):
            messages.warning(self.request, ANSWERS_EXIST)
        return super().get_context_data(**kwargs)


class SurveyIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(response_count=Count("responses"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(
            0,
            ListingButton(
                _("Results"),
                url=reverse("evaluation_survey_results", args=[instance.pk]),
                priority=5,
            ),
        )
        return buttons


class SurveyViewSet(RefuseAsNotFound, ModelViewSet):
    """Programme administrators open the yearly kartlegging."""

    model = Survey
    index_view_class = SurveyIndexView
    edit_view_class = SurveyEditView
    icon = "list-ul"
    menu_label = _("Yearly survey")
    menu_order = 295
    add_to_admin_menu = True
    url_prefix = "kartlegging"
    copy_view_enabled = False
    list_display = [
        "title",
        "year",
        "audience",
        "opens_at",
        "closes_at",
        BooleanColumn("published", label=_("Published")),
        Column("response_count", label=_("Responses"), accessor="response_count"),
    ]
    list_filter = ["year", "audience", "published"]
    search_fields = ["title", "title_en"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
                    FieldPanel(
                        "slug",
                        heading=_("Web address"),
                        help_text=_(
                            "Answered at /kartlegging/<address>/. Letters a–z, digits and dashes."
                        ),
                    ),
                    FieldPanel("year"),
                    FieldRowPanel([FieldPanel("intro"), FieldPanel("intro_en")]),
                ],
                heading=_("Survey"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    FieldPanel("published"),
                ],
                heading=_("Who answers, and when"),
            ),
            HelpPanel(
                content=_(
                    "<p>Answers are anonymous: no name, account or time is stored with them. "
                    "For the audiences that log in, the site only notes who has answered, so "
                    "that each person answers once.</p><p>Once the survey has answers, a "
                    "question that has answers cannot be removed or change kind, and its "
                    "choices cannot be removed or reordered.</p>"
                ),
                heading=_("About the questions"),
            ),
            InlinePanel(
                "questions",
                heading=_("Questions"),
                label=_("Question"),
                panels=[
                    FieldPanel("kind"),
                    FieldRowPanel([FieldPanel("text"), FieldPanel("text_en")]),
                    FieldRowPanel([FieldPanel("help_text"), FieldPanel("help_text_en")]),
                    FieldRowPanel([FieldPanel("choices"), FieldPanel("choices_en")]),
                    FieldPanel("required"),
                ],
            ),
        ],
        base_form_class=SurveyForm,
    )


# --- Gaps ----------------------------------------------------------------------------------------


class SurveyGapForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("questions")
        if field is not None:
            survey_id = self.instance.survey_id or self.initial.get("survey")
            questions = SurveyQuestion.objects.select_related("survey").order_by(
                "survey__year", "survey_id", "sort_order"
            )
            if survey_id:
                questions = questions.filter(survey_id=survey_id)
            field.queryset = questions
            field.widget = forms.CheckboxSelectMultiple()
            field.widget.choices = field.choices
            field.label_from_instance = lambda question: (
                question.text if survey_id else f"{question.survey}: {question.text}"
            )

    def clean(self):
        cleaned = super().clean()
        survey = cleaned.get("survey")
        questions = cleaned.get("questions") or []
        if survey and any(question.survey_id != survey.pk for question in questions):
            self.add_error("questions", _("Choose questions of this gap's own survey."))
        return cleaned


class SurveyGapCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        asked = self.request.GET.get("survey", "")
        if asked.isdigit() and Survey.objects.filter(pk=asked).exists():
            initial["survey"] = int(asked)
        return initial


class SurveyGapViewSet(RefuseAsNotFound, ModelViewSet):
    model = SurveyGap
    add_view_class = SurveyGapCreateView
    icon = "tag"
    menu_label = _("Gaps found")
    add_to_admin_menu = False
    url_prefix = "kartlegging-funn"
    copy_view_enabled = False
    list_display = ["title", "survey", "status", "tags"]
    list_filter = ["survey", "status"]
    search_fields = ["title", "title_en", "tags", "description"]

    edit_handler = ObjectList(
        [
            FieldPanel("survey", heading=_("Survey")),
            FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
            FieldPanel("description"),
            FieldPanel("tags"),
            FieldPanel("questions"),
            MultipleChooserPanel(
                "module_links",
                chooser_field_name="module",
                heading=_("Modules it led to (revised or new)"),
                label=_("Module"),
            ),
            FieldPanel("status"),
        ],
        base_form_class=SurveyGapForm,
    )


survey_viewset = SurveyViewSet("evaluation_surveys")
survey_gap_viewset = SurveyGapViewSet("evaluation_survey_gaps")


# --- Results --------------------------------------------------------------------------------------


@require_safe
def survey_results_view(request, pk):
    require_administrator(request.user)
    survey = get_object_or_404(Survey, pk=pk)
    results = survey_results(survey)
    title = _gettext("Results: %(title)s") % {"title": survey.title}
    return render(
        request,
        "evaluation/survey/admin/results.html",
        {
            "page_title": title,
            "header_icon": "table",
            "survey": survey,
            "results": results,
            "threshold": TEXT_THRESHOLD,
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _gettext("Home")},
                {"url": reverse("evaluation_surveys:index"), "label": _gettext("Yearly survey")},
                {"url": "", "label": title},
            ],
        },
    )


@require_safe
def survey_results_file(request, pk):
    require_administrator(request.user)
    survey = get_object_or_404(Survey, pk=pk)
    response = HttpResponse(survey_results_xlsx(survey_results(survey)), content_type=XLSX)
    name = slugify(survey.slug) or "kartlegging"
    response["Content-Disposition"] = f'attachment; filename="resultater-{name}.xlsx"'
    return response

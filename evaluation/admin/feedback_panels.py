"""What the module page's editor and the dashboard show of the feedback on a module.

`module_feedback_section` and `module_review_section` are registered with courses.registry
(evaluation.wiring.feedback) and rendered by the module page's panels; `ReviewAnswersPanel`
is added to reviewers' dashboards (feedback_hooks). Both language versions of a module show
the same feedback: it is keyed by the page's translation_key.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import ModulePage
from website.panels import TaskLine, TaskPanel

from .. import selectors


def module_feedback_section(page, request) -> str:
    """The feedback tab: ratings per gathering (the trend) and the comments."""
    feedback = selectors.module_feedback(page.translation_key)
    can_mark = page.permissions_for_user(request.user).can_edit()
    return render_to_string(
        "evaluation/admin/module_feedback_panel.html",
        {
            "feedback": feedback,
            "module_page": page,
            "can_mark": can_mark,
            "threshold": selectors.TEXT_THRESHOLD,
        },
        request=request,
    )


def revision_in_review(page):
    """The revision of `page` waiting in a workflow task, or None."""
    state = (
        TaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .order_by("-started_at")
        .values_list("revision_id", flat=True)
        .first()
    )
    return state


def module_review_section(page, request) -> str:
    """Above the content while a version is in review: the comments it answers."""
    revision_id = revision_in_review(page)
    if revision_id is None:
        return ""
    live_revision_id = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True)
    comments = selectors.comments_answered(
        page, after_revision_id=live_revision_id.first(), up_to_revision_id=revision_id
    )
    if not comments:
        return ""
    return render_to_string(
        "evaluation/admin/module_review_notice.html", {"comments": comments}, request=request
    )


class ReviewAnswersPanel(Component):
    """For reviewers: the module versions awaiting their review that answer comments, each
    with the comments (beside Wagtail's "Awaiting your review")."""

    name = "evaluation_review_answers"
    order = 221  # just after Wagtail's "Awaiting your review" (220)
    template_name = "evaluation/admin/panels/review_answers.html"

    def __init__(self, request):
        self.request = request

    @cached_property
    def items(self) -> list:
        states = (
            TaskState.objects.reviewable_by(self.request.user)
            .filter(status=TaskState.STATUS_IN_PROGRESS)
            .values_list("workflow_state__object_id", "revision_id")
        )
        waiting = dict(states)
        if not waiting:
            return []
        pages = ModulePage.objects.filter(pk__in=[int(pk) for pk in waiting]).order_by("title")
        items = []
        for page in pages:
            comments = selectors.comments_answered(
                page,
                after_revision_id=page.live_revision_id,
                up_to_revision_id=waiting[str(page.pk)],
            )
            if comments:
                items.append({"page": page, "comments": comments})
        return items

    def get_context_data(self, parent_context=None):
        return {"items": self.items}

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.items else ""


class CommentsWaitingPanel(TaskPanel):
    """For editors: the modules they may edit with participants' comments (shown ones) that
    nobody has marked as taken in yet, each linking to the module's feedback tab."""

    name = "evaluation_comments_waiting"
    order = 120

    heading = gettext_lazy("Participants' comments on your modules")

    def get_lines(self):
        waiting = selectors.comments_waiting()
        if not waiting:
            return []
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )
        pages = selectors.module_pages(waiting)
        allowed = set(
            editable.filter(pk__in=[page.pk for page in pages.values()]).values_list(
                "pk", flat=True
            )
        )
        lines = []
        for key, page in sorted(pages.items(), key=lambda item: item[1].title):
            if page.pk not in allowed:
                continue
            count = waiting[key]
            text = ngettext(
                "%(count)s comment not taken in yet", "%(count)s comments not taken in yet", count
            ) % {"count": count}
            url = reverse("wagtailadmin_pages:edit", args=[page.pk]) + "#tab-feedback"
            lines.append(TaskLine(text=text, url=url, subject=page.title, count=count))
        return lines

"""Wagtail hooks for feedback (registered on import by evaluation/wagtail_hooks.py): the
module report at /admin/rapporter/moduler/ in the Reports menu, the evaluation pages at
/admin/evaluering/, and the dashboard panels for reviewers and editors."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import feedback_urls
from .feedback_panels import CommentsWaitingPanel, ReviewAnswersPanel
from .feedback_views import may_read_module_report


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("rapporter/moduler/", include(feedback_urls.report_urlpatterns)),
        path("evaluering/", include(feedback_urls.urlpatterns)),
    ]


class ModuleReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_module_report(request.user)


@hooks.register("register_reports_menu_item")
def register_module_report_menu_item():
    return ModuleReportMenuItem(
        _("Modules by rating"),
        reverse("evaluation_module_report"),
        name="medvirk-module-ratings",
        icon_name="table",
        order=110,
    )


@hooks.register("construct_homepage_panels")
def add_feedback_panels(request, panels):
    panels.append(ReviewAnswersPanel(request))
    if may_read_module_report(request.user):
        panels.append(CommentsWaitingPanel(request))

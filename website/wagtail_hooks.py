from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import jobs, views
from .models import OutboxMessage
from .viewsets import audit_viewset, outbox_viewset


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


class FailedMessagesPanel(Component):
    """On administrators' dashboard: e-mails that could not be sent, with a link to them."""

    name = "failed_messages"
    order = 50
    template_name = "website/admin/failed_messages_panel.html"

    def __init__(self, failed: int):
        self.failed = failed

    def get_context_data(self, parent_context=None):
        return {
            "failed": self.failed,
            "attempts": settings.OUTBOX["max_attempts"],
            "url": reverse("outbox:index") + "?state=failed",
        }


@hooks.register("construct_homepage_panels")
def add_failed_messages_panel(request, panels):
    if request.user.is_superuser:
        failed = OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count()
        if failed:
            panels.append(FailedMessagesPanel(failed))


@hooks.register("register_admin_urls")
def register_staff_setup_urls():
    return [path("tofaktor-lenker/", views.staff_setup_links, name="staff_setup_links")]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_staff_setup_menu_item():
    return AdministratorsMenuItem(
        _("Two-factor set-up links"), reverse("staff_setup_links"), icon_name="key", order=890
    )


@hooks.register("register_admin_urls")
def register_job_urls():
    """Background jobs' progress and files (website/jobs.py), for whoever started them."""
    return [
        path("jobber/<int:pk>/", jobs.status_view, name="job_status"),
        path("jobber/<int:pk>/fil/", jobs.file_view, name="job_file"),
    ]

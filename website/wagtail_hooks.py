from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import jobs, views
from . import panels as panels_module
from .viewsets import audit_viewset, outbox_viewset


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("construct_homepage_panels")
def add_failed_messages_panel(request, panels):
    if request.user.is_superuser:
        panels.append(panels_module.FailedMessagesPanel(request))


@hooks.register("construct_homepage_panels", order=1000)
def add_nothing_waiting_panel(request, panels):
    """After every app's panels: Wagtail's page panels left out for whoever cannot open the
    page tree (coordinators), and one "nothing is waiting" line when all task panels are empty."""
    panels_module.drop_page_panels(request, panels)
    panels_module.add_nothing_waiting(panels)


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

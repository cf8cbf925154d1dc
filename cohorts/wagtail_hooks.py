from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from website.policy import is_coordinator

from . import admin_urls
from .viewsets import gathering_viewset, organisation_viewset


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("register_admin_viewset")
def register_gathering_viewset():
    return gathering_viewset


@hooks.register("register_admin_urls")
def register_enrolment_urls():
    return [path("pameldinger/", include(admin_urls))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_enrolment_menu_item():
    return CoordinatorMenuItem(
        _("Applications"), reverse("cohorts_admin_index"), icon_name="tasks", order=280
    )


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_exceptions_menu_item():
    return AdministratorMenuItem(
        _("Exceptions from the level rules"),
        reverse("cohorts_admin_exceptions"),
        icon_name="help",
        order=910,
    )


# Reports (issue 16): /admin/rapporter/, in Wagtail's Reports menu for coordinators.
@hooks.register("register_admin_urls")
def register_report_urls():
    from .reports import urls as report_urls

    return [path("rapporter/", include(report_urls))]


@hooks.register("register_reports_menu_item")
def register_reports_menu_item():
    return CoordinatorMenuItem(
        _("Figures per year"),
        reverse("cohorts_reports"),
        name="medvirk-reports",
        icon_name="table",
        order=100,
    )


# The coordinator's dashboard (issue 16): what is waiting for them, and the seats.
@hooks.register("construct_homepage_panels")
def add_coordinator_panels(request, panels):
    from .panels import ApplicationTasksPanel, SeatsPanel

    if is_coordinator(request.user):
        panels += [ApplicationTasksPanel(request), SeatsPanel(request)]

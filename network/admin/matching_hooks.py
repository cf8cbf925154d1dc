"""Wagtail hooks for coordinators' matching (registered on import by network/wagtail_hooks.py):
the requests at /admin/nettverk/foresporsler/, their menu item and the dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import matching_urls
from .matching_views import may_match


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [path("nettverk/foresporsler/", include(matching_urls))]


class MatchingMenuItem(MenuItem):
    def is_shown(self, request):
        return may_match(request.user)


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return MatchingMenuItem(
        _("Requests"),
        reverse("network_admin_requests"),
        name="network-requests",
        icon_name="mail",
        order=285,
    )


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    from .matching_panels import NewRequestsPanel

    if may_match(request.user):
        panels.append(NewRequestsPanel(request))

"""Wagtail hooks for the network's figures (registered on import by network/wagtail_hooks.py):
`/admin/rapporter/nettverk/` in the Reports menu, for coordinators and administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from website.policy import is_coordinator

from . import report_views


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("rapporter/nettverk/", report_views.network_report, name="network_report"),
        path(
            "rapporter/nettverk/rapport.xlsx",
            report_views.network_report_xlsx,
            name="network_report_xlsx",
        ),
    ]


class NetworkReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return NetworkReportMenuItem(
        _("Network figures"),
        reverse("network_report"),
        name="medvirk-network-figures",
        icon_name="table",
        order=120,
    )

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_retention_urls():
    # The path (and name) it had under the applications' admin pages, kept for bookmarks.
    return [
        path(
            "pameldinger/sletting/",
            admin_views.retention_preview,
            name="cohorts_admin_retention",
        )
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_retention_menu_item():
    return AdministratorMenuItem(
        _("Retention (deletion)"), reverse("cohorts_admin_retention"), icon_name="bin", order=900
    )

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

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


# --- deleting a participant in the admin's Users is an erasure ------------------------------


@hooks.register("before_delete_user")
def erase_instead_of_delete(request, user):
    """Wagtail's Users → Delete, for a participant's account: the confirmation page explains
    that the person's data will be erased (anonymised, as when they ask), and confirming erases
    them; the rows funders count and the certificates stay, so nothing is refused as protected.
    A staff account without a profile is deleted as Wagtail does it (None: Wagtail goes on)."""
    return admin_views.user_delete_as_erasure(request, user)


class EraseUsersBulkAction(DeleteBulkAction):
    """The Users listing's bulk Delete: participants are erased, staff accounts deleted."""

    @classmethod
    def execute_action(cls, objects, model=None, user=None, **kwargs):
        return admin_views.users_delete_as_erasure(objects, actor=user), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


# Registered after Wagtail's own (order 1): the registry keeps the last action per type.
hooks.register("register_bulk_action", EraseUsersBulkAction, order=1)


# Administrators' dashboard (issue 16): the retention job's last run.
@hooks.register("construct_homepage_panels")
def add_retention_panel(request, panels):
    from .panels import RetentionPanel

    if request.user.is_superuser:
        panels.append(RetentionPanel())

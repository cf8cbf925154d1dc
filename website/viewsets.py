"""The audit log in the Wagtail admin: administrators browse and filter it; nobody can add,
change or delete entries (the model refuses too)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AuditEntry

READ_ACTIONS = {"view"}


class AdministratorsMayReadPolicy(BasePermissionPolicy):
    """Only administrators (superusers), and only to read."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in READ_ACTIONS)

    def users_with_any_permission(self, actions):
        if not READ_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.all()
        return self.model.objects.none()


class AuditViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "revisjonslogg"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "created_at",
        "actor_label",
        "action",
        "subject_label",
        "object_label",
        "summary",
    ]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_label", "subject_label", "object_label", "summary", "reason"]
    list_per_page = 50
    list_export = [
        "created_at",
        "actor_label",
        "action",
        "participant_id",
        "subject_label",
        "object_label",
        "summary",
        "reason",
    ]
    export_filename = "revisjonslogg"
    form_fields = ["reason"]  # required by ModelViewSet; the policy refuses adding and editing


register_permission_policy(AuditEntry, AdministratorsMayReadPolicy(AuditEntry))
audit_viewset = AuditViewSet("audit_log")

"""The audit log and the outgoing e-mail in the Wagtail admin: administrators browse and filter
them; nobody can add, change or delete entries (the audit model refuses too). Failed e-mails
can be sent again."""

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import outbox
from .audit import audit_summary_display
from .models import AuditEntry, OutboxMessage
from .policy import RefuseAsNotFound

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


class AuditInspectView(InspectView):
    def get_summary_display_value(self):
        return audit_summary_display(self.object)


class AuditViewSet(RefuseAsNotFound, ModelViewSet):
    model = AuditEntry
    inspect_view_class = AuditInspectView
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
        Column("summary", label=capfirst(_("details")), accessor=audit_summary_display),
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


class OutboxInspectView(InspectView):
    """One e-mail: to whom, what, its state and last error, and *Send again* while it is not
    sent. What it was rendered from (ids, links with codes in them) is not shown."""

    template_name = "website/admin/outbox_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_send_again"] = self.object.can_send_again
        context["send_again_url"] = reverse("outbox:send_again", args=[self.object.pk])
        return context


class OutboxKindFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=outbox.kind_choices, **kwargs)

    def filter(self, queryset, value):
        if value and value.endswith("/"):
            return queryset.filter(kind__startswith=value)
        return super().filter(queryset, value)


class OutboxFilterSet(WagtailFilterSet):
    kind = OutboxKindFilter(label=_("Kind"))

    class Meta:
        model = OutboxMessage
        fields = ["state", "kind", "created_at"]


class OutboxViewSet(RefuseAsNotFound, ModelViewSet):
    """*Utgående e-post*: every message the system sends, for administrators; failed ones can
    be sent again (`website.outbox.message_retry`)."""

    model = OutboxMessage
    icon = "mail"
    menu_label = _("Outgoing e-mail")
    menu_order = 910
    add_to_admin_menu = True
    url_prefix = "utgaende-epost"
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    inspect_view_fields = [
        "created_at",
        "kind_label",
        "recipient",
        "recipient_name",
        "language",
        "subject",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "message_id",
        "last_error",
    ]
    copy_view_enabled = False
    list_display = ["recipient", "kind_label", "subject", "state", "attempts", "created_at"]
    filterset_class = OutboxFilterSet
    search_fields = ["recipient", "subject", "last_error"]
    list_per_page = 50
    form_fields = ["state"]  # required by ModelViewSet; the policy refuses adding and editing

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/send-again/", self.send_again_view, name="send_again"),
        ]

    def send_again_view(self, request, pk):
        if request.method != "POST" or not request.user.is_superuser:
            raise Http404
        message = get_object_or_404(OutboxMessage, pk=pk)
        if message.state == OutboxMessage.State.SENT:
            messages.error(request, _("This e-mail has been sent; it is not sent again."))
        elif not message.can_send_again:
            messages.error(request, _("This e-mail is being sent right now."))
        else:
            outbox.message_retry(message=message)
            messages.success(request, _("The e-mail is being sent again."))
        return redirect(reverse("outbox:inspect", args=[pk]))


register_permission_policy(OutboxMessage, AdministratorsMayReadPolicy(OutboxMessage))
outbox_viewset = OutboxViewSet("outbox")

from django.conf import settings
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

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

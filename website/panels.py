"""The admin dashboard's panels (Wagtail's `construct_homepage_panels`), the shared part.

Each app adds its own panels from its own wagtail_hooks.py; a panel is a Wagtail `Component`
with an `order` (Wagtail's own: 210–300) and a template. A *task panel* lists things waiting
for the person, one line each with a count and a link to where it is done; it is left out when
it has nothing to say, and when every task panel on a coordinator's dashboard is empty one
"nothing is waiting for you" line stands in their place (`NothingWaitingPanel`, added last).
Another app's panel (evaluation's recent feedback, say) is one more hook registration.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class TaskLine:
    """One thing to do: what (with its count in the words), where it belongs, a link."""

    text: str
    url: str
    subject: str = ""  # e.g. the gathering's title; "" when the line is about everything
    count: int = 0


class TaskPanel(Component):
    """A panel of `TaskLine`s from `get_lines()`; rendered only when there is one."""

    name = "tasks"
    order = 100
    heading = ""
    template_name = "website/admin/panels/task_panel.html"

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def __init__(self, request, *, now=None):
        self.request = request
        self.now = now or timezone.now()

    def get_lines(self) -> list[TaskLine]:
        raise NotImplementedError

    @cached_property
    def lines(self) -> list[TaskLine]:
        return self.get_lines()

    @property
    def is_empty(self) -> bool:
        return not self.lines

    def get_context_data(self, parent_context=None):
        return {"panel": self, "heading": self.heading, "lines": self.lines}

    def render_html(self, parent_context=None):
        return "" if self.is_empty else super().render_html(parent_context)


class NothingWaitingPanel(Component):
    """Stands in for the task panels when none of them has anything."""

    name = "nothing_waiting"
    order = 90
    template_name = "website/admin/panels/nothing_waiting.html"


# Wagtail's own dashboard panels about pages (wagtail/admin/views/home.py). Not its
# "Awaiting your review" (workflow_objects_to_moderate): reviewers act on pages they cannot
# explore in the tree, and it shows nothing to anyone without a task waiting.
PAGE_PANELS = {
    "user_objects_in_workflow_moderation",
    "recent_edits",
    "locked_pages",
}


def can_open_page_tree(user) -> bool:
    """Has the user any page in the tree they may explore (editors, reviewers, administrators)?
    The dashboard's "Search all pages" box is shown only to them (templates/wagtailadmin/home.html
    asks the same through Wagtail's `root_page`)."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).explorable_root_instance(user) is not None


def drop_page_panels(request, panels) -> None:
    """Leave out Wagtail's page panels for a user who cannot open the page tree."""
    if not can_open_page_tree(request.user):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in PAGE_PANELS]


def add_nothing_waiting(panels) -> None:
    """When the dashboard has task panels and all of them are empty, say so in one line."""
    tasks = [panel for panel in panels if isinstance(panel, TaskPanel)]
    if tasks and all(panel.is_empty for panel in tasks):
        panels.append(NothingWaitingPanel())


class FailedMessagesPanel(TaskPanel):
    """On administrators' dashboard: e-mails that could not be sent, with a link to them."""

    name = "failed_messages"
    order = 50
    template_name = "website/admin/failed_messages_panel.html"

    @cached_property
    def failed(self) -> int:
        from .models import OutboxMessage

        return OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count()

    def get_lines(self):
        return [TaskLine(text="", url=self.url, count=self.failed)] if self.failed else []

    @property
    def url(self) -> str:
        return reverse("outbox:index") + "?state=failed"

    def get_context_data(self, parent_context=None):
        return {
            "failed": self.failed,
            "attempts": settings.OUTBOX["max_attempts"],
            "url": self.url,
        }

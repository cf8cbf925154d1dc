"""Administrators' dashboard panel from privacy (added in privacy/wagtail_hooks.py): when the
daily retention job last ran, whether it succeeded and what it deleted, and when it runs next."""

from django.urls import reverse
from django.utils.functional import cached_property
from django_q.models import Schedule, Task
from wagtail.admin.ui.components import Component

RETENTION_TASK = "privacy.tasks.apply_retention"


class RetentionPanel(Component):
    name = "retention"
    order = 320
    template_name = "privacy/admin/panels/retention.html"

    @cached_property
    def last_run(self):
        return (
            Task.objects.filter(func=RETENTION_TASK)
            .only("started", "stopped", "success", "result")
            .order_by("-started")
            .first()
        )

    def get_context_data(self, parent_context=None):
        last = self.last_run
        result = last.result if last is not None and last.success else None
        schedule = Schedule.objects.filter(func=RETENTION_TASK).only("next_run").first()
        return {
            "last": last,
            "deleted": sum(result.values()) if isinstance(result, dict) else None,
            "next_run": schedule.next_run if schedule else None,
            "url": reverse("cohorts_admin_retention"),
        }

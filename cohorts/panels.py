"""The coordinator's dashboard panels from cohorts (added in cohorts/wagtail_hooks.py):
what is waiting in the applications, and the seats per gathering and organisation.

A coordinator sees their own organisations' figures only (design rule 6); an administrator
sees every organisation's. Every line links to the page where the thing is done.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from website import policy
from website.panels import TaskLine, TaskPanel

from .selectors import (
    coordinator_task_counts,
    gatherings_ahead,
    invites_due_count,
    own_organisation_ids,
    seat_overview,
)


def _review_url(gathering_id, state):
    return f"{reverse('cohorts_admin_review', args=[gathering_id])}?{urlencode({'state': state})}"


class ApplicationTasksPanel(TaskPanel):
    """Applications to decide, guardians' confirmations pending, offers about to expire and
    calendar invites out of date, per gathering that has not ended."""

    name = "applications_waiting"
    order = 100
    heading = _("Waiting for you")

    def get_lines(self):
        user = self.request.user
        gatherings = list(gatherings_ahead(user, self.now))
        counts = coordinator_task_counts(user=user, now=self.now)
        runs = set(gatherings_ahead(user, self.now, policy.RUN).values_list("pk", flat=True))
        lines = []
        for gathering in gatherings:
            row = counts.get(gathering.pk, {})
            lines += [
                TaskLine(text=text, url=url, subject=gathering.title, count=count)
                for count, text, url in self._application_lines(gathering.pk, row)
                if count
            ]
            if gathering.pk in runs:
                due = invites_due_count(gathering)
                if due:
                    text = ngettext(
                        "%(count)s calendar invite out of date",
                        "%(count)s calendar invites out of date",
                        due,
                    ) % {"count": due}
                    url = reverse("cohorts_admin_invites", args=[gathering.pk])
                    lines.append(TaskLine(text, url, gathering.title, due))
        return lines

    @staticmethod
    def _application_lines(gathering_id, row):
        to_decide = row.get("to_decide", 0)
        guardian = row.get("guardian_pending", 0)
        expiring = row.get("offers_expiring", 0)
        return [
            (
                to_decide,
                ngettext(
                    "%(count)s application to decide",
                    "%(count)s applications to decide",
                    to_decide,
                )
                % {"count": to_decide},
                _review_url(gathering_id, "applied"),
            ),
            (
                guardian,
                ngettext(
                    "%(count)s waiting for a guardian's confirmation",
                    "%(count)s waiting for a guardian's confirmation",
                    guardian,
                )
                % {"count": guardian},
                _review_url(gathering_id, "guardian_pending"),
            ),
            (
                expiring,
                ngettext(
                    "%(count)s offered seat expires within 48 hours",
                    "%(count)s offered seats expire within 48 hours",
                    expiring,
                )
                % {"count": expiring},
                _review_url(gathering_id, "offered"),
            ),
        ]


class SeatsPanel(Component):
    """Seats per gathering and organisation: the quota and the shared pool used, as bars with
    the numbers in words beside them (the bars are decoration; the words carry the meaning)."""

    name = "seats"
    order = 150
    template_name = "cohorts/admin/panels/seats.html"

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def __init__(self, request, *, now=None):
        self.request = request
        self.now = now or timezone.now()

    @cached_property
    def gatherings(self):
        user = self.request.user
        organisation_ids = own_organisation_ids(user)
        return [
            seat_overview(gathering, organisation_ids=organisation_ids)
            for gathering in gatherings_ahead(user, self.now)
        ]

    def get_context_data(self, parent_context=None):
        return {"gatherings": self.gatherings, "everyone": self.request.user.is_superuser}

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.gatherings else ""

"""The coordinator's dashboard panel for the network (issue 18): new requests to match, and
members who declined an invitation the coordinator sent (a `website.panels.TaskPanel`)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from website.panels import TaskLine, TaskPanel

from ..selectors.requests import declined_waiting_count, new_requests_count


class NewRequestsPanel(TaskPanel):
    name = "network_requests"
    order = 110
    heading = _("New requests")

    def get_lines(self):
        user = self.request.user
        index = reverse("network_admin_requests")
        lines = []
        new = new_requests_count(user)
        if new:
            text = ngettext(
                "%(count)s request for a representative to match",
                "%(count)s requests for a representative to match",
                new,
            ) % {"count": new}
            lines.append(TaskLine(text, f"{index}?{urlencode({'state': 'open'})}", count=new))
        declined = declined_waiting_count(user)
        if declined:
            text = ngettext(
                "%(count)s member declined your invitation",
                "%(count)s members declined your invitations",
                declined,
            ) % {"count": declined}
            url = f"{index}?{urlencode({'state': 'inviting'})}"
            lines.append(TaskLine(text, url, count=declined))
        return lines

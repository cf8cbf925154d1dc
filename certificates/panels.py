"""The coordinator's dashboard panel from certificates (added in certificates/wagtail_hooks.py):
gatherings that ended without certificates issued, each linking to the issue page."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from website.panels import TaskLine, TaskPanel

from .selectors import gatherings_without_certificates


class CertificatesToIssuePanel(TaskPanel):
    name = "certificates_to_issue"
    order = 110
    heading = _("Certificates to issue")

    def get_lines(self):
        return [
            TaskLine(
                text=gettext("ended %(date)s, no certificates issued yet")
                % {"date": formats.date_format(timezone.localtime(gathering.ends_at))},
                url=reverse("certificates_admin_issue", args=[gathering.pk]),
                subject=gathering.title,
            )
            for gathering in gatherings_without_certificates(user=self.request.user, now=self.now)
        ]

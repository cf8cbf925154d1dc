from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Gatherings")

    def ready(self):
        from website import outbox, policy
        from website.audit import Action, audit_summary_choices
        from website.views import sitemap_register

        from .messages import register_renderers
        from .models import Attendance, CalendarInvite, Enrolment, EnrolmentEvent, Gathering
        from .sitemaps import GatheringSitemap

        sitemap_register("gatherings", GatheringSitemap)

        # The audit log shows these summaries ("applied → confirmed") as words.
        audit_summary_choices(Action.ENROLMENT_STATE, Enrolment.State)
        audit_summary_choices(Action.ATTENDANCE_CHANGED, Attendance.Status)

        register_renderers(outbox.register)
        # How each row reaches its person, organisations and gathering (website/policy.py).
        policy.register(
            Enrolment,
            person="participant__user",
            organisations="organisation",
            gathering="gathering",
        )
        policy.register(
            EnrolmentEvent,
            person="enrolment__participant__user",
            organisations="enrolment__organisation",
        )
        policy.register(
            Attendance,
            person="enrolment__participant__user",
            organisations="enrolment__organisation",
            gathering="session__gathering",
        )
        policy.register(
            CalendarInvite,
            person="participant__user",
            organisations="enrolment__organisation",
            gathering="gathering",
        )
        policy.register(
            Gathering,
            organisations=("quotas__organisation", "enrolments__organisation"),
            gathering="",
        )

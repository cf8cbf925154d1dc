from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Gatherings")

    def ready(self):
        from website import outbox

        from .messages import register_renderers

        register_renderers(outbox.register)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A person's rights over their data: the export (My data), erasure, retention, and the
    privacy statement. The top layer: it reads every app below; nothing below imports it.
    Where it needs a lower app's rows changed, it calls that app's own service."""

    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from website import outbox

        from . import signals
        from .messages import register_renderers

        register_renderers(outbox.register)
        signals.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from cohorts import registry
        from website import outbox

        from .messages import register_renderers
        from .selectors import holds_certificate

        register_renderers(outbox.register)
        registry.register_level_proof(holds_certificate)

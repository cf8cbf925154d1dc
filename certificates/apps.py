from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from cohorts import registry
        from website import outbox, policy

        from .messages import register_renderers
        from .models import Certificate
        from .selectors import holds_certificate

        register_renderers(outbox.register)
        registry.register_level_proof(holds_certificate)
        policy.register(
            Certificate,
            person="enrolment__participant__user",
            organisations="enrolment__organisation",
        )

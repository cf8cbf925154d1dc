from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from cohorts import registry
        from website import outbox, policy

        from .badges.keys import check_configured_keys
        from .messages import register_renderers
        from .models import Certificate
        from .reports import live_certificate_exists
        from .selectors import holds_certificate

        check_configured_keys()  # a malformed key setting stops start-up, naming it
        register_renderers(outbox.register)
        registry.register_level_proof(holds_certificate)
        registry.register_certified_enrolment(live_certificate_exists)
        policy.register(
            Certificate,
            person="enrolment__participant__user",
            organisations="enrolment__organisation",
        )

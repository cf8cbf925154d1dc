from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The representatives' network (issue 18): membership with consent, profiles, services'
    requests for a representative, matching by coordinators, the erfaringslogg. Above
    certificates (joining needs a level-1 certificate), beside evaluation."""

    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from . import wiring

        wiring.policy()
        wiring.requests()
        wiring.assignments()
        wiring.matching()
        wiring.member_messages()
        wiring.network_gatherings()
        wiring.membership()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Organisations and participants: below the curriculum (modules name the organisations
    that wrote them) and below gatherings (which enrol participants)."""

    name = "people"
    verbose_name = _("People")

    def ready(self):
        from website import policy

        from .models import Organisation, Participant

        # How each row reaches its person and organisations (website/policy.py).
        policy.register(Organisation, organisations="")
        policy.register(Participant, person="user", organisations="organisations")

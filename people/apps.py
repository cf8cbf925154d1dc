from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Organisations and participants: below the curriculum (modules name the organisations
    that wrote them) and below gatherings (which enrol participants)."""

    name = "people"
    verbose_name = _("People")

"""Wagtail admin viewsets for the cohorts app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 300
    add_to_admin_menu = True
    form_fields = ["name", "short_code", "contact_email", "website"]
    list_display = ["name", "short_code", "contact_email"]
    search_fields = ["name", "short_code"]


organisation_viewset = OrganisationViewSet("organisations")

from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [path("kursbevis/", include(admin_urls))]


# The coordinator's dashboard (issue 16): gatherings that ended without certificates issued.
@hooks.register("construct_homepage_panels")
def add_certificates_panel(request, panels):
    from website.policy import is_coordinator

    from .panels import CertificatesToIssuePanel

    if is_coordinator(request.user):
        panels.append(CertificatesToIssuePanel(request))

from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [path("kursbevis/", include(admin_urls))]

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("helse/", views.health, name="health"),
    # Before allauth's pages: the staff two-factor set-up link and where staff without it go.
    path("konto/tofaktor/oppsett/<uidb64>/<token>/", views.staff_setup, name="staff_setup"),
    path(
        "konto/tofaktor/kreves/",
        views.staff_two_factor_required,
        name="staff_two_factor_required",
    ),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/<str:code>/", views.language_choose, name="language_choose"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("courses.urls")),
    path("", include("cohorts.urls")),
    path("", include("certificates.urls")),
    path("", include("evaluation.urls")),
    path("", include("network.urls")),
    path("", include("privacy.urls")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree answers everything not matched above; keep it last. Our serve view
# comes first (same pattern as Wagtail's) to fall back to Norwegian for untranslated pages.
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)$", views.serve_page),
    path("", include(wagtail_urls)),
]

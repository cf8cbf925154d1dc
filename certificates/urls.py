from django.urls import path

from . import views

urlpatterns = [
    path("bevis/", views.lookup, name="certificate_lookup"),
    path("bevis/status/<int:number>", views.status_list, name="certificate_status_list"),
    path("bevis/sjekk-fil/", views.check_file, name="certificate_check_file"),
    path("bevis/<str:code>/", views.verify, name="certificate_verify"),
    path("bevis/<str:code>/credential.json", views.credential, name="certificate_credential"),
    path(".well-known/did.json", views.did_document, name="issuer_did_document"),
    path("min-side/kursbevis/<int:pk>/", views.download, name="certificate_download"),
]

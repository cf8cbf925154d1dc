"""The public paths and names are those of the e-mails and pages that link here: keep them."""

from django.urls import path

from . import views

urlpatterns = [
    path("min-side/mine-data/", views.my_data, name="my_data"),
    path("min-side/slett/", views.erase_my_data, name="erase_my_data"),
    path("samlinger/foresatt/slett/<str:token>/", views.guardian_erasure, name="guardian_erasure"),
]

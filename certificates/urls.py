from django.urls import path

from . import views

urlpatterns = [
    path("bevis/", views.lookup, name="certificate_lookup"),
    path("bevis/<str:code>/", views.verify, name="certificate_verify"),
    path("min-side/kursbevis/<int:pk>/", views.download, name="certificate_download"),
]

from django.urls import path

from . import views

urlpatterns = [path("bevis/<str:code>/", views.verify, name="certificate_verify")]

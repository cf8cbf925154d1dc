from django.urls import path

from . import admin_views

urlpatterns = [
    path("samling/<int:pk>/", admin_views.issue, name="certificates_admin_issue"),
    path("samling/<int:pk>/zip/", admin_views.zip_start, name="certificates_admin_zip"),
    path("<int:pk>/<str:action>/", admin_views.change, name="certificates_admin_change"),
]

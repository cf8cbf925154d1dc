from django.urls import path

from . import views
from .api import api_router

urlpatterns = [
    path("sok/", views.search, name="search"),
    # The published curriculum for other sites (issue 19): pages, images, documents.
    path("api/v2/", api_router.urls),
]

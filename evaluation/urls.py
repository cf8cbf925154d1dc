"""Public addresses (design.md): `/evaluering/<token>/` and `/kartlegging/<slug>/`."""

from .views import responses, surveys

urlpatterns = responses.urlpatterns + surveys.urlpatterns

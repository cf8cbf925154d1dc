"""Public views: filled by the surveys work."""

urlpatterns = []

"""Public views: filled by the responses work."""

urlpatterns = []

"""The network's public and member pages (issue 18). Staff pages are in the Wagtail admin
(network/wagtail_hooks.py)."""

urlpatterns = []

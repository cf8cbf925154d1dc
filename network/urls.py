"""The network's public and member pages (issue 18). Staff pages are in the Wagtail admin
(network/wagtail_hooks.py)."""

from .views import assignments, directory, invitations, membership, requests

app_name = "network"

urlpatterns = [
    *membership.urlpatterns,
    *requests.urlpatterns,
    *assignments.urlpatterns,
    *directory.urlpatterns,
    *invitations.urlpatterns,
]

"""/admin/nettverk/foresporsler/…: coordinators' matching (network/admin/matching_views.py)."""

from django.urls import path

from . import matching_views as views

urlpatterns = [
    path("", views.request_index, name="network_admin_requests"),
    path("<int:pk>/", views.request_detail, name="network_admin_request"),
    path("<int:pk>/inviter/", views.request_invite, name="network_admin_invite"),
    path("<int:pk>/lukk/", views.request_close, name="network_admin_close"),
    path("invitasjon/<int:pk>/trekk/", views.invitation_withdraw, name="network_admin_withdraw"),
    path("invitasjon/<int:pk>/bekreft/", views.match_confirm, name="network_admin_confirm"),
]

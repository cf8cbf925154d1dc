from django.urls import path

from .views import admin, checkin, invites, messaging, progression

urlpatterns = [
    path("", admin.gathering_index, name="cohorts_admin_index"),
    path("unntak/", progression.exceptions, name="cohorts_admin_exceptions"),
    path("alle/", admin.applications_all, name="cohorts_admin_applications"),
    path("alle/samlet/", admin.bulk_decide, name="cohorts_admin_bulk_all"),
    path("<int:pk>/", admin.gathering_review, name="cohorts_admin_review"),
    path("<int:pk>/eksport.<str:file_format>", admin.export, name="cohorts_admin_export"),
    path("pamelding/<int:pk>/", admin.participant_detail, name="cohorts_admin_participant"),
    path("<int:pk>/samlet/", admin.bulk_decide, name="cohorts_admin_bulk"),
    path("<int:pk>/innsjekk/", checkin.checkin, name="cohorts_admin_checkin"),
    path("<int:pk>/oppmote/", checkin.report, name="cohorts_admin_attendance"),
    path(
        "<int:pk>/innsjekk/<int:session_pk>/ark.pdf",
        checkin.signin_sheet,
        name="cohorts_admin_signin_sheet",
    ),
    path("<int:pk>/innsjekk/marker/", checkin.checkin_mark, name="cohorts_admin_checkin_mark"),
    path(
        "<int:pk>/innsjekk/<int:session_pk>/qr/",
        checkin.checkin_qr,
        name="cohorts_admin_checkin_qr",
    ),
    path("<int:pk>/kalender/", invites.invites, name="cohorts_admin_invites"),
    path("<int:pk>/kalender/send/", invites.invites_send, name="cohorts_admin_invites_send"),
    path(
        "<int:pk>/kalender/<int:participant_pk>/send-igjen/",
        invites.invite_resend,
        name="cohorts_admin_invite_resend",
    ),
    path("pamelding/<int:pk>/flytt/", admin.enrolment_move, name="cohorts_admin_move"),
    path(
        "pamelding/<int:pk>/ny-samling/",
        admin.enrolment_transfer,
        name="cohorts_admin_transfer",
    ),
    path("pamelding/<int:pk>/<str:decision>/", admin.enrolment_decide, name="cohorts_admin_decide"),
    # Messages to participants (cohorts/views/messaging.py).
    path(
        "melding/samling/<int:pk>/", messaging.message_gathering, name="cohorts_admin_message_all"
    ),
    path(
        "melding/pamelding/<int:pk>/",
        messaging.message_participant,
        name="cohorts_admin_message_one",
    ),
    path("melding/<int:pk>/", messaging.message_detail, name="cohorts_admin_message"),
    path("melding/<int:pk>/status/", messaging.message_status, name="cohorts_admin_message_status"),
]

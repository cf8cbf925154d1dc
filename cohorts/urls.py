from django.urls import path

from .views import api, calendar, checkin, embed
from .views import public as views

urlpatterns = [
    path("samlinger/", views.gathering_list, name="gathering_list"),
    # Before <slug>: the list other sites frame (issue 19).
    path("samlinger/innebygd/", embed.gathering_embed, name="gathering_embed"),
    path("api/samlinger/", api.gatherings, name="api_gatherings"),
    path("api/schema/", api.schema, name="api_schema"),
    path(
        "samlinger/foresatt/<str:token>/", views.guardian_confirmation, name="guardian_confirmation"
    ),
    path(
        "samlinger/innsjekk/<int:session_pk>/<str:token>/",
        checkin.session_checkin,
        name="session_checkin",
    ),
    path("samlinger/<slug:slug>/", views.gathering_detail, name="gathering_detail"),
    path("samlinger/<slug:slug>/pamelding/", views.gathering_apply, name="gathering_apply"),
    path(
        "samlinger/<slug:slug>/pamelding/kvittering/",
        views.gathering_apply_receipt,
        name="gathering_apply_receipt",
    ),
    path(
        "samlinger/<slug:slug>/kalender.ics", calendar.gathering_calendar, name="gathering_calendar"
    ),
    path("kalender/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    path("min-side/kalender/ny-adresse/", calendar.feed_replace, name="feed_replace"),
    path("min-side/", views.my_page, name="my_page"),
    path("min-side/profil/", views.profile, name="profile"),
    path(
        "min-side/pameldinger/<int:pk>/meld-av/",
        views.enrolment_withdraw,
        name="enrolment_withdraw",
    ),
    path(
        "min-side/pameldinger/<int:pk>/<str:action>/",
        views.enrolment_action,
        name="enrolment_action",
    ),
]

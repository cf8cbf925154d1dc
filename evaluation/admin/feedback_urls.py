"""Admin addresses of the feedback on modules (registered in evaluation/admin/feedback_hooks.py):
the module report beside the other reports, a gathering's results, marking a comment."""

from django.urls import path

from . import feedback_views

report_urlpatterns = [
    path("", feedback_views.module_report, name="evaluation_module_report"),
    path("rapport.xlsx", feedback_views.module_report_file, name="evaluation_module_report_file"),
]

urlpatterns = [
    path(
        "samling/<int:pk>/", feedback_views.gathering_results, name="evaluation_gathering_results"
    ),
    path(
        "kommentar/<uuid:rating_id>/", feedback_views.comment_mark, name="evaluation_comment_mark"
    ),
]

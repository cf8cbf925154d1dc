"""Wagtail hooks for the kartlegging survey (registered on import by evaluation/wagtail_hooks.py):
the surveys and their gaps (administrators only), and the results page with its XLSX."""

from django.urls import path
from wagtail import hooks

from .surveys import (
    survey_gap_viewset,
    survey_results_file,
    survey_results_view,
    survey_viewset,
)


@hooks.register("register_admin_viewset")
def register_survey_viewset():
    return survey_viewset


@hooks.register("register_admin_viewset")
def register_survey_gap_viewset():
    return survey_gap_viewset


@hooks.register("register_admin_urls")
def register_survey_result_urls():
    return [
        path(
            "kartlegging/<int:pk>/resultater/",
            survey_results_view,
            name="evaluation_survey_results",
        ),
        path(
            "kartlegging/<int:pk>/resultater.xlsx",
            survey_results_file,
            name="evaluation_survey_results_file",
        ),
    ]

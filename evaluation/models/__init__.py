"""Evaluation data. Anonymous by construction (design.md rule 10): the answer tables
(`GatheringResponse`, `ModuleRating`, `SurveyResponse`, `SurveyAnswer`) have no column that
points at a person, an enrolment or an invitation, no time of answering and a random primary
key; who has answered is a separate table (`EvaluationInvite`, `SurveyParticipation`) that
points at no answer. tests/evaluation/test_anonymity.py walks the fields."""

from .gatherings import CommentAddressed, EvaluationInvite, GatheringResponse, ModuleRating
from .surveys import (
    Survey,
    SurveyAnswer,
    SurveyGap,
    SurveyGapModule,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "CommentAddressed",
    "EvaluationInvite",
    "GatheringResponse",
    "ModuleRating",
    "Survey",
    "SurveyAnswer",
    "SurveyGap",
    "SurveyGapModule",
    "SurveyParticipation",
    "SurveyQuestion",
    "SurveyResponse",
]

"""Writes with rules for gatherings: enrolment (enrolment.py), attendance (attendance.py) and
calendar invites (calendar.py)."""

from ..tokens import GUARDIAN_LINK_DAYS, GUARDIAN_SALT, guardian_erasure_token, guardian_token
from .access import personal_data_exported, personal_data_viewed
from .attendance import (
    AttendanceError,
    attendance_mark,
    checkin_by_qr,
    checkin_token,
    default_minutes,
)
from .calendar import (
    InviteError,
    calendar_feed_for,
    calendar_feed_replace,
    gathering_invites_follow,
    invite_follow,
    invite_resend,
    invite_run_execute,
    invite_run_start,
    invite_runs_resume,
)
from .enrolment import (
    ERRORS,
    MOVES,
    EnrolmentError,
    application_blocker,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
    enrolment_decide_many,
    enrolment_move,
    guardian_confirm,
    guardian_link_enrolment,
    offer_respond,
    offers_expire,
    organisation_coordinators_grant_access,
)
from .progression import ProgressionError, progression_exception_grant

__all__ = [
    "ProgressionError",
    "progression_exception_grant",
    "guardian_erasure_token",
    "personal_data_exported",
    "personal_data_viewed",
    "InviteError",
    "calendar_feed_for",
    "calendar_feed_replace",
    "gathering_invites_follow",
    "invite_follow",
    "invite_resend",
    "invite_run_execute",
    "invite_runs_resume",
    "invite_run_start",
    "AttendanceError",
    "attendance_mark",
    "checkin_by_qr",
    "checkin_token",
    "default_minutes",
    "ERRORS",
    "EnrolmentError",
    "GUARDIAN_LINK_DAYS",
    "GUARDIAN_SALT",
    "MOVES",
    "application_blocker",
    "enrolment_apply",
    "enrolment_cancel",
    "enrolment_decide",
    "enrolment_decide_many",
    "enrolment_move",
    "guardian_confirm",
    "guardian_link_enrolment",
    "guardian_token",
    "offer_respond",
    "offers_expire",
    "organisation_coordinators_grant_access",
]

"""Writes with rules for gatherings: enrolment (enrolment.py), attendance (attendance.py),
calendar invites (calendar.py), gatherings (gatherings.py) and organisations' coordinators
(organisations.py). Re-exported here: the names used elsewhere as `services.<name>`."""

from ..tokens import guardian_erasure_token, guardian_token
from .access import personal_data_exported, personal_data_viewed
from .attendance import (
    AttendanceError,
    attendance_mark,
    checkin_by_qr,
    checkin_token,
)
from .calendar import (
    InviteError,
    calendar_feed_for,
    calendar_feed_replace,
    gathering_invites_follow,
    invite_resend,
    invite_run_execute,
    invite_run_start,
    invite_runs_resume,
)
from .enrolment import (
    DECISIONS,
    ERRORS,
    EnrolmentError,
    application_blocker,
    decisions_for,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
    enrolment_decide_many,
    enrolment_move,
    guardian_confirm,
    guardian_decline,
    guardian_link_enrolment,
    moves_for,
    offer_respond,
    offers_expire,
)
from .messaging import (
    AUDIENCES,
    MessageError,
    message_audience,
    message_check,
    message_draft,
    message_send,
)
from .organisations import organisation_coordinators_set
from .progression import ProgressionError, progression_exception_grant
from .reminders import gathering_mail_send, reminders_send, thanks_send
from .status import GatheringStatus, gathering_status

__all__ = [
    "GatheringStatus",
    "gathering_status",
    "ProgressionError",
    "progression_exception_grant",
    "guardian_erasure_token",
    "personal_data_exported",
    "personal_data_viewed",
    "InviteError",
    "calendar_feed_for",
    "calendar_feed_replace",
    "gathering_invites_follow",
    "invite_resend",
    "invite_run_execute",
    "invite_runs_resume",
    "invite_run_start",
    "AttendanceError",
    "attendance_mark",
    "checkin_by_qr",
    "checkin_token",
    "DECISIONS",
    "ERRORS",
    "EnrolmentError",
    "application_blocker",
    "decisions_for",
    "enrolment_apply",
    "enrolment_cancel",
    "enrolment_decide",
    "enrolment_decide_many",
    "enrolment_move",
    "guardian_confirm",
    "guardian_decline",
    "guardian_link_enrolment",
    "guardian_token",
    "moves_for",
    "offer_respond",
    "offers_expire",
    "organisation_coordinators_set",
    # messages to participants, reminders and thanks (messaging.py, reminders.py)
    "AUDIENCES",
    "MessageError",
    "message_audience",
    "message_check",
    "message_draft",
    "message_send",
    "gathering_mail_send",
    "reminders_send",
    "thanks_send",
]

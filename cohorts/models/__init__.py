"""Cohorts data: organisations and participants, gatherings, enrolments and attendance.

Data and invariants only; every write with rules is in cohorts/services/.
"""

from people.models import Organisation, Participant

from .attendance import Attendance, AttendanceChange
from .calendar import CalendarFeed, CalendarInvite, InviteRun
from .enrolments import Enrolment, EnrolmentEvent, ProgressionException
from .gatherings import Gathering, Quota, Session
from .messaging import GatheringMessage

__all__ = [
    "Attendance",
    "AttendanceChange",
    "CalendarFeed",
    "CalendarInvite",
    "Enrolment",
    "EnrolmentEvent",
    "Gathering",
    "GatheringMessage",
    "InviteRun",
    "Organisation",
    "Participant",
    "ProgressionException",
    "Quota",
    "Session",
]

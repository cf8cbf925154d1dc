"""Completion maths: pure, no queries (the caller fetches sessions and attendance).

Rate = attended minutes / scheduled minutes. An *excused* absence is neither attended nor
held against the participant: its minutes leave the denominator. A session with no record
counts as absent. Someone excused from everything has attended nothing and does not complete.
Integer arithmetic, so 80 % of the minutes exactly meets an 80 % threshold. Statuses are
`Attendance.Status` values.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from .models import Attendance

Status = Attendance.Status


@dataclass(frozen=True)
class Completion:
    attended_minutes: int
    scheduled_minutes: int
    excused_minutes: int
    threshold: int  # percent

    @property
    def counted_minutes(self) -> int:
        return self.scheduled_minutes - self.excused_minutes

    @property
    def rate(self) -> Fraction | None:
        if self.counted_minutes <= 0:
            return None
        return Fraction(self.attended_minutes, self.counted_minutes)

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else int(self.rate * 100)

    @property
    def complete(self) -> bool:
        return (
            self.rate is not None
            and self.attended_minutes * 100 >= self.threshold * self.counted_minutes
        )

    @property
    def reason(self):
        """Why not complete, for the coordinator; empty when complete."""
        if self.complete:
            return ""
        if self.rate is None:
            return _("No scheduled time to count: every session was excused or there are none.")
        return _(
            "Attended %(attended)s of %(counted)s minutes (%(percent)s %%); "
            "%(threshold)s %% is needed."
        ) % {
            "attended": self.attended_minutes,
            "counted": self.counted_minutes,
            "percent": self.percent,
            "threshold": self.threshold,
        }


def completion(*, session_minutes: dict, attendance: dict, threshold: int) -> Completion:
    """`session_minutes`: session id → scheduled minutes; `attendance`: session id →
    (status, minutes attended) for the sessions that have a record."""
    attended = excused = 0
    for session_id, minutes in session_minutes.items():
        status, minutes_attended = attendance.get(session_id, (Status.ABSENT, 0))
        if status == Status.EXCUSED:
            excused += minutes
        else:
            attended += min(minutes_attended, minutes)
    return Completion(
        attended_minutes=attended,
        scheduled_minutes=sum(session_minutes.values()),
        excused_minutes=excused,
        threshold=threshold,
    )

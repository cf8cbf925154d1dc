"""Attendance: marking by coordinators, self check-in by rotating QR code, changes afterwards.

Each write runs in one transaction and locks the attendance row it changes, so two taps at
the door (or a tap and a QR scan) end in one record.
"""

import base64
import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website import policy
from website.audit import audit_record
from website.models import AuditEntry
from website.parsing import whole_number
from website.rules import REASON_MESSAGES, RuleError, reason_problem

from ..models import Attendance, AttendanceChange, Enrolment, Session

Status = Attendance.Status
TOKEN_SECONDS = 60  # the QR code on the screen changes every minute
TOKEN_GRACE_WINDOWS = 1  # the previous minute's code still works, for slow phones

ERRORS = {
    "bad_status": _("Choose present, late, left early, absent or excused absence."),
    "not_confirmed": _("Only participants with a confirmed seat can be checked in."),
    "other_gathering": _("This session belongs to another gathering."),
    "not_coordinator": _("Only the gathering's coordinators can mark attendance."),
    "bad_minutes": _("Minutes attended must be between 0 and the length of the session."),
    "reason_required": _("The gathering has ended: give a reason for the change."),
    "token_invalid": _("This check-in code is not valid. Scan the code on the screen again."),
    "token_expired": _("This check-in code has expired. Scan the code on the screen again."),
    "outside_window": _("Check-in for this session is not open now."),
    "not_enrolled": _("You do not have a confirmed seat at this gathering."),
}


class AttendanceError(RuleError):
    messages = {**ERRORS, **REASON_MESSAGES}


def default_minutes(*, status: str, session: Session, minutes_late: int = 0) -> int:
    """Present: the whole session; late: the session less the minutes missed; left early:
    the whole session until a coordinator types what it was; absent and excused: none."""
    if status == Status.PRESENT:
        return session.minutes
    if status == Status.LATE:
        return max(0, session.minutes - minutes_late)
    if status == Status.LEFT_EARLY:
        return session.minutes
    return 0


def _write(*, enrolment, session, status, minutes, actor, method, reason, now):
    """Create or change the record; after the gathering, only with a reason, and logged."""
    ended = now >= session.gathering.ends_at
    attendance = (
        Attendance.objects.select_for_update().filter(enrolment=enrolment, session=session).first()
    )
    if attendance and (attendance.status, attendance.minutes_attended) == (status, minutes):
        return attendance, False
    if ended and not reason.strip():
        raise AttendanceError("reason_required")
    if problem := reason_problem(reason):
        raise AttendanceError(**problem)
    before = (attendance.status, attendance.minutes_attended) if attendance else ("", None)
    if attendance is None:
        attendance = Attendance(enrolment=enrolment, session=session)
    attendance.status = status
    attendance.minutes_attended = minutes
    attendance.marked_by = actor
    attendance.marked_at = now
    attendance.method = method
    attendance.save()
    if ended:
        AttendanceChange.objects.create(
            attendance=attendance,
            from_status=before[0],
            to_status=status,
            from_minutes=before[1],
            to_minutes=minutes,
            actor=actor,
            reason=reason.strip(),
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ATTENDANCE_CHANGED,
            participants=[enrolment.participant],
            object_label=f"{session.gathering.title}: {session.title}",
            summary=f"{before[0] or '–'} → {status}",
            reason=reason.strip(),
        )
    return attendance, True


def attendance_mark(
    *,
    enrolment: Enrolment,
    session: Session,
    status: str,
    actor,
    minutes: int | None = None,
    reason: str = "",
    now=None,
) -> Attendance:
    """A coordinator of the gathering marks one participant for one session (one tap)."""
    now = now or timezone.now()
    if status not in Status.values:
        raise AttendanceError("bad_status")
    with transaction.atomic():
        session = Session.objects.select_related("gathering").get(pk=session.pk)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
        if session.gathering_id != enrolment.gathering_id:
            raise AttendanceError("other_gathering")
        if not policy.permits(actor, policy.RUN, session.gathering):
            raise AttendanceError("not_coordinator")
        if enrolment.state != Enrolment.State.CONFIRMED:
            raise AttendanceError("not_confirmed")
        if minutes is None or status not in Attendance.PARTIAL_STATUSES:
            minutes = default_minutes(status=status, session=session)
        if not 0 <= minutes <= session.minutes:
            raise AttendanceError("bad_minutes")
        attendance, _changed = _write(
            enrolment=enrolment,
            session=session,
            status=status,
            minutes=minutes,
            actor=actor,
            method=Attendance.Method.COORDINATOR,
            reason=reason,
            now=now,
        )
        return attendance


def _mac(session_id: int, window: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"checkin:{session_id}:{window}".encode(), hashlib.sha256
    ).digest()
    return base64.b32encode(digest[:10]).decode().rstrip("=").lower()


def checkin_token(*, session: Session, now=None) -> str:
    """The code for the session's QR link in the current minute."""
    now = now or timezone.now()
    window = int(now.timestamp()) // TOKEN_SECONDS
    return f"{window}-{_mac(session.pk, window)}"


def checkin_by_qr(*, session_id: int, token: str, user, now=None) -> tuple[Attendance, bool]:
    """A confirmed participant opens the session's QR link: present, or late after the
    gathering's limit. Returns (attendance, changed); opening it again changes nothing."""
    now = now or timezone.now()
    window_text, _dash, mac = token.partition("-")
    window = whole_number(window_text, max_digits=12)
    # bytes for the comparison, which refuses non-ASCII text
    if window is None or not hmac.compare_digest(mac.encode(), _mac(session_id, window).encode()):
        raise AttendanceError("token_invalid")
    current = int(now.timestamp()) // TOKEN_SECONDS
    if not 0 <= current - window <= TOKEN_GRACE_WINDOWS:
        raise AttendanceError("token_expired")
    with transaction.atomic():
        session = Session.objects.select_related("gathering").filter(pk=session_id).first()
        if session is None:
            raise AttendanceError("token_invalid")
        gathering = session.gathering
        margin = datetime.timedelta(minutes=gathering.checkin_margin_minutes)
        if not session.starts_at - margin <= now <= session.ends_at + margin:
            raise AttendanceError("outside_window")
        enrolment = Enrolment.objects.filter(
            gathering=gathering, participant__user=user, state=Enrolment.State.CONFIRMED
        ).first()
        if enrolment is None:
            raise AttendanceError("not_enrolled")
        existing = Attendance.objects.filter(enrolment=enrolment, session=session).first()
        if existing is not None:
            return existing, False
        minutes_late = max(0, int((now - session.starts_at).total_seconds() // 60))
        late = minutes_late > gathering.late_after_minutes
        status = Status.LATE if late else Status.PRESENT
        return _write(
            enrolment=enrolment,
            session=session,
            status=status,
            minutes=default_minutes(status=status, session=session, minutes_late=minutes_late),
            actor=user,
            method=Attendance.Method.QR,
            reason="",
            now=now,
        )

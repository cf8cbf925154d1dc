"""Attendance: completion maths, marking at the door, changes afterwards, QR self check-in."""

import datetime

import pytest

from cohorts.completion import completion
from cohorts.models import Attendance, AttendanceChange, Session
from cohorts.selectors import enrolment_completion
from cohorts.services import (
    AttendanceError,
    attendance_mark,
    checkin_by_qr,
    checkin_token,
    enrolment_apply,
)
from tests.factories import NOW, make_coordinator, make_gathering, make_participant

pytestmark = pytest.mark.django_db
Status = Attendance.Status


# Completion maths (pure) -----------------------------------------------------------------


def rate(attendance, threshold=80, sessions=None):
    sessions = sessions or {1: 60, 2: 60, 3: 60, 4: 60, 5: 60}
    return completion(session_minutes=sessions, attendance=attendance, threshold=threshold)


def test_attending_everything_completes():
    result = rate({n: ("present", 60) for n in range(1, 6)})
    assert (result.percent, result.complete, result.reason) == (100, True, "")


def test_exactly_the_threshold_completes_and_one_minute_less_does_not():
    exactly = rate({1: ("present", 60), 2: ("present", 60), 3: ("present", 60), 4: ("present", 60)})
    assert exactly.attended_minutes == 240 and exactly.complete  # 240 / 300 = 80 %
    short = rate({1: ("present", 60), 2: ("present", 60), 3: ("present", 60), 4: ("late", 59)})
    assert not short.complete
    assert "239 av 300 minutter" in str(short.reason)


def test_missing_sessions_count_as_absent():
    assert rate({1: ("present", 60)}).percent == 20


def test_excused_minutes_leave_the_denominator_but_are_not_attended():
    result = rate(
        {
            1: ("excused", 0),
            2: ("present", 60),
            3: ("present", 60),
            4: ("present", 60),
            5: ("left_early", 30),
        }
    )
    assert (result.attended_minutes, result.counted_minutes) == (210, 240)
    assert result.complete  # 87.5 %


def test_someone_excused_from_everything_does_not_complete():
    result = rate({n: ("excused", 0) for n in range(1, 6)})
    assert result.rate is None and not result.complete
    assert "Ingen planlagt tid" in str(result.reason)


def test_recorded_minutes_never_exceed_the_session():
    assert rate({1: ("present", 999)}, sessions={1: 60}).attended_minutes == 60


# Marking ----------------------------------------------------------------------------------


@pytest.fixture
def day(organisations):
    """A gathering today with two sessions, its coordinator and one confirmed participant."""
    gathering = make_gathering(
        organisations,
        starts_at=NOW - datetime.timedelta(hours=1),
        ends_at=NOW + datetime.timedelta(hours=6),
        enrolment_opens_at=NOW - datetime.timedelta(days=20),
        enrolment_closes_at=NOW - datetime.timedelta(days=2),
    )
    morning = Session.objects.create(
        gathering=gathering,
        title="Morgen",
        starts_at=NOW - datetime.timedelta(minutes=30),
        ends_at=NOW + datetime.timedelta(minutes=60),
    )
    afternoon = Session.objects.create(
        gathering=gathering,
        title="Ettermiddag",
        starts_at=NOW + datetime.timedelta(hours=3),
        ends_at=NOW + datetime.timedelta(hours=4),
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["BAR"])
    enrolment = enrolment_apply(
        participant=participant,
        gathering=gathering,
        organisation=organisations["BAR"],
        now=NOW - datetime.timedelta(days=5),
    )
    return {
        "gathering": gathering,
        "morning": morning,
        "afternoon": afternoon,
        "coordinator": coordinator,
        "participant": participant,
        "enrolment": enrolment,
    }


def test_any_coordinator_of_the_gathering_marks_everyone_there(day):
    attendance = attendance_mark(
        enrolment=day["enrolment"],
        session=day["morning"],
        status=Status.PRESENT,
        actor=day["coordinator"],
    )
    assert (attendance.status, attendance.minutes_attended, attendance.method) == (
        "present",
        90,
        "coordinator",
    )


def test_a_coordinator_not_on_the_gathering_cannot_mark(day, organisations):
    outsider = make_coordinator(organisations["BAR"])
    with pytest.raises(AttendanceError) as error:
        attendance_mark(
            enrolment=day["enrolment"],
            session=day["morning"],
            status=Status.PRESENT,
            actor=outsider,
        )
    assert error.value.code == "not_coordinator"
    assert not Attendance.objects.exists()


def test_late_and_left_early_take_typed_minutes_within_the_session(day):
    late = attendance_mark(
        enrolment=day["enrolment"],
        session=day["morning"],
        status=Status.LATE,
        minutes=70,
        actor=day["coordinator"],
    )
    assert late.minutes_attended == 70
    with pytest.raises(AttendanceError) as error:
        attendance_mark(
            enrolment=day["enrolment"],
            session=day["morning"],
            status=Status.LEFT_EARLY,
            minutes=91,
            actor=day["coordinator"],
        )
    assert error.value.code == "bad_minutes"
    assert Attendance.objects.get().minutes_attended == 70


def test_marking_twice_leaves_one_record(day):
    for _ in range(2):
        attendance_mark(
            enrolment=day["enrolment"],
            session=day["morning"],
            status=Status.PRESENT,
            actor=day["coordinator"],
        )
    assert Attendance.objects.count() == 1


def test_changes_after_the_gathering_need_a_reason_and_are_logged(day):
    attendance_mark(
        enrolment=day["enrolment"],
        session=day["morning"],
        status=Status.ABSENT,
        actor=day["coordinator"],
    )
    after = day["gathering"].ends_at + datetime.timedelta(days=1)
    with pytest.raises(AttendanceError) as error:
        attendance_mark(
            enrolment=day["enrolment"],
            session=day["morning"],
            status=Status.EXCUSED,
            actor=day["coordinator"],
            now=after,
        )
    assert error.value.code == "reason_required"
    attendance_mark(
        enrolment=day["enrolment"],
        session=day["morning"],
        status=Status.EXCUSED,
        actor=day["coordinator"],
        reason="Sykemelding levert",
        now=after,
    )
    change = AttendanceChange.objects.get()
    assert (change.from_status, change.to_status, change.reason) == (
        "absent",
        "excused",
        "Sykemelding levert",
    )


def test_completion_of_an_enrolment_uses_its_sessions(day):
    attendance_mark(
        enrolment=day["enrolment"],
        session=day["morning"],
        status=Status.PRESENT,
        actor=day["coordinator"],
    )
    result = enrolment_completion(day["enrolment"])
    assert (result.attended_minutes, result.scheduled_minutes, result.complete) == (90, 150, False)


# QR self check-in --------------------------------------------------------------------------


def test_a_participant_checks_in_by_qr_once(day):
    user = day["participant"].user
    token = checkin_token(session=day["morning"], now=NOW)
    attendance, changed = checkin_by_qr(
        session_id=day["morning"].pk, token=token, user=user, now=NOW
    )
    assert changed and attendance.method == "qr" and attendance.marked_by == user
    again, changed = checkin_by_qr(session_id=day["morning"].pk, token=token, user=user, now=NOW)
    assert not changed and again.pk == attendance.pk


def test_a_qr_check_in_after_the_limit_is_late_with_fewer_minutes(day):
    # The morning session started 30 minutes before NOW; the limit is 10 minutes.
    attendance, _changed = checkin_by_qr(
        session_id=day["morning"].pk,
        token=checkin_token(session=day["morning"], now=NOW),
        user=day["participant"].user,
        now=NOW,
    )
    assert attendance.status == "late"
    assert attendance.minutes_attended == 90 - 30


def test_the_code_changes_every_minute_and_a_stale_one_is_refused(day):
    first = checkin_token(session=day["morning"], now=NOW)
    later = NOW + datetime.timedelta(seconds=60)
    assert checkin_token(session=day["morning"], now=later) != first
    with pytest.raises(AttendanceError) as error:
        checkin_by_qr(
            session_id=day["morning"].pk,
            token=first,
            user=day["participant"].user,
            now=NOW + datetime.timedelta(minutes=3),
        )
    assert error.value.code == "token_expired"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("tamper", ["mac", "other_session"])
def test_a_forged_or_foreign_code_is_refused(day, tamper):
    token = checkin_token(session=day["morning"], now=NOW)
    if tamper == "mac":
        token = token[:-3] + "aaa"
        session_id = day["morning"].pk
    else:
        session_id = day["afternoon"].pk
    with pytest.raises(AttendanceError) as error:
        checkin_by_qr(session_id=session_id, token=token, user=day["participant"].user, now=NOW)
    assert error.value.code == "token_invalid"
    assert not Attendance.objects.exists()


def test_a_code_outside_the_sessions_window_is_refused(day):
    with pytest.raises(AttendanceError) as error:
        checkin_by_qr(
            session_id=day["afternoon"].pk,
            token=checkin_token(session=day["afternoon"], now=NOW),
            user=day["participant"].user,
            now=NOW,
        )
    assert error.value.code == "outside_window"
    assert str(error.value.message) == "Innsjekking til denne økten er ikke åpen nå."


def test_someone_without_a_confirmed_seat_cannot_check_in(day, organisations):
    stranger = make_participant(organisations["MHU"])
    with pytest.raises(AttendanceError) as error:
        checkin_by_qr(
            session_id=day["morning"].pk,
            token=checkin_token(session=day["morning"], now=NOW),
            user=stranger.user,
            now=NOW,
        )
    assert error.value.code == "not_enrolled"
    assert not Attendance.objects.exists()


def test_an_unknown_status_is_refused_and_changes_nothing(day):
    with pytest.raises(AttendanceError) as error:
        attendance_mark(
            enrolment=day["enrolment"],
            session=day["morning"],
            status="sovnet",
            actor=day["coordinator"],
        )
    assert error.value.code == "bad_status"
    assert not Attendance.objects.exists()

"""Who counts as "here": one constant on the model (`Attendance.PRESENT_STATUSES`), read by the
check-in count and the attendance report alike."""

import datetime

import pytest

from cohorts.models import Attendance, Session
from cohorts.selectors import attendance_report
from cohorts.services import attendance_mark, enrolment_apply
from tests.factories import (
    NOW,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)

pytestmark = pytest.mark.django_db
Status = Attendance.Status


def test_present_late_and_left_early_count_as_here_absent_and_excused_do_not():
    assert set(Attendance.PRESENT_STATUSES) == {Status.PRESENT, Status.LATE, Status.LEFT_EARLY}
    assert set(Attendance.PARTIAL_STATUSES) == {Status.LATE, Status.LEFT_EARLY}


@pytest.fixture
def one_of_each(organisations):
    """A session going on now, with one confirmed participant marked with each status."""
    gathering = make_gathering(
        organisations,
        starts_at=NOW - datetime.timedelta(hours=1),
        ends_at=NOW + datetime.timedelta(hours=5),
        enrolment_opens_at=NOW - datetime.timedelta(days=20),
        enrolment_closes_at=NOW - datetime.timedelta(days=1),
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Økt",
        starts_at=NOW - datetime.timedelta(minutes=5),
        ends_at=NOW + datetime.timedelta(minutes=85),
    )
    mhu = organisations["MHU"]
    coordinator = make_coordinator(mhu)
    gathering.coordinators.add(coordinator)
    for status in Status.values:
        enrolment = enrolment_apply(
            participant=make_participant(mhu),
            gathering=gathering,
            organisation=mhu,
            now=NOW - datetime.timedelta(days=10),
        )
        attendance_mark(enrolment=enrolment, session=session, status=status, actor=coordinator)
    return {"gathering": gathering, "session": session, "coordinator": coordinator}


def test_the_report_and_the_check_in_page_count_the_same_statuses(client, one_of_each):
    here = len(Attendance.PRESENT_STATUSES)
    assert here < len(Status.values)  # absent and excused are marked but not here
    assert attendance_report(gathering=one_of_each["gathering"])["per_session"] == [here]
    log_in_with_admin_access(client, one_of_each["coordinator"])
    url = f"/admin/pameldinger/{one_of_each['gathering'].pk}/innsjekk/"
    assert f"{here} av {len(Status.values)} her" in client.get(url).content.decode()

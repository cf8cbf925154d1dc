"""The demo's dates are relative to the day it is loaded: whatever the day, one gathering is
finished (with attendance and certificates), one under way (with attendance so far), one open
for applications, one full with a waiting list and a network gathering open to members, and
every enrolment's history runs forwards in time and ends before now."""

import datetime
import io

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

SEASONS = ("våren", "sommeren", "høsten", "vinteren")


def load(today=None):
    from demo import loader

    loader.load(stdout=io.StringIO(), today=today)


def now_for(today):
    from demo.timeline import Clock

    return Clock.for_day(today).now


def gatherings_by_what_they_show():
    from cohorts.models import Gathering
    from demo import content

    return {
        spec["shows"]: Gathering.objects.get(slug=spec["slug"])
        for spec in content.gatherings()["gatherings"]
    }


def is_open(gathering, now):
    return (
        gathering.status == "published"
        and gathering.enrolment_opens_at <= now < gathering.enrolment_closes_at
        and now < gathering.starts_at
    )


def assert_the_four_kinds_of_gathering(now):
    from cohorts.models import Attendance, Enrolment
    from cohorts.selectors import seat_counts

    shows = gatherings_by_what_they_show()
    assert set(shows) == {"finished", "under_way", "open", "full", "network"}

    # The network gathering (issue 18): open, for the network's members, no course's.
    network = shows["network"]
    assert network.kind == "network" and network.course is None
    assert is_open(network, now)

    finished = shows["finished"]
    assert finished.status == "completed" and finished.ends_at < now
    confirmed = finished.enrolments.filter(state=Enrolment.State.CONFIRMED)
    assert confirmed.count() == 8
    assert Attendance.objects.filter(session__gathering=finished).count() == (
        confirmed.count() * finished.sessions.count()
    )
    certificates = [c for e in confirmed for c in e.certificates.all()]
    assert len(certificates) == 7  # one did not complete
    assert [c.holder_name for c in certificates if c.revoked_at] == ["Mats Solberg"]
    for certificate in certificates:
        assert finished.ends_at < certificate.issued_at <= now
        assert certificate.revoked_at is None or certificate.issued_at < certificate.revoked_at
        assert certificate.revoked_at is None or certificate.revoked_at <= now

    under_way = shows["under_way"]
    assert under_way.status == "published"
    assert under_way.starts_at <= now < under_way.ends_at
    assert not is_open(under_way, now)
    sessions = list(under_way.sessions.order_by("starts_at"))
    ended = [s for s in sessions if s.ends_at <= now]
    assert ended and len(ended) < len(sessions)
    people = under_way.enrolments.filter(state=Enrolment.State.CONFIRMED).count()
    assert people == 5
    for session in sessions:
        marked = Attendance.objects.filter(session=session).count()
        assert marked == (people if session in ended else 0), session.title

    open_ = shows["open"]
    assert is_open(open_, now) and open_.admission_mode == "application"
    assert seat_counts(open_).seats_left > 0
    assert open_.enrolments.filter(state=Enrolment.State.APPLIED).exists()

    full = shows["full"]
    assert is_open(full, now)
    assert seat_counts(full).seats_left == 0
    assert full.enrolments.filter(state=Enrolment.State.WAITLISTED).count() == 2
    pending = full.enrolments.get(state=Enrolment.State.GUARDIAN_PENDING)
    assert pending.offer_expires_at > now  # the guardian still has time


def assert_time_runs_forwards(now):
    from cohorts.models import Attendance, CalendarInvite, Enrolment, ProgressionException
    from website.models import OutboxMessage

    for enrolment in Enrolment.objects.select_related("gathering"):
        gathering = enrolment.gathering
        assert gathering.enrolment_opens_at <= enrolment.applied_at < gathering.enrolment_closes_at
        moments = [
            enrolment.applied_at,
            enrolment.waitlisted_at,
            enrolment.offered_at,
            enrolment.guardian_confirmed_at,
            enrolment.confirmed_at,
        ]
        moments = [m for m in moments if m is not None]
        assert moments == sorted(moments), enrolment
        assert moments[-1] <= now
        events = list(enrolment.events.order_by("pk").values_list("created_at", flat=True))
        assert events[0] == enrolment.applied_at
        assert events == sorted(events) and events[-1] <= now, enrolment
        if enrolment.confirmed_at:
            assert events[-1] == enrolment.confirmed_at
    for attendance in Attendance.objects.select_related("session__gathering"):
        session = attendance.session
        assert session.starts_at <= attendance.marked_at <= min(now, session.gathering.ends_at)
    for exception in ProgressionException.objects.all():
        enrolments = exception.participant.enrolments.filter(gathering__level=exception.level)
        assert enrolments.exists()
        assert all(exception.granted_at <= e.applied_at for e in enrolments)
    assert not CalendarInvite.objects.filter(created_at__gt=now).exists()
    assert not OutboxMessage.objects.filter(created_at__gt=now).exists()
    assert not OutboxMessage.objects.exclude(state="sent").exists()


def assert_titles_match_the_dates():
    from cohorts.models import Gathering
    from demo.timeline import MONTHS_NB

    for gathering in Gathering.objects.all():
        starts = timezone.localtime(gathering.starts_at)
        assert gathering.title.endswith(f", {MONTHS_NB[starts.month - 1]} {starts.year}")
        assert gathering.year == starts.year
        assert not any(season in gathering.title for season in SEASONS)


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 11, 30),  # the day the issue was written
        datetime.date(2028, 2, 29),  # a leap day (birthdays)
        datetime.date(2027, 3, 28),  # summer time starts (Europe/Oslo)
        datetime.date(2031, 7, 1),
    ],
)
def test_the_story_holds_whatever_day_the_demo_is_loaded(today):
    load(today)
    now = now_for(today)
    assert_the_four_kinds_of_gathering(now)
    assert_time_runs_forwards(now)
    assert_titles_match_the_dates()


def test_loaded_today_the_site_shows_the_open_gathering_and_the_one_under_way(client):
    from cohorts.models import Enrolment

    load()
    now = timezone.now()
    assert_the_four_kinds_of_gathering(now)
    assert_time_runs_forwards(now)
    shows = gatherings_by_what_they_show()
    listing = client.get("/samlinger/").content.decode()
    for kind in ("open", "full"):
        assert shows[kind].title in listing
        page = client.get(shows[kind].get_absolute_url())
        assert page.status_code == 200
    # The newcomer's view: someone new to the programme may apply to the full gathering
    # (and lands on its waiting list).
    from cohorts.services import application_blocker
    from people.models import Participant

    nora = Participant.objects.get(user__email="nora@medvirk.localhost")
    assert Enrolment.objects.filter(participant=nora, gathering=shows["full"]).exists()
    ola = Participant.objects.get(user__email="ola@medvirk.localhost")
    assert application_blocker(participant=ola, gathering=shows["open"]) is not None  # level 1
    sander = Participant.objects.get(user__email="sander@medvirk.localhost")
    assert application_blocker(participant=sander, gathering=shows["full"]) is None


def test_a_clock_refuses_data_that_puts_the_past_in_the_future():
    from demo.timeline import Clock

    clock = Clock.for_day(datetime.date(2026, 11, 30))
    assert clock.past({"day": -1, "time": "10:00"}) < clock.now
    with pytest.raises(ValueError, match="future"):
        clock.past({"day": 1, "time": "10:00"})

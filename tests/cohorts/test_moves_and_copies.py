"""Issue 16's services: moving an application to another gathering (the target's rules checked
again, both histories kept), a bulk decision's dry run, and copying a gathering for next year."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Enrolment, Gathering
from cohorts.selectors import seat_counts
from cohorts.services import (
    OUTCOME_CONFIRMED,
    OUTCOME_GUARDIAN,
    OUTCOME_NO_SEAT,
    OUTCOME_WRONG_STATE,
    EnrolmentError,
    GatheringError,
    enrolment_apply,
    enrolment_decide_many,
    enrolment_decide_preview,
    enrolment_transfer,
    gathering_duplicate,
    gathering_duplicate_slug,
)
from tests.factories import NOW, add_sessions, make_coordinator, make_gathering, make_participant
from tests.helpers import run_concurrently

State = Enrolment.State


def _apply(gathering, organisation, **kwargs):
    return enrolment_apply(
        participant=make_participant(organisation, **kwargs),
        gathering=gathering,
        organisation=organisation,
    )


# --- Moving an application ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_confirmed_seat_moves_with_both_histories_and_the_freed_seat_goes_onwards(
    organisations,
):
    mhu = organisations["MHU"]
    old = make_gathering(organisations, capacity=1, quotas=(0, 0, 0), title="Vår")
    target = make_gathering(organisations, title="Høst")
    coordinator = make_coordinator(mhu)
    moving = _apply(old, mhu)
    waiting = _apply(old, mhu)
    assert (moving.state, waiting.state) == (State.CONFIRMED, State.WAITLISTED)

    new = enrolment_transfer(enrolment=moving, gathering=target, actor=coordinator, reason="Syk")

    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.state == State.CANCELLED
    assert new.gathering == target and new.state == State.CONFIRMED
    assert new.organisation == mhu and new.participant == moving.participant
    assert waiting.state == State.OFFERED  # the seat left behind is offered at once
    old_event = moving.events.last()
    new_event = new.events.get()
    assert old_event.reason == "Flyttet til Høst: Syk" and old_event.actor == coordinator
    assert new_event.reason == "Flyttet fra Vår: Syk" and new_event.actor == coordinator


@pytest.mark.django_db
def test_an_under_18_moved_with_a_seat_waits_for_the_guardian_again(organisations):
    mhu = organisations["MHU"]
    old = make_gathering(organisations)
    target = make_gathering(organisations)
    young = _apply(old, mhu, age=16)
    Enrolment.objects.filter(pk=young.pk).update(
        state=State.CONFIRMED, guardian_confirmed_at=timezone.now()
    )
    young.refresh_from_db()
    new = enrolment_transfer(
        enrolment=young, gathering=target, actor=make_coordinator(mhu), reason="Datoer"
    )
    assert new.state == State.GUARDIAN_PENDING and new.guardian_confirmed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "setup, code",
    [
        ("full", "no_seat"),
        ("duplicate", "duplicate"),
        ("level", "missing_level_new"),
        ("draft", "target_closed"),
        ("other_organisation", "target_not_yours"),
        ("same", "same_gathering"),
        ("no_reason", "reason_required"),
    ],
)
def test_a_refused_move_says_why_and_changes_nothing(organisations, setup, code):
    mhu, bar = organisations["MHU"], organisations["BAR"]
    old = make_gathering(organisations)
    target_fields = {
        "full": {"capacity": 1, "quotas": (0, 0, 0)},
        "level": {"level": "advanced"},
        "draft": {"status": "draft"},
    }.get(setup, {})
    target = make_gathering(organisations, **target_fields)
    enrolment = _apply(old, mhu)
    coordinator = make_coordinator(mhu)
    if setup == "full":
        _apply(target, mhu)
    if setup == "duplicate":
        enrolment_apply(participant=enrolment.participant, gathering=target, organisation=mhu)
    if setup == "other_organisation":
        target = make_gathering(organisations, quotas=(0, 0, 0))
        target.quotas.all().delete()
        _apply(target, bar)  # BAR's, with nothing of MHU's: not visible to MHU's coordinator
    if setup == "same":
        target = old
    before = list(Enrolment.objects.order_by("pk").values_list("pk", "state", "gathering"))
    with pytest.raises(EnrolmentError) as refused:
        enrolment_transfer(
            enrolment=enrolment,
            gathering=target,
            actor=coordinator,
            reason="" if setup == "no_reason" else "Flytting",
        )
    assert refused.value.code == code
    assert str(refused.value.message)
    assert list(Enrolment.objects.order_by("pk").values_list("pk", "state", "gathering")) == before


@pytest.mark.django_db
def test_a_level_exception_lets_the_move_through(organisations):
    from cohorts.models import ProgressionException

    mhu = organisations["MHU"]
    old = make_gathering(organisations)
    target = make_gathering(organisations, level="advanced")
    enrolment = _apply(old, mhu)
    ProgressionException.objects.create(
        participant=enrolment.participant, level="advanced", reason="Erfaren"
    )
    new = enrolment_transfer(
        enrolment=enrolment, gathering=target, actor=make_coordinator(mhu), reason="Nivå"
    )
    assert new.state == State.CONFIRMED


@pytest.mark.django_db
def test_another_organisations_coordinator_cannot_move_the_application(organisations):
    old = make_gathering(organisations)
    target = make_gathering(organisations)
    enrolment = _apply(old, organisations["MHU"])
    with pytest.raises(EnrolmentError) as refused:
        enrolment_transfer(
            enrolment=enrolment,
            gathering=target,
            actor=make_coordinator(organisations["BAR"]),
            reason="Nei",
        )
    assert refused.value.code == "not_coordinator"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("postgres-rush")
def test_a_move_and_an_application_racing_for_the_last_seat_give_it_once(organisations):
    mhu = organisations["MHU"]
    for _round in range(5):
        old = make_gathering(organisations)
        target = make_gathering(organisations, capacity=1, quotas=(0, 0, 0), has_waiting_list=False)
        moving = _apply(old, mhu)
        coordinator = make_coordinator(mhu)
        applicant = make_participant(mhu)
        results = run_concurrently(
            [
                lambda m=moving, t=target, c=coordinator: enrolment_transfer(
                    enrolment=m, gathering=t, actor=c, reason="Plass"
                ),
                lambda a=applicant, t=target: enrolment_apply(
                    participant=a, gathering=t, organisation=mhu
                ),
            ]
        )
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(refused) == 1, results
        assert refused[0].code in ("no_seat", "full")
        assert seat_counts(target).total_held == 1
        moving.refresh_from_db()
        if isinstance(results[0], Exception):
            assert moving.state == State.CONFIRMED and moving.gathering == old
        else:
            assert moving.state == State.CANCELLED


# --- A bulk decision's dry run -------------------------------------------------------------


@pytest.mark.django_db
def test_the_preview_says_what_the_bulk_decision_then_does(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(
        organisations, capacity=3, quotas=(1, 0, 0), mode="application", has_waiting_list=True
    )
    adults = [_apply(gathering, mhu) for _ in range(2)]
    minor = _apply(gathering, mhu, age=16)
    late = _apply(gathering, mhu)
    confirmed = _apply(gathering, organisations["BAR"])
    Enrolment.objects.filter(pk=confirmed.pk).update(state=State.CONFIRMED)
    confirmed.refresh_from_db()
    chosen = [late, confirmed, minor, *adults]  # any order: both take them first come first

    preview = enrolment_decide_preview(enrolments=chosen, decision="accept")

    assert [(e.pk, outcome) for e, outcome in preview] == [
        (adults[0].pk, OUTCOME_CONFIRMED),  # MHU's quota seat
        (adults[1].pk, OUTCOME_CONFIRMED),  # the last pool seat (BAR holds the other)
        (minor.pk, OUTCOME_NO_SEAT),
        (late.pk, OUTCOME_NO_SEAT),
        (confirmed.pk, OUTCOME_WRONG_STATE),
    ]
    done, refused = enrolment_decide_many(
        enrolments=[e for e, outcome in preview if outcome != OUTCOME_WRONG_STATE],
        decision="accept",
        actor=make_coordinator(mhu),
    )
    assert [e.pk for e in done] == [e.pk for e, o in preview if o == OUTCOME_CONFIRMED]
    assert [e.pk for e, _m in refused] == [e.pk for e, o in preview if o == OUTCOME_NO_SEAT]


@pytest.mark.django_db
def test_the_preview_holds_an_under_18s_seat_for_the_guardian(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, capacity=5, mode="application")
    adult = _apply(gathering, mhu)
    minor = _apply(gathering, mhu, age=16)
    preview = dict(enrolment_decide_preview(enrolments=[minor, adult], decision="accept"))
    assert preview == {adult: OUTCOME_CONFIRMED, minor: OUTCOME_GUARDIAN}
    enrolment_decide_many(enrolments=[minor, adult], decision="accept", actor=make_coordinator(mhu))
    minor.refresh_from_db()
    adult.refresh_from_db()
    assert (adult.state, minor.state) == (State.CONFIRMED, State.GUARDIAN_PENDING)


@pytest.mark.django_db
def test_the_preview_writes_nothing(organisations, django_assert_max_num_queries):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, mode="application")
    chosen = [_apply(gathering, mhu) for _ in range(5)]
    chosen = list(
        Enrolment.objects.select_related("participant", "gathering").filter(
            pk__in=[e.pk for e in chosen]
        )
    )
    with django_assert_max_num_queries(2):  # the seats once: quotas and seats held
        enrolment_decide_preview(enrolments=chosen, decision="accept")
    assert set(Enrolment.objects.values_list("state", flat=True)) == {State.APPLIED}


# --- Copying a gathering for next year ------------------------------------------------------


@pytest.mark.django_db
def test_a_copy_for_next_year_has_the_timetable_quotas_and_settings_as_a_draft(organisations):
    starts = timezone.make_aware(datetime.datetime(NOW.year + 1, 3, 20, 9, 0))
    year = NOW.year + 1
    gathering = make_gathering(
        organisations,
        title=f"Samling for nye {year}",
        slug=f"nye-{year}",
        year=year,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=2),
        enrolment_opens_at=NOW - datetime.timedelta(days=1),
        enrolment_closes_at=starts - datetime.timedelta(days=10),
        capacity=24,
        offer_deadline_hours=72,
    )
    add_sessions(gathering, count=2)
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    _apply(gathering, organisations["MHU"])
    new_start = timezone.localtime(starts).date() + datetime.timedelta(weeks=52)
    slug = gathering_duplicate_slug(gathering, year + 1)
    assert slug == f"nye-{year + 1}"

    copy = gathering_duplicate(gathering=gathering, starts_on=new_start, slug=slug)

    assert copy.pk != gathering.pk
    assert (copy.slug, copy.year, copy.title) == (
        f"nye-{year + 1}",
        year + 1,
        f"Samling for nye {year + 1}",
    )
    assert copy.status == Gathering.Status.DRAFT
    assert copy.enrolments.count() == 0
    assert (copy.capacity, copy.offer_deadline_hours, copy.venue_name) == (
        24,
        72,
        gathering.venue_name,
    )
    assert sorted(copy.quotas.values_list("organisation__short_code", "seats")) == sorted(
        gathering.quotas.values_list("organisation__short_code", "seats")
    )
    assert list(copy.coordinators.all()) == [coordinator]
    local = timezone.localtime
    assert local(copy.starts_at).date() == new_start
    assert local(copy.starts_at).time() == local(gathering.starts_at).time()
    days = (new_start - local(gathering.starts_at).date()).days
    for name in ("ends_at", "enrolment_opens_at", "enrolment_closes_at"):
        old, new = local(getattr(gathering, name)), local(getattr(copy, name))
        assert (new.date() - old.date()).days == days and new.time() == old.time(), name
    old_sessions = list(gathering.sessions.order_by("starts_at"))
    new_sessions = list(copy.sessions.order_by("starts_at"))
    assert [s.title for s in new_sessions] == [s.title for s in old_sessions]
    for old, new in zip(old_sessions, new_sessions, strict=True):
        assert local(new.starts_at).time() == local(old.starts_at).time()
        assert (local(new.starts_at).date() - local(old.starts_at).date()).days == days


@pytest.mark.django_db
def test_a_copy_keeps_the_time_of_day_across_summer_time(organisations):
    starts = timezone.make_aware(datetime.datetime(2026, 1, 10, 9, 0))
    gathering = make_gathering(
        organisations, starts_at=starts, ends_at=starts + datetime.timedelta(hours=8)
    )
    copy = gathering_duplicate(
        gathering=gathering, starts_on=datetime.date(2026, 6, 10), slug="sommer"
    )
    copy.refresh_from_db()
    assert timezone.localtime(copy.starts_at).hour == 9
    utc = datetime.UTC
    moved = copy.starts_at.astimezone(utc) - gathering.starts_at.astimezone(utc)
    assert moved == datetime.timedelta(days=151, hours=-1)  # summer time: an hour less


@pytest.mark.django_db
def test_a_copy_with_a_taken_address_is_refused(organisations):
    gathering = make_gathering(organisations)
    with pytest.raises(GatheringError) as refused:
        gathering_duplicate(gathering=gathering, starts_on=NOW.date(), slug=gathering.slug)
    assert refused.value.code == "slug_taken"
    assert Gathering.objects.count() == 1

"""A lean application path (issue 20): few queries, one e-mail per event, the user loaded once.

The budgets count the statements the database runs for one application — everything but
the transaction's own BEGIN/COMMIT (SAVEPOINT/RELEASE inside a test) — plus the one task
insert that wakes the outbox's sender after commit (one per transaction, however many
messages it wrote).
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import Enrolment
from cohorts.services import enrolment_apply
from tests.factories import make_gathering, make_participant
from website.models import OutboxMessage

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")

# The waiting list (or an application for review): 7 statements and the sender's task.
BUDGET_WAITING_LIST = 8
# A seat: 4 more for its calendar invite, written in the same transaction (the sessions; the
# invite; its e-mail; the link). The organiser and whether the person holds an invite yet come
# with the membership check before the lock; the latest invite is read only if they do.
BUDGET_SEAT = 12
# The POST of the form adds the session, the user, the gathering, the participant and the
# organisation chosen (the form's own check).
BUDGET_HTTP_SEAT = BUDGET_SEAT + 5


def statements(captured):
    return [q["sql"] for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL)]


def apply_through_mhu(on_commit, participant, gathering, organisations):
    """The participant applies through MHU, and what the application queued on commit runs."""
    return on_commit(
        enrolment_apply,
        participant=participant,
        gathering=gathering,
        organisation=organisations["MHU"],
    )


def apply_counted(django_capture_on_commit_callbacks, **kwargs):
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        enrolment = enrolment_apply(**kwargs)
    return enrolment, statements(captured), callbacks


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("capacity", "state", "budget"),
    [
        (20, Enrolment.State.CONFIRMED, BUDGET_SEAT),
        (0, Enrolment.State.WAITLISTED, BUDGET_WAITING_LIST),
    ],
)
def test_an_application_stays_within_its_query_budget(
    organisations, django_capture_on_commit_callbacks, capacity, state, budget
):
    gathering = make_gathering(organisations, capacity=capacity, quotas=(min(capacity, 6),) * 3)
    participant = make_participant(organisations["BAR"])
    enrolment, queries, callbacks = apply_counted(
        django_capture_on_commit_callbacks,
        participant=participant,
        gathering=gathering,
        organisation=organisations["BAR"],
    )
    assert enrolment.state == state
    assert len(callbacks) == 1  # the sender is queued once, for the e-mail (and the invite)
    assert len(queries) + len(callbacks) <= budget, "\n".join(queries)


@pytest.mark.django_db
def test_the_application_form_loads_the_user_once(
    organisations, client, django_capture_on_commit_callbacks
):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["LFB"])
    client.force_login(participant.user)
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        response = client.post(
            f"/samlinger/{gathering.slug}/pamelding/",
            {"organisation": organisations["LFB"].pk, "motivation": "Jeg vil lære"},
        )
    assert response.status_code == 302
    queries = statements(captured)
    users = [q for q in queries if 'FROM "website_user"' in q and "INNER JOIN" not in q]
    assert len(users) == 1, "\n".join(users)  # the request's (the organiser is a join)
    assert len(queries) + len(callbacks) <= BUDGET_HTTP_SEAT, "\n".join(queries)


@pytest.mark.django_db
def test_an_application_straight_to_the_waiting_list_sends_one_email_that_says_so(
    organisations, on_commit
):
    gathering = make_gathering(organisations, capacity=0, quotas=(0, 0, 0))
    participant = make_participant(organisations["MHU"])
    enrolment = apply_through_mhu(on_commit, participant, gathering, organisations)
    kinds = list(
        OutboxMessage.objects.filter(key__startswith=f"enrolment:{enrolment.pk}:").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["enrolment_waitlisted"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Søknaden er mottatt: du står på venteliste til {gathering.title}"
    assert "Vi har mottatt søknaden din til" in message.body
    assert "Mental Helse Ungdom" in message.body
    assert "venteliste som nummer 1" in message.body


@pytest.mark.django_db
def test_an_application_with_a_seat_sends_one_email_and_the_calendar_invite(
    organisations, on_commit
):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    participant.language = "en"
    participant.save()
    enrolment = apply_through_mhu(on_commit, participant, gathering, organisations)
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == ["calendar_invite", "enrolment_confirmed"]
    (confirmation,) = [m for m in mail.outbox if "confirmed" in m.subject]
    assert "We have received your application to" in confirmation.body
    assert "Your seat is confirmed" in confirmation.body
    assert enrolment.state == Enrolment.State.CONFIRMED


@pytest.mark.django_db
def test_a_seat_given_later_still_reads_as_the_outcome_of_an_earlier_application(
    organisations, on_commit
):
    """An application for review gets its receipt; a seat given later says only that."""
    from cohorts.services import enrolment_decide
    from tests.factories import make_coordinator

    gathering = make_gathering(organisations, mode="application")
    participant = make_participant(organisations["MHU"])
    enrolment = apply_through_mhu(on_commit, participant, gathering, organisations)
    coordinator = make_coordinator(organisations["MHU"])
    on_commit(enrolment_decide, enrolment=enrolment, decision="accept", actor=coordinator)
    subjects = [m.subject for m in mail.outbox]
    assert any("mottatt" in s.lower() for s in subjects), subjects
    (confirmation,) = [m for m in mail.outbox if "bekreftet" in m.subject]
    assert "Velkommen! Plassen din på" in confirmation.body
    assert "Vi har mottatt søknaden din" not in confirmation.body


@pytest.mark.django_db
def test_a_seat_costs_the_same_queries_however_big_the_gathering(
    organisations, django_capture_on_commit_callbacks
):
    """The first seat of a small gathering and the 31st of one with 12 sessions and three
    coordinators: the same statements (nothing is read per session, seat or coordinator)."""
    from cohorts.models import Session
    from cohorts.selectors import invites_due_count
    from tests.factories import make_coordinator

    counts = []
    for sessions, coordinators, taken in [(0, 0, 0), (12, 3, 30)]:
        gathering = make_gathering(organisations, capacity=60, quotas=(18, 18, 18))
        for n in range(sessions):
            start = gathering.starts_at + timedelta(hours=n)
            Session.objects.create(
                gathering=gathering,
                title=f"Økt {n}",
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
            )
        for _n in range(coordinators):
            gathering.coordinators.add(make_coordinator(organisations["MHU"]))
        for _n in range(taken):
            enrolment_apply(
                participant=make_participant(organisations["MHU"]),
                gathering=gathering,
                organisation=organisations["MHU"],
            )
        enrolment, queries, callbacks = apply_counted(
            django_capture_on_commit_callbacks,
            participant=make_participant(organisations["BAR"]),
            gathering=gathering,
            organisation=organisations["BAR"],
        )
        assert enrolment.state == Enrolment.State.CONFIRMED
        counts.append(len(queries) + len(callbacks))
        # The organiser read before the lock is the one the invites page compares with:
        # nobody's invite is out of date.
        assert invites_due_count(gathering) == 0
    assert counts[0] == counts[1] <= BUDGET_SEAT, counts


@pytest.mark.django_db
def test_a_person_who_held_an_invite_gets_the_next_version_when_they_apply_again(
    organisations, on_commit
):
    """The latest invite is read under the lock when the person held one: after a seat and a
    cancellation (REQUEST 0, CANCEL 1), a new seat's invite is REQUEST 2."""
    from cohorts.models import CalendarInvite
    from cohorts.services import enrolment_cancel

    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    first = apply_through_mhu(on_commit, participant, gathering, organisations)
    on_commit(enrolment_cancel, enrolment=first, actor=participant.user)
    again = apply_through_mhu(on_commit, participant, gathering, organisations)
    assert again.state == Enrolment.State.CONFIRMED
    versions = list(
        CalendarInvite.objects.filter(participant=participant)
        .order_by("sequence")
        .values_list("method", "sequence", "enrolment_id")
    )
    assert versions == [
        ("REQUEST", 0, first.pk),
        ("CANCEL", 1, first.pk),
        ("REQUEST", 2, again.pk),
    ]

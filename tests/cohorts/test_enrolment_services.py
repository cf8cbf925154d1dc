"""The enrolment rules, one by one, through the services (design rules 1–5, 7, 8)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from cohorts.models import Enrolment, ProgressionException
from cohorts.selectors import seat_counts, waitlist_position
from cohorts.services import (
    EnrolmentError,
    enrolment_apply,
    enrolment_cancel,
    enrolment_decide,
    guardian_confirm,
    guardian_token,
    offer_respond,
    offers_expire,
)
from tests.factories import NOW, make_coordinator, make_gathering, make_participant
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db
State = Enrolment.State


def apply(participant, gathering, organisation=None, **kwargs):
    organisation = organisation or participant.organisations.first()
    return enrolment_apply(
        participant=participant, gathering=gathering, organisation=organisation, **kwargs
    )


def fill(gathering, organisation, count):
    return [apply(make_participant(organisation), gathering) for _ in range(count)]


# First come, first served --------------------------------------------------------------


def test_seats_come_from_the_quota_then_the_pool_then_the_waiting_list(organisations):
    gathering = make_gathering(organisations, capacity=8, quotas=(2, 2, 2))  # pool of 2
    mhu = organisations["MHU"]
    enrolments = fill(gathering, mhu, 5)
    assert [e.state for e in enrolments] == [State.CONFIRMED] * 4 + [State.WAITLISTED]
    counts = seat_counts(gathering)
    assert counts.held[mhu.pk] == 4 and counts.pool_used == 2
    # BAR's quota is untouched by MHU's rush.
    assert apply(make_participant(organisations["BAR"]), gathering).state == State.CONFIRMED


def test_waiting_list_positions_are_per_organisation_and_first_come(organisations):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    mhu, bar = organisations["MHU"], organisations["BAR"]
    fill(gathering, mhu, 1)
    fill(gathering, bar, 1)
    first, second = fill(gathering, mhu, 2)
    bar_waiting = fill(gathering, bar, 1)[0]
    assert [waitlist_position(e) for e in (first, second, bar_waiting)] == [1, 2, 1]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": "draft"}, "not_published"),
        ({"status": "cancelled"}, "cancelled"),
        ({"enrolment_opens_at": NOW + datetime.timedelta(days=1)}, "not_open_yet"),
        (
            {
                "enrolment_closes_at": NOW - datetime.timedelta(minutes=1),
                "enrolment_opens_at": NOW - datetime.timedelta(days=3),
            },
            "closed",
        ),
    ],
)
def test_applications_outside_the_open_window_are_refused_and_change_nothing(
    organisations, fields, code
):
    gathering = make_gathering(organisations, **fields)
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(organisations["MHU"]), gathering)
    assert error.value.code == code
    assert not Enrolment.objects.exists()


def test_refusals_have_norwegian_messages(organisations):
    gathering = make_gathering(organisations, status="cancelled")
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(organisations["MHU"]), gathering)
    assert str(error.value.message) == "Denne samlingen er avlyst."


def test_you_apply_only_through_an_organisation_you_belong_to(organisations):
    gathering = make_gathering(organisations)
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(organisations["MHU"]), gathering, organisations["LFB"])
    assert error.value.code == "not_member"


def test_a_second_application_changes_nothing(organisations):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    first = apply(participant, gathering)
    with pytest.raises(EnrolmentError) as error:
        apply(participant, gathering, motivation="igjen")
    assert error.value.code == "duplicate"
    assert list(Enrolment.objects.all()) == [first]


def test_after_cancelling_you_may_apply_again(organisations):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    enrolment_cancel(enrolment=apply(participant, gathering), actor=participant.user)
    assert apply(participant, gathering).state == State.CONFIRMED


# Level progression (rule 4) ------------------------------------------------------------


def test_advanced_needs_level_one_unless_an_administrator_made_an_exception(
    organisations, admin_user
):
    gathering = make_gathering(organisations, level="advanced")
    participant = make_participant(organisations["BAR"])
    with pytest.raises(EnrolmentError) as error:
        apply(participant, gathering)
    assert error.value.code == "missing_level_new"
    ProgressionException.objects.create(
        participant=participant,
        level="advanced",
        reason="Lang erfaring fra ungdomsråd",
        granted_by=admin_user,
    )
    assert apply(participant, gathering).state == State.CONFIRMED


def test_communicator_needs_level_two(organisations):
    gathering = make_gathering(organisations, level="communicator")
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(organisations["LFB"]), gathering)
    assert error.value.code == "missing_level_advanced"


# Under 18 (rule 5) ---------------------------------------------------------------------


def test_under_18_without_a_guardian_in_the_profile_cannot_apply(organisations):
    gathering = make_gathering(organisations)
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(organisations["MHU"], age=16, guardian=False), gathering)
    assert error.value.code == "guardian_missing"


def test_under_18_holds_a_seat_until_the_guardian_confirms_by_link(organisations, on_commit):
    gathering = make_gathering(organisations)
    minor = make_participant(organisations["MHU"], age=16)
    enrolment = on_commit(apply, participant=minor, gathering=gathering)
    assert enrolment.state == State.GUARDIAN_PENDING
    assert seat_counts(gathering).total_held == 1
    guardian_mail = [m for m in mail.outbox if minor.guardian_email in m.to]
    assert len(guardian_mail) == 1
    # The guardian uses the link in the e-mail (its signature carries the second it was made,
    # so a token signed again here may differ from it).
    found = re.search(r"/samlinger/foresatt/(\d+:[^/\s]+)/", guardian_mail[0].body)
    assert found is not None
    token = found.group(1)
    assert token.startswith(f"{enrolment.pk}:")
    confirmed = on_commit(guardian_confirm, token=token)
    assert confirmed.state == State.CONFIRMED
    assert confirmed.guardian_confirmed_at is not None
    on_commit(guardian_confirm, token=token)  # the guardian clicks twice
    assert OutboxMessage.objects.filter(key=f"enrolment:{enrolment.pk}:confirmed").count() == 1
    receipts = [m for m in mail.outbox if minor.guardian_email in m.to]
    assert len(receipts) == 2  # the request, and one receipt however often they click


def test_a_tampered_or_expired_guardian_link_is_refused(organisations, monkeypatch):
    import time

    gathering = make_gathering(organisations)
    enrolment = apply(make_participant(organisations["MHU"], age=16), gathering)
    with pytest.raises(EnrolmentError):
        guardian_confirm(token=guardian_token(enrolment)[:-2] + "xx")
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: eight_days_ago)
    old_token = guardian_token(enrolment)
    monkeypatch.undo()
    with pytest.raises(EnrolmentError):
        guardian_confirm(token=old_token)
    enrolment.refresh_from_db()
    assert enrolment.state == State.GUARDIAN_PENDING


# Application mode and coordinators ------------------------------------------------------


def test_by_application_a_coordinator_accepts_within_quota_and_pool_only(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, capacity=4, quotas=(1, 1, 1), mode="application")
    coordinator = make_coordinator(mhu)
    applications = fill(gathering, mhu, 3)
    assert {e.state for e in applications} == {State.APPLIED}
    enrolment_decide(enrolment=applications[0], decision="accept", actor=coordinator)  # quota
    enrolment_decide(enrolment=applications[1], decision="accept", actor=coordinator)  # pool
    with pytest.raises(EnrolmentError) as error:
        enrolment_decide(enrolment=applications[2], decision="accept", actor=coordinator)
    assert error.value.code == "no_seat"
    applications[2].refresh_from_db()
    assert applications[2].state == State.APPLIED


def test_a_coordinator_acts_only_for_their_own_organisation(organisations):
    gathering = make_gathering(organisations, mode="application")
    application = fill(gathering, organisations["MHU"], 1)[0]
    bar_coordinator = make_coordinator(organisations["BAR"])
    for decision in ("accept", "reject", "waitlist"):
        with pytest.raises(EnrolmentError) as error:
            enrolment_decide(enrolment=application, decision=decision, actor=bar_coordinator)
        assert error.value.code == "not_coordinator"
    application.refresh_from_db()
    assert application.state == State.APPLIED


def test_rejecting_and_waitlisting_are_recorded_with_who_and_why(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations, mode="application")
    coordinator = make_coordinator(mhu)
    first, second = fill(gathering, mhu, 2)
    enrolment_decide(enrolment=first, decision="reject", actor=coordinator, reason="Dobbel søknad")
    enrolment_decide(enrolment=second, decision="waitlist", actor=coordinator)
    event = first.events.last()
    assert (event.from_state, event.to_state, event.actor, event.reason) == (
        "applied",
        "rejected",
        coordinator,
        "Dobbel søknad",
    )
    second.refresh_from_db()
    assert second.state == State.WAITLISTED and waitlist_position(second) == 1


# Cancellation, offers, expiry (rule 3) ---------------------------------------------------


def test_a_cancelled_seat_is_offered_to_the_next_in_that_organisation(organisations, on_commit):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))  # no pool
    mhu, bar = organisations["MHU"], organisations["BAR"]
    holder = fill(gathering, mhu, 1)[0]
    fill(gathering, bar, 1)
    bar_waiting = fill(gathering, bar, 1)[0]  # earlier, but BAR has no free quota seat
    mhu_waiting = fill(gathering, mhu, 1)[0]
    on_commit(enrolment_cancel, enrolment=holder, actor=holder.participant.user)
    mhu_waiting.refresh_from_db()
    bar_waiting.refresh_from_db()
    assert mhu_waiting.state == State.OFFERED
    assert mhu_waiting.offer_expires_at == mhu_waiting.offered_at + datetime.timedelta(hours=48)
    assert bar_waiting.state == State.WAITLISTED
    # The offer itself reaches the person (the title's number may well contain "48").
    deadline = date_format(timezone.localtime(mhu_waiting.offer_expires_at), "j. F Y H:i")
    assert any(
        mhu_waiting.participant.user.email in m.to
        and m.subject == f"En plass på {gathering.title} er din om du vil ha den"
        and deadline in m.body
        for m in mail.outbox
    )


def test_a_freed_pool_seat_goes_to_the_first_waiting_in_any_organisation(organisations):
    gathering = make_gathering(organisations, capacity=4, quotas=(1, 1, 1))  # pool of 1
    mhu, lfb = organisations["MHU"], organisations["LFB"]
    mhu_first, mhu_pool = fill(gathering, mhu, 2)
    lfb_quota, lfb_waiting = fill(gathering, lfb, 2)
    enrolment_cancel(enrolment=mhu_pool, actor=mhu_pool.participant.user)
    lfb_waiting.refresh_from_db()
    assert lfb_waiting.state == State.OFFERED


def test_accepting_an_offer_confirms_and_declining_passes_it_on(organisations):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    mhu = organisations["MHU"]
    holder, first, second = fill(gathering, mhu, 3)
    enrolment_cancel(enrolment=holder, actor=holder.participant.user)
    first.refresh_from_db()
    offer_respond(enrolment=first, actor=first.participant.user, accept=False)
    second.refresh_from_db()
    assert second.state == State.OFFERED
    accepted = offer_respond(enrolment=second, actor=second.participant.user, accept=True)
    assert accepted.state == State.CONFIRMED


def test_an_offer_cannot_be_answered_late_or_by_someone_else(organisations):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    holder, waiting = fill(gathering, organisations["MHU"], 2)
    enrolment_cancel(enrolment=holder, actor=holder.participant.user)
    waiting.refresh_from_db()
    with pytest.raises(EnrolmentError) as error:
        offer_respond(enrolment=waiting, actor=holder.participant.user, accept=True)
    assert error.value.code == "not_yours"
    with pytest.raises(EnrolmentError) as error:
        offer_respond(
            enrolment=waiting,
            actor=waiting.participant.user,
            accept=True,
            now=waiting.offer_expires_at + datetime.timedelta(seconds=1),
        )
    assert error.value.code == "offer_expired"


def test_expired_offers_move_on_by_themselves_and_a_second_run_changes_nothing(
    organisations, on_commit
):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    holder, first, second = fill(gathering, organisations["MHU"], 3)
    enrolment_cancel(enrolment=holder, actor=holder.participant.user)
    first.refresh_from_db()
    later = first.offer_expires_at + datetime.timedelta(minutes=1)
    assert on_commit(offers_expire, now=later) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (State.EXPIRED, State.OFFERED)
    sent = len(mail.outbox)
    assert on_commit(offers_expire, now=later) == 0
    assert len(mail.outbox) == sent


def test_participants_cannot_cancel_once_the_gathering_has_started(organisations):
    gathering = make_gathering(organisations)
    enrolment = fill(gathering, organisations["MHU"], 1)[0]
    with pytest.raises(EnrolmentError) as error:
        enrolment_cancel(
            enrolment=enrolment,
            actor=enrolment.participant.user,
            now=gathering.starts_at + datetime.timedelta(minutes=1),
        )
    assert error.value.code == "started"


def test_a_coordinator_cancelling_must_give_a_reason(organisations):
    mhu = organisations["MHU"]
    gathering = make_gathering(organisations)
    enrolment = fill(gathering, mhu, 1)[0]
    coordinator = make_coordinator(mhu)
    with pytest.raises(EnrolmentError) as error:
        enrolment_cancel(enrolment=enrolment, actor=coordinator, reason="  ")
    assert error.value.code == "reason_required"
    enrolment_cancel(enrolment=enrolment, actor=coordinator, reason="Syk")
    assert enrolment.events.last().reason == "Syk"


# E-mails (rule 7) ------------------------------------------------------------------------


def is_invite(message) -> bool:
    return any(mimetype.startswith("text/calendar") for _, mimetype in message.alternatives)


def notification_mails():
    """The outbox without calendar invites (those are tested in test_calendar_services)."""
    return [m for m in mail.outbox if not is_invite(m)]


def test_each_email_is_sent_once_even_if_the_task_runs_again(organisations, on_commit):
    from website.tasks import send_outbox

    gathering = make_gathering(organisations)
    enrolment = on_commit(
        apply, participant=make_participant(organisations["MHU"]), gathering=gathering
    )
    kinds = sorted(
        OutboxMessage.objects.filter(key__startswith=f"enrolment:{enrolment.pk}:").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["enrolment_confirmed"]  # one e-mail per event: the seat is the receipt
    assert len(notification_mails()) == 1
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}
    assert send_outbox() == 0
    assert len(notification_mails()) == 1
    assert len([m for m in mail.outbox if is_invite(m)]) == 1  # and the calendar invite, once


def test_emails_are_written_in_the_participants_language(organisations, on_commit):
    gathering = make_gathering(organisations)
    participant = make_participant(organisations["MHU"])
    participant.language = "en"
    participant.save()
    on_commit(apply, participant=participant, gathering=gathering)
    subjects = sorted(m.subject for m in notification_mails())
    assert subjects == [f"Your seat at {gathering.title} is confirmed"]


def test_an_english_reader_gets_the_gatherings_english_title(organisations, on_commit):
    gathering = make_gathering(organisations)
    gathering.title_en = "Gathering for new representatives, February 2027"
    gathering.save()
    participant = make_participant(organisations["MHU"])
    participant.language = "en"
    participant.save()
    on_commit(apply, participant=participant, gathering=gathering)
    subjects = sorted(m.subject for m in notification_mails())
    assert subjects == [
        "Your seat at Gathering for new representatives, February 2027 is confirmed"
    ]
    assert all(gathering.title not in m.subject for m in mail.outbox)


def test_norwegian_is_the_default_language_of_emails(organisations, on_commit):
    gathering = make_gathering(organisations)
    on_commit(apply, participant=make_participant(organisations["MHU"]), gathering=gathering)
    assert any(m.subject.startswith("Plassen din på") for m in mail.outbox)
    assert any(m.body.count("Vi har mottatt søknaden din") == 1 for m in mail.outbox)


def test_a_full_gathering_without_a_waiting_list_refuses_and_changes_nothing(organisations):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1), has_waiting_list=False)
    mhu = organisations["MHU"]
    fill(gathering, mhu, 1)
    with pytest.raises(EnrolmentError) as error:
        apply(make_participant(mhu), gathering)
    assert error.value.code == "full"
    assert str(error.value.message) == "Samlingen er full og har ingen venteliste."
    assert Enrolment.objects.count() == 1


def test_an_under_18_offered_a_seat_weeks_later_gets_a_fresh_guardian_link(
    organisations, on_commit
):
    gathering = make_gathering(organisations, capacity=3, quotas=(1, 1, 1))
    mhu = organisations["MHU"]
    holder = fill(gathering, mhu, 1)[0]
    minor = make_participant(mhu, age=16)
    waiting = on_commit(apply, participant=minor, gathering=gathering)
    assert waiting.state == State.WAITLISTED
    assert not [m for m in mail.outbox if minor.guardian_email in m.to]  # no seat, no request yet
    on_commit(enrolment_cancel, enrolment=holder, actor=holder.participant.user)
    waiting.refresh_from_db()
    on_commit(offer_respond, enrolment=waiting, actor=minor.user, accept=True)
    waiting.refresh_from_db()
    assert waiting.state == State.GUARDIAN_PENDING
    assert len([m for m in mail.outbox if minor.guardian_email in m.to]) == 1
    on_commit(guardian_confirm, token=guardian_token(waiting))
    waiting.refresh_from_db()
    assert waiting.state == State.CONFIRMED

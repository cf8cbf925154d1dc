"""A participant's evaluation of a gathering (issue 17 item 1): who is invited, when it is open,
one response per person that can be changed until it closes, the reminder, and that nothing
stored pairs an answer with a person (the link's token is never stored in plain)."""

import datetime

import pytest
from django.core import mail
from django.db import connection

from cohorts.models import Enrolment
from cohorts.services import thanks_send
from evaluation.models import EvaluationInvite, GatheringResponse, ModuleRating
from evaluation.services.responses import (
    EvaluationError,
    SessionAnswer,
    evaluation_invites_ensure,
    evaluation_link,
    evaluation_reminders_send,
    evaluation_window,
    evaluations_close,
    evaluations_run,
    invite_for_token,
    reminder_moment,
    response_submit,
)
from evaluation.tasks import run_evaluations
from evaluation.tokens import edit_key, token_hash
from tests.factories import make_ended_gathering
from website.models import OutboxMessage
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def gathering(organisations, site_tree):
    return make_ended_gathering(organisations, site_tree, attended=3, absent=1)


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def link_token(enrolment, now=None) -> str:
    return token_of(evaluation_link(enrolment, now=now))


def answer(gathering, token, *, usefulness=4, comment="", now=None, **fields):
    first, second = gathering.rated
    return response_submit(
        token=token,
        ratings={
            first.pk: SessionAnswer(usefulness=usefulness, clarity=5, comment=comment),
            second.pk: SessionAnswer(clarity=2),
        },
        language="nb",
        now=now,
        **fields,
    )


# --- who and when -----------------------------------------------------------------------------


def test_everyone_who_attended_is_invited_once_and_no_one_else(gathering):
    assert evaluation_invites_ensure(gathering) == 3
    assert evaluation_invites_ensure(gathering) == 0  # run again: nothing more
    invited = set(EvaluationInvite.objects.values_list("participant_id", flat=True))
    assert invited == {enrolment.participant_id for enrolment in gathering.came}
    assert all(invite.salt and invite.token_hash for invite in EvaluationInvite.objects.all())


def test_a_withdrawn_application_gets_no_invite_even_with_attendance(gathering):
    withdrawn = gathering.came[1]
    Enrolment.objects.filter(pk=withdrawn.pk).update(state=Enrolment.State.CANCELLED)
    withdrawn.refresh_from_db()
    evaluation_invites_ensure(gathering)
    assert not EvaluationInvite.objects.filter(participant=withdrawn.participant).exists()
    assert evaluation_link(withdrawn) is None


def test_the_window_opens_at_the_end_and_lasts_the_gatherings_days(gathering):
    gathering.evaluation_days = 10
    gathering.save(update_fields=["evaluation_days"])
    window = evaluation_window(gathering)
    assert window.opens == gathering.ends_at
    assert window.closes == gathering.ends_at + 10 * DAY
    came = gathering.came[0]
    assert evaluation_link(came, now=gathering.ends_at - MINUTE) is None  # not over yet
    assert evaluation_link(came, now=gathering.ends_at).startswith("http://testserver/evaluering/")
    assert evaluation_link(came, now=window.closes - MINUTE) is not None
    assert evaluation_link(came, now=window.closes) is None


def test_someone_who_did_not_attend_has_no_link(gathering):
    [stayed_away] = gathering.stayed_away
    assert evaluation_link(stayed_away) is None
    assert not EvaluationInvite.objects.exists()


def test_the_link_is_the_same_each_time_and_finds_its_invite(gathering):
    came = gathering.came[0]
    first = evaluation_link(came)
    assert evaluation_link(came) == first
    invite = invite_for_token(token_of(first))
    assert (invite.gathering_id, invite.participant_id) == (gathering.pk, came.participant_id)
    token = token_of(first)
    altered = token[:-1] + ("1" if token[-1] == "0" else "0")  # one character changed
    assert invite_for_token(altered) is None
    assert invite_for_token("x" * 500) is None


# --- answering --------------------------------------------------------------------------------


def test_the_first_answer_makes_a_response_and_marks_the_person_as_answered(gathering):
    came = gathering.came[0]
    token = link_token(came)
    response, created = answer(gathering, token, comment="Gode eksempler", missing="Mer tid")
    assert created
    assert response.missing == "Mer tid" and response.language == "nb"
    ratings = {rating.session_id: rating for rating in response.ratings.all()}
    first, second = gathering.rated
    assert (ratings[first.pk].usefulness, ratings[first.pk].clarity) == (4, 5)
    assert ratings[first.pk].module_key == first.module.translation_key
    assert (ratings[second.pk].usefulness, ratings[second.pk].clarity) == (None, 2)
    invite = EvaluationInvite.objects.get(participant=came.participant)
    assert invite.answered


def test_answering_again_changes_the_same_response_until_it_closes(gathering):
    token = link_token(gathering.came[0])
    response, _ = answer(gathering, token, usefulness=2, keep="Gruppene")
    again, created = answer(gathering, token, usefulness=5, keep="")
    assert not created and again.pk == response.pk
    assert GatheringResponse.objects.count() == 1
    assert ModuleRating.objects.count() == 2
    assert ModuleRating.objects.get(session=gathering.rated[0]).usefulness == 5
    assert GatheringResponse.objects.get().keep == ""
    closes = evaluation_window(gathering).closes
    with pytest.raises(EvaluationError) as refused:
        answer(gathering, token, usefulness=1, now=closes)
    assert refused.value.code == "closed"
    assert ModuleRating.objects.get(session=gathering.rated[0]).usefulness == 5


def test_a_session_left_empty_on_an_edit_loses_its_rating(gathering):
    token = link_token(gathering.came[0])
    answer(gathering, token)
    first, second = gathering.rated
    response_submit(token=token, ratings={first.pk: SessionAnswer(usefulness=3)})
    assert list(ModuleRating.objects.values_list("session_id", flat=True)) == [first.pk]


def test_each_person_has_their_own_response(gathering):
    for enrolment in gathering.came:
        answer(gathering, link_token(enrolment))
    assert GatheringResponse.objects.count() == 3
    assert EvaluationInvite.objects.filter(answered=True).count() == 3


def test_unknown_tokens_and_foreign_sessions_are_refused_and_nothing_is_saved(
    gathering, organisations, site_tree
):
    with pytest.raises(EvaluationError) as refused:
        answer(gathering, "0" * 64)
    assert refused.value.code == "unknown"
    token = link_token(gathering.came[0])
    welcome = gathering.sessions.get(module__isnull=True)
    for ratings, code in [
        ({welcome.pk: SessionAnswer(usefulness=3)}, "not_a_session"),
        ({gathering.rated[0].pk: SessionAnswer(usefulness=6)}, "invalid_rating"),
    ]:
        with pytest.raises(EvaluationError) as refused:
            response_submit(token=token, ratings=ratings)
        assert refused.value.code == code
    with pytest.raises(EvaluationError) as refused:
        response_submit(token=token, ratings={}, ready_system="maybe")
    assert refused.value.code == "invalid_readiness"
    with pytest.raises(EvaluationError) as refused:
        response_submit(token=token, ratings={}, missing="x" * 2001)
    assert refused.value.code == "too_long"
    assert not GatheringResponse.objects.exists()
    assert not EvaluationInvite.objects.filter(answered=True).exists()


def test_answers_are_stored_without_a_person_or_a_time(gathering):
    came = gathering.came[0]
    token = link_token(came)
    response, _ = answer(gathering, token, comment="Fint")
    participant = came.participant
    for model, row in [
        (GatheringResponse, response),
        (ModuleRating, ModuleRating.objects.filter(response=response).first()),
    ]:
        for field in model._meta.concrete_fields:
            assert field.get_internal_type() not in ("DateTimeField", "DateField"), field
            if field.is_relation:
                assert field.related_model._meta.label in (
                    "cohorts.Gathering",
                    "cohorts.Session",
                    "evaluation.GatheringResponse",
                ), field
        values = {str(value) for value in row.__dict__.values()}
        assert not values & {
            str(participant.pk),
            participant.user.email,
            participant.full_name,
            token,
            token_hash(token),
        }
    # The two hashes differ, so the invite's cannot be looked up among the responses.
    invite = EvaluationInvite.objects.get(participant=participant)
    assert response.edit_key == edit_key(token) != invite.token_hash


# --- reminders --------------------------------------------------------------------------------


def test_the_reminder_goes_once_when_two_thirds_have_passed_to_those_who_have_not_answered(
    on_commit, gathering
):
    answered, forgot, also_forgot = gathering.came
    answer(gathering, link_token(answered))
    moment = reminder_moment(gathering)
    assert moment == gathering.ends_at + 14 * DAY  # a third of the 21 days left
    assert on_commit(evaluation_reminders_send, now=moment - MINUTE) == 0
    assert on_commit(evaluation_reminders_send, now=moment) == 2
    assert on_commit(evaluation_reminders_send, now=moment + DAY) == 0  # once
    to = {message.to[0] for message in mail.outbox if "Hva syntes" in message.subject}
    assert to == {forgot.participant.user.email, also_forgot.participant.user.email}
    reminders = OutboxMessage.objects.filter(kind="evaluation_reminder")
    assert reminders.count() == 2
    assert all(set(message.context) == {"invite_id"} for message in reminders)


def test_the_reminder_is_in_the_readers_language_with_a_working_link(
    on_commit, gathering, monkeypatch
):
    moment = reminder_moment(gathering)
    monkeypatch.setattr("evaluation.messages.timezone.now", lambda: moment)
    on_commit(evaluation_reminders_send, now=moment)
    english_reader = gathering.came[0]
    [message] = [m for m in mail.outbox if m.to == [english_reader.participant.user.email]]
    assert message.subject == "What did you think of Gathering in Oslo?"
    url = next(word for word in message.body.split() if "/evaluering/" in word)
    assert invite_for_token(token_of(url), now=moment).participant == english_reader.participant


def test_no_reminder_after_the_evaluation_closed_nor_if_answered_before_it_goes(
    on_commit, gathering, monkeypatch
):
    closes = evaluation_window(gathering).closes
    assert on_commit(evaluation_reminders_send, now=closes) == 0
    assert not OutboxMessage.objects.filter(kind="evaluation_reminder").exists()
    # Written while open, but the person answers before the outbox sends it: skipped.
    monkeypatch.setattr("website.outbox._queue_sender", lambda: None)
    moment = reminder_moment(gathering)
    evaluation_reminders_send(now=moment)
    for enrolment in gathering.came:
        answer(gathering, link_token(enrolment, now=moment), now=moment)
    monkeypatch.setattr("evaluation.messages.timezone.now", lambda: moment)
    outbox_send_due(linger=0)
    states = set(
        OutboxMessage.objects.filter(kind="evaluation_reminder").values_list("state", flat=True)
    )
    assert states == {OutboxMessage.State.SKIPPED}
    assert mail.outbox == []


# --- closing ----------------------------------------------------------------------------------


def test_closing_empties_every_key_and_no_link_works_afterwards(gathering):
    came = gathering.came[0]
    token = link_token(came)
    answer(gathering, token)
    evaluation_invites_ensure(gathering)
    closes = evaluation_window(gathering).closes
    assert evaluations_close(now=closes - MINUTE) == 0
    assert invite_for_token(token) is not None
    assert evaluations_close(now=closes) == 1
    assert evaluations_close(now=closes + DAY) == 0
    assert set(EvaluationInvite.objects.values_list("salt", "token_hash")) == {("", None)}
    assert set(GatheringResponse.objects.values_list("edit_key", flat=True)) == {None}
    assert EvaluationInvite.objects.get(participant=came.participant).answered  # still known
    assert invite_for_token(token) is None
    assert evaluation_link(came, now=closes + DAY) is None
    with pytest.raises(EvaluationError):
        answer(gathering, token)


def test_the_scheduled_run_invites_reminds_and_closes(on_commit, gathering):
    assert run_evaluations() == (3, 0, 0)
    moment = reminder_moment(gathering)
    assert on_commit(evaluations_run, now=moment) == (0, 3, 0)
    closes = evaluation_window(gathering).closes
    assert evaluations_run(now=closes) == (0, 0, 1)


# --- the invitation is the thank-you ----------------------------------------------------------


def test_the_thank_you_after_the_gathering_carries_a_working_link(on_commit, gathering):
    on_commit(thanks_send, now=gathering.ends_at + MINUTE)
    norwegian = gathering.came[1]
    [thanks] = [m for m in mail.outbox if m.to == [norwegian.participant.user.email]]
    assert "anonyme" in thanks.body
    url = next(word for word in thanks.body.split() if "/evaluering/" in word)
    assert url.startswith("http://testserver/evaluering/")
    invite = invite_for_token(token_of(url))
    assert invite.participant == norwegian.participant
    [stayed_away] = gathering.stayed_away
    assert not [m for m in mail.outbox if m.to == [stayed_away.participant.user.email]]


@pytest.mark.postgres
def test_the_token_is_in_no_table_in_plain(on_commit, gathering):
    """Every row of every table, read as text, after the thank-you, an answer and the
    reminder went: the token of the link is nowhere."""
    on_commit(thanks_send, now=gathering.ends_at + MINUTE)
    tokens = [link_token(enrolment) for enrolment in gathering.came]
    answer(gathering, tokens[0], comment="Bra")
    on_commit(evaluation_reminders_send, now=reminder_moment(gathering))
    assert OutboxMessage.objects.filter(kind="evaluation_reminder").exists()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            for token in tokens:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" AS row WHERE row::text LIKE %s',  # noqa: S608
                    [f"%{token}%"],
                )
                assert cursor.fetchone()[0] == 0, table

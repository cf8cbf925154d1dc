"""Evaluations are anonymous by construction (design.md rule 10): no table links an answer to a
person. Checked twice, generically, so that a new field or table that breaks the rule fails:

- on the models: every field of the answer tables (`GatheringResponse`, `ModuleRating`,
  `SurveyResponse`, `SurveyAnswer`) points only at what the answer is about (the gathering, a
  session, the survey, a question) or at another answer table, never — directly or through
  another model — at an account, a participant, an application, attendance or the "has
  answered" tables; no answer field holds a date or time; their ids are random UUIDs; and the
  "has answered" tables (`EvaluationInvite`, `SurveyParticipation`) point at no answer table;
- in the database itself (`connection.introspection`, every table, whatever made it): no foreign
  key from an answer table leads to a person's table, no answer table has a column for a person
  or a time, and no table joins an answer to a person;
- below the tables (PostgreSQL): a join on the transaction that wrote a row (`xmin`) tells
  nothing about who wrote which answer. It holds for the evaluation (a first answer rewrites
  every invite of the gathering) and for the kartlegging (a submission rewrites every
  participation of the survey).
"""

import pytest
from django.apps import apps
from django.db import connection, models

from evaluation.models import (
    EvaluationInvite,
    GatheringResponse,
    ModuleRating,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
)

ANSWERS = (GatheringResponse, ModuleRating, SurveyResponse, SurveyAnswer)
WHO_ANSWERED = (EvaluationInvite, SurveyParticipation)
# What an answer may point at: what it is about. These tables hold no answer, and reaching a
# person through them (a gathering's coordinators) says nothing about who answered.
ABOUT = ("cohorts.Gathering", "cohorts.Session", "evaluation.Survey", "evaluation.SurveyQuestion")
PEOPLE = (
    "website.User",
    "people.Participant",
    "cohorts.Enrolment",
    "cohorts.Attendance",
    "evaluation.EvaluationInvite",
    "evaluation.SurveyParticipation",
)
# Tables that point at an answer and at a person, and why that person is not its author.
JOINS_ALLOWED = {
    "evaluation.CommentAddressed": "`by` is the editor who marked a comment taken in",
}
# A column of an answer table must not be named like one that holds a person or a time.
SUSPECT_COLUMN_WORDS = (
    "user",
    "participant",
    "person",
    "enrol",
    "invite",
    "attend",
    "email",
    "name",
    "phone",
    "ip_address",
    "agent",
    "created",
    "updated",
    "modified",
    "answered",
    "submitted",
    "_at",
    "time",
    "date",
)
TIME_FIELDS = (models.DateField, models.TimeField, models.DurationField)  # DateTimeField too


def key(model) -> str:
    return model._meta.label


def relations(model):
    """Every field of the model that points at another model: foreign keys, one-to-ones,
    many-to-many (forward), generic foreign keys — not the reverse sides other models add."""
    for field in model._meta.get_fields(include_hidden=True):
        if field.auto_created and not field.concrete:
            continue  # a reverse relation: another model points here (checked from there)
        if field.is_relation:
            yield field


def test_an_answer_points_only_at_what_it_is_about_or_at_another_answer():
    allowed = set(ABOUT) | {key(m) for m in ANSWERS}
    wrong = []
    for model in ANSWERS:
        for field in relations(model):
            target = field.related_model
            if target is None or key(target) not in allowed:
                wrong.append(f"{key(model)}.{field.name} -> {target and key(target)}")
    assert not wrong, (
        "an answer table may point only at the gathering, a session, the survey, a question or "
        f"another answer table (design.md rule 10): {wrong}"
    )


def test_no_path_leads_from_an_answer_to_a_person():
    """Following every relation from an answer table, except through what it is about (whose
    coordinators are staff): no account, participant, application, attendance or "has
    answered" row is ever reached."""
    for start in ANSWERS:
        seen, queue = {key(start)}, [(start, key(start))]
        while queue:
            model, path = queue.pop()
            for field in relations(model):
                target = field.related_model
                if target is None:
                    continue
                here = f"{path}.{field.name} -> {key(target)}"
                assert key(target) not in PEOPLE, f"an answer reaches a person: {here}"
                if key(target) not in seen and key(target) not in ABOUT:
                    seen.add(key(target))
                    queue.append((target, here))


def test_the_who_answered_tables_point_at_no_answer():
    answers = {key(m) for m in ANSWERS}
    for model in WHO_ANSWERED:
        for field in relations(model):
            assert field.related_model is None or key(field.related_model) not in answers, (
                f"{key(model)}.{field.name}"
            )
    # nor does an answer point back at them (the first test), nor any table at both
    for model in apps.get_models(include_auto_created=True):
        targets = {key(f.related_model) for f in relations(model) if f.related_model}
        assert not (targets & answers and targets & {key(m) for m in WHO_ANSWERED}), key(model)


def test_an_answer_has_no_time_and_a_random_id():
    for model in ANSWERS:
        for field in model._meta.concrete_fields:
            assert not isinstance(field, TIME_FIELDS), f"{key(model)}.{field.name} is a time"
        pk = model._meta.pk
        assert isinstance(pk, models.UUIDField) and callable(pk.default), (
            f"{key(model)}: the id must be a random UUID (a counter gives the order of answering)"
        )
        assert not model._meta.ordering, f"{key(model)} must not be ordered (by when, say)"


def test_no_model_joins_an_answer_to_a_person():
    """A table that points at an answer and at a person would pair them."""
    answers = {key(m) for m in ANSWERS}
    for model in apps.get_models(include_auto_created=True):
        if key(model) in answers:
            continue
        targets = {key(f.related_model) for f in relations(model) if f.related_model}
        if targets & answers and targets & set(PEOPLE):
            assert key(model) in JOINS_ALLOWED, (
                f"{key(model)} points at an answer and at a person: {sorted(targets)}"
            )


# --- the database itself ------------------------------------------------------------------


def _tables():
    with connection.cursor() as cursor:
        return {
            info.name: connection.introspection.get_relations(cursor, info.name)
            for info in connection.introspection.get_table_list(cursor)
            if info.type == "t"
        }


def _table(label) -> str:
    return apps.get_model(label)._meta.db_table


@pytest.mark.django_db
def test_no_foreign_key_in_the_database_leads_from_an_answer_to_a_person():
    tables = _tables()
    answers = {m._meta.db_table for m in ANSWERS}
    about = {_table(label) for label in ABOUT}
    people = {_table(label) for label in PEOPLE}
    assert answers <= set(tables), "the answer tables are in the database"
    # every foreign key of an answer table leads to what it is about or to another answer
    for table in answers:
        for column, (_, target) in tables[table].items():
            assert target in answers | about, f"{table}.{column} -> {target}"
    # and following foreign keys from an answer, except through what it is about, no person
    for table in answers:
        seen, queue = {table}, [table]
        while queue:
            current = queue.pop()
            for column, (_, target) in tables.get(current, {}).items():
                assert target not in people, f"{current}.{column} -> {target} (from {table})"
                if target not in seen and target not in about:
                    seen.add(target)
                    queue.append(target)


@pytest.mark.django_db
def test_no_table_in_the_database_joins_an_answer_to_a_person():
    tables = _tables()
    answers = {m._meta.db_table for m in ANSWERS}
    people = {_table(label) for label in PEOPLE}
    allowed = {_table(label) for label in JOINS_ALLOWED}
    for table, foreign_keys in tables.items():
        targets = {target for _, target in foreign_keys.values()}
        if table not in answers and targets & answers and targets & people:
            assert table in allowed, f"{table} joins an answer to a person: {sorted(targets)}"


@pytest.mark.django_db
def test_no_answer_table_has_a_column_for_a_person_or_a_time():
    answers = {m._meta.db_table for m in ANSWERS}
    with connection.cursor() as cursor:
        for table in answers:
            for column in connection.introspection.get_table_description(cursor, table):
                name = column.name.lower()
                kind = connection.introspection.get_field_type(column.type_code, column)
                assert "Date" not in kind and "Time" not in kind and "Duration" not in kind, (
                    f"{table}.{column.name} is a {kind}"
                )
                suspect = [word for word in SUSPECT_COLUMN_WORDS if word in name]
                assert not suspect, f"{table}.{column.name} looks like a person or a time"


# --- below the tables: what PostgreSQL keeps with every row -------------------------------

# Every PostgreSQL row carries `xmin`, the transaction that wrote it, readable by anyone who can
# read the table (`SELECT xmin, * FROM …`). A "has answered" row written in the same transaction
# as its answer carries the same number, and a join on it pairs the person with the answer. The
# join is harmless only when it links a set of answers to a set of people as a whole, with one
# of the sets complete: every person to the newest answer (the evaluation rewrites every invite
# of the gathering at a first answer), or one person to every answer (re-stamping all answers in
# the submitting transaction). (Not caught here: transactions one after the other have
# neighbouring numbers, so writing the two in separate transactions is no way out.)


def _pairs_by_transaction(who_table, answer_table) -> str:
    """'' when a join on xmin tells nothing about who wrote which answer, else why it does."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {who_table}")  # noqa: S608 - our table names
        people = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT id FROM {answer_table}")  # noqa: S608
        answers = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT w.id, a.id FROM {who_table} w JOIN {answer_table} a "  # noqa: S608
            "ON w.xmin::text = a.xmin::text"
        )
        joined = set(cursor.fetchall())
    assert len(people) > 1 and len(answers) > 1, "the test needs several answers"
    if not joined:
        return ""
    linked_people, linked_answers = {w for w, _ in joined}, {a for _, a in joined}
    if joined != {(w, a) for w in linked_people for a in linked_answers}:
        return f"the join pairs people with answers one by one: {sorted(joined)}"
    if linked_people != people and linked_answers != answers:
        return f"the join narrows {len(linked_people)} people to {len(linked_answers)} answers"
    return ""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_survey_answer_is_paired_with_its_participation_by_transaction(organisations):
    from evaluation.services.surveys import survey_submit
    from tests.evaluation.survey_factories import answers_for, make_survey
    from tests.factories import make_participant

    survey = make_survey()
    for number in range(3):
        person = make_participant(organisations["MHU"])
        survey_submit(
            survey=survey, user=person.user, answers=answers_for(survey, text=f"{number}")
        )
    who = SurveyParticipation._meta.db_table
    for model in (SurveyResponse, SurveyAnswer):
        assert not _pairs_by_transaction(who, model._meta.db_table), model._meta.label


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_evaluation_answer_is_paired_with_its_invite_by_transaction(organisations, site_tree):
    from evaluation.services.responses import (
        SessionAnswer,
        evaluation_invites_ensure,
        response_submit,
    )
    from evaluation.tokens import invite_token
    from tests.factories import make_ended_gathering

    gathering = make_ended_gathering(organisations, site_tree, attended=3, absent=0)
    evaluation_invites_ensure(gathering)
    rating = {session.pk: SessionAnswer(usefulness=4) for session in gathering.rated}
    for number, invite in enumerate(EvaluationInvite.objects.filter(gathering=gathering)):
        response_submit(token=invite_token(invite.salt), ratings=rating, missing=f"{number}")
    who = EvaluationInvite._meta.db_table
    for model in (GatheringResponse, ModuleRating):
        assert not _pairs_by_transaction(who, model._meta.db_table), model._meta.label

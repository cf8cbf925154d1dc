"""Every field that can hold something about a person has a retention rule (privacy/
retention_rules.py), or is listed as not personal with a reason: a walk over every concrete
field of every model of our apps, and of the models where logins, sessions and second factors
are kept, fails on a field in neither list. The privacy statement lists every rule."""

import pytest
from django.apps import apps
from django.conf import settings

from privacy import retention_rules
from privacy.retention_rules import FIELD_RULES, NOT_PERSONAL, OTHER_MODELS, OUR_APPS, RULES

PERSON_MODELS = {"website.User", "people.Participant"}


def key(model):
    return f"{model._meta.app_label}.{model._meta.object_name}"


def walked_models():
    """Each table once: a model's own fields (a page's own, not the Page it extends); the tables
    Django makes for many-to-many fields are walked as those fields."""
    models = [
        m
        for m in apps.get_models()
        if (m._meta.app_label in OUR_APPS or key(m) in OTHER_MODELS) and not m._meta.auto_created
    ]
    assert {"website.User", "people.Participant", "sessions.Session"} <= {key(m) for m in models}
    return models


def own_fields(model):
    return [*model._meta.local_fields, *model._meta.local_many_to_many]


def points_at_a_person(field) -> bool:
    target = getattr(field, "related_model", None)
    return target is not None and key(target) in PERSON_MODELS


def classification(model, field):
    model_key = key(model)
    if field.name in FIELD_RULES.get(model_key, {}):
        return "rule"
    reasons = {**NOT_PERSONAL["*"], **NOT_PERSONAL.get(model_key, {})}
    if field.name in reasons:
        return "not personal"
    if "*" in reasons and not points_at_a_person(field):
        return "not personal"
    return None


def test_every_field_has_a_retention_rule_or_a_reason_it_is_not_personal():
    missing = [
        f"{key(model)}.{field.name}"
        for model in walked_models()
        for field in own_fields(model)
        if classification(model, field) is None
    ]
    assert not missing, (
        "these fields may hold personal data and have no retention rule: add each to "
        f"FIELD_RULES or NOT_PERSONAL in privacy/retention_rules.py: {missing}"
    )


def test_a_field_that_points_at_a_person_is_always_named():
    """A model's "*" reason never covers a link to an account or a participant."""
    for model in walked_models():
        reasons = NOT_PERSONAL.get(key(model), {})
        for field in own_fields(model):
            if points_at_a_person(field) and field.name not in FIELD_RULES.get(key(model), {}):
                assert field.name in reasons, f"{key(model)}.{field.name}"


def test_the_tables_name_only_fields_and_rules_that_exist():
    fields = {key(m): {f.name for f in own_fields(m)} for m in walked_models()}
    for model_key, rules in FIELD_RULES.items():
        assert set(rules) <= fields[model_key], model_key
        assert set(rules.values()) <= set(RULES), model_key
        overlap = set(rules) & set(NOT_PERSONAL.get(model_key, {}))
        assert not overlap, f"{model_key}: {overlap} both personal and not"
    for model_key, reasons in NOT_PERSONAL.items():
        if model_key != "*":
            assert set(reasons) - {"*"} <= fields[model_key], model_key
    used = {rule for rules in FIELD_RULES.values() for rule in rules.values()}
    assert used == set(RULES), f"rules no field uses: {set(RULES) - used}"


def test_each_rule_with_a_period_reads_it_from_the_settings():
    used = set()
    for rule in RULES.values():
        for name in rule.periods:
            assert f"{{{name}}}" in rule.statement
            assert f"{settings.RETENTION[name]} måneder" in rule.text()
            used.add(name)
    assert used == set(settings.RETENTION), "a period no rule in the statement names"


@pytest.mark.django_db
def test_the_privacy_statement_lists_every_rule_with_its_period(client, demo, settings):
    text = client.get("/personvern/").content.decode()
    for rule in RULES.values():
        assert rule.text() in text
    assert "24 måneder" in text and "30 dager" in text
    assert retention_rules.rule_for("people.Participant", "dietary_needs") == "sensitive_fields"

"""One audit log: who was shown a participant's sensitive fields is a query over `AuditEntry`
(the old `SensitiveDataAccess` table's records were moved into it by cohorts.0013), and every
entry is written by `website.audit.audit_record` — no other module creates entries, and no
view calls it itself."""

import ast
import datetime
import importlib
from pathlib import Path

import pytest
from django.db import connection, models
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cohorts.services import personal_data_exported, personal_data_viewed
from tests.factories import make_coordinator, make_participant
from website.audit import audit_record, sensitive_access
from website.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
APPS = ("website", "people", "courses", "cohorts", "certificates", "privacy", "demo")
AUDIT_MODULE = ROOT / "website" / "audit.py"


def our_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:  # historical models, not the application
                yield path


def _name(node) -> str:
    """`AuditEntry.objects.create` for an attribute chain, else ''."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def writes_of_the_log(source: str):
    """(line, call) for every call in a module's source that creates audit entries."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        model, _, method = name.partition(".")
        if model == "AuditEntry" and (
            not method  # AuditEntry(...)
            or method.startswith("objects.")
            and method.split(".")[-1]
            in ("create", "bulk_create", "get_or_create", "update_or_create")
        ):
            yield node.lineno, name


def test_only_the_audit_module_creates_entries():
    found = [
        f"{path.relative_to(ROOT)}:{line} {call}"
        for path in our_modules()
        if path != AUDIT_MODULE
        for line, call in writes_of_the_log(path.read_text())
    ]
    assert found == [], "write the audit log through website.audit.audit_record"
    assert list(writes_of_the_log(AUDIT_MODULE.read_text())), "the check no longer sees it"


def test_the_check_sees_a_direct_write():
    source = (
        "def f():\n"
        "    AuditEntry.objects.create(action='x')\n"
        "    AuditEntry.objects.bulk_create([])\n"
        "    AuditEntry(action='y').save()\n"
        "    AuditEntry.objects.filter(action='x')\n"
    )
    assert sorted(call for _line, call in writes_of_the_log(source)) == [
        "AuditEntry",
        "AuditEntry.objects.bulk_create",
        "AuditEntry.objects.create",
    ]


def test_no_view_writes_the_log_itself():
    """Views call a service of their app, which records the entry with the change."""
    views = [
        path
        for path in our_modules()
        if path.name in ("views.py", "admin_views.py") or "views" in path.parent.name
    ]
    assert views
    found = []
    for path in views:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and _name(node.func).endswith("audit_record"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


@pytest.fixture
def people(organisations):
    return {
        "coordinator": make_coordinator(organisations["MHU"]),
        "ase": make_participant(organisations["MHU"], name="Åse Øyen"),
        "bo": make_participant(organisations["MHU"], name="Bo Berg"),
    }


@pytest.mark.django_db
def test_views_and_exports_with_sensitive_fields_are_the_access_list(people):
    coordinator, ase, bo = people["coordinator"], people["ase"], people["bo"]
    personal_data_viewed(viewer=coordinator, participant=ase, object_label="Vårsamling")
    personal_data_exported(
        viewer=coordinator,
        participants=[ase, bo],
        object_label="Vårsamling",
        what="Deltakerliste (CSV)",
        sensitive=True,
    )
    personal_data_exported(
        viewer=coordinator,
        participants=[ase],
        object_label="Vårsamling",
        what="Innsjekkingsliste (PDF)",
        sensitive=False,
    )
    seen = list(sensitive_access(ase.pk))
    assert sorted((e.action, e.summary) for e in seen) == [
        ("export", "Deltakerliste (CSV)"),
        ("sensitive_viewed", ""),
    ]
    assert {e.actor for e in seen} == {coordinator}
    assert [e.action for e in sensitive_access(bo.pk)] == ["export"]
    # one event, one entry: the sign-in sheet is logged once, and not as sensitive
    assert AuditEntry.objects.filter(participant_id=ase.pk).count() == 3


@pytest.mark.django_db
def test_my_data_shows_who_was_shown_my_sensitive_fields_and_not_my_own_downloads(client, people):
    ase = people["ase"]
    personal_data_viewed(viewer=people["coordinator"], participant=ase, object_label="Vårsamling")
    client.force_login(ase.user)
    client.get("/min-side/mine-data/")
    data = client.get("/min-side/mine-data/?format=json").json()
    [view] = data["sensitive_data_views"]
    assert (view["action"], view["actor_label"]) == (
        "sensitive_viewed",
        people["coordinator"].email,
    )
    assert [e["summary"] for e in data["audit_log"] if e["action"] == "export"] == ["JSON", "HTML"]
    html = client.get("/min-side/mine-data/").content.decode()
    assert "Visninger av de sensitive opplysningene dine" in html


# ---- the migration that moved SensitiveDataAccess into the audit log --------------------------

MIGRATION = "0013_sensitive_access_into_audit_log"


@pytest.fixture
def old_table(db):
    """The models as cohorts.0013 sees them, with the old table made again for this test (the
    test's transaction removes it afterwards; PostgreSQL's DDL is transactional)."""
    state = MigrationLoader(connection).project_state(("cohorts", MIGRATION))
    registry = state.apps
    access = registry.get_model("cohorts", "SensitiveDataAccess")
    with connection.schema_editor() as editor:
        editor.create_model(access)
    return registry


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_migration_moves_every_record_into_the_audit_log(old_table, people):
    migration = importlib.import_module(f"cohorts.migrations.{MIGRATION}")
    Access = old_table.get_model("cohorts", "SensitiveDataAccess")
    coordinator, ase, bo = people["coordinator"], people["ase"], people["bo"]

    def record(participant, context, when, viewer=coordinator):
        row = Access.objects.create(
            viewer_id=viewer.pk, participant_id=participant.pk, context=context
        )
        Access.objects.filter(pk=row.pk).update(viewed_at=when)

    def entry(participant, action, when):
        [row] = audit_record(actor=coordinator, action=action, participants=[participant])
        models.QuerySet.update(AuditEntry.objects.filter(pk=row.pk), created_at=when)
        return row

    now = timezone.now()
    long_ago = now - datetime.timedelta(days=800)
    # written side by side by the old code: the twin entry is marked, not copied
    twin_view = entry(ase, "sensitive_viewed", now)
    record(ase, "detail", now + datetime.timedelta(milliseconds=3))
    twin_export = entry(bo, "export", now)
    record(bo, "export", now + datetime.timedelta(milliseconds=5))
    not_sensitive = entry(ase, "export", now)  # a sign-in sheet: no record beside it
    # a record from before the audit log: copied with its own time
    record(ase, "detail", long_ago)
    entries_before = AuditEntry.objects.count()

    migration.into_audit_log(old_table, None)

    assert AuditEntry.objects.count() == entries_before + 1
    marked = set(AuditEntry.objects.filter(sensitive=True).values_list("pk", flat=True))
    assert {twin_view.pk, twin_export.pk} <= marked and not_sensitive.pk not in marked
    copied = AuditEntry.objects.get(sensitive=True, created_at=long_ago)
    assert (copied.actor, copied.actor_label, copied.participant_id, copied.subject_label) == (
        coordinator,
        coordinator.email,
        ase.pk,
        "Åse Øyen",
    )
    assert copied.action == "sensitive_viewed" and "sensitive" in copied.summary
    assert [e.created_at for e in sensitive_access(ase.pk)] == [now, long_ago]
    assert [e.action for e in sensitive_access(bo.pk)] == ["export"]

    # and back: the records are made again from the marked entries
    Access.objects.all().delete()
    migration.out_of_audit_log(old_table, None)
    assert sorted(Access.objects.values_list("participant_id", "context", "viewed_at")) == sorted(
        [(ase.pk, "detail", now), (ase.pk, "detail", long_ago), (bo.pk, "export", now)]
    )

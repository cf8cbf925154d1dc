"""One audit log: every record of `SensitiveDataAccess` (who was shown a participant's sensitive
fields, on the applicant's page — "detail" — or in an export) becomes an `AuditEntry` marked
`sensitive`; the next migration deletes the model.

The code wrote an audit entry beside nearly every such record, in the same request: the
record's twin (same participant, same viewer, "sensitive_viewed" for a detail view or "export"
for an export, written within a few seconds). A twin is marked `sensitive` rather than copied,
so one event stays one entry. A record without a twin (from before the audit log, or made by
hand) is copied as a new entry with its time, viewer, participant and what was seen.

Backwards, the records are made again from the entries marked `sensitive`."""

from datetime import timedelta

from django.db import migrations

ACTIONS = {"detail": "sensitive_viewed", "export": "export"}
WINDOW = timedelta(seconds=5)
SUMMARY = {
    "detail": "sensitive opplysninger vist (fra den gamle tilgangsloggen)",
    "export": "eksport med sensitive opplysninger (fra den gamle tilgangsloggen)",
}


def into_audit_log(apps, schema_editor):
    Access = apps.get_model("cohorts", "SensitiveDataAccess")
    AuditEntry = apps.get_model("website", "AuditEntry")
    copies = []
    records = Access.objects.select_related("viewer", "participant").order_by("viewed_at", "pk")
    for record in records.iterator():
        action = ACTIONS.get(record.context, "sensitive_viewed")
        twins = AuditEntry.objects.filter(
            participant_id=record.participant_id,
            actor_id=record.viewer_id,
            action=action,
            sensitive=False,
            created_at__range=(record.viewed_at - WINDOW, record.viewed_at + WINDOW),
        )
        twin = min(twins, key=lambda e: abs(e.created_at - record.viewed_at), default=None)
        if twin is not None:
            AuditEntry.objects.filter(pk=twin.pk).update(sensitive=True)
            continue
        copies.append(record)
    for record in copies:
        entry = AuditEntry.objects.create(
            actor_id=record.viewer_id,
            actor_label=record.viewer.email if record.viewer else "",
            action=ACTIONS.get(record.context, "sensitive_viewed"),
            participant_id=record.participant_id,
            subject_label=record.participant.full_name[:200],
            summary=SUMMARY.get(record.context, record.context)[:300],
            sensitive=True,
        )
        # `created_at` is auto_now_add: the record's own time is set after the insert.
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=record.viewed_at)


def out_of_audit_log(apps, schema_editor):
    Access = apps.get_model("cohorts", "SensitiveDataAccess")
    AuditEntry = apps.get_model("website", "AuditEntry")
    Participant = apps.get_model("people", "Participant")
    existing = set(Participant.objects.values_list("pk", flat=True))
    contexts = {action: context for context, action in ACTIONS.items()}
    for entry in AuditEntry.objects.filter(sensitive=True).order_by("created_at", "pk"):
        if entry.participant_id not in existing:
            continue
        record = Access.objects.create(
            viewer_id=entry.actor_id,
            participant_id=entry.participant_id,
            context=contexts.get(entry.action, "detail"),
        )
        Access.objects.filter(pk=record.pk).update(viewed_at=entry.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0012_people_moved_out"),
        ("people", "0001_initial"),
        ("website", "0010_erased_at_and_sensitive_access"),
    ]

    operations = [migrations.RunPython(into_audit_log, out_of_audit_log)]

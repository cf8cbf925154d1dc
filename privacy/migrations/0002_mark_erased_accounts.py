"""`User.erased_at` replaces the placeholder address as the mark of an erased account. Accounts
erased before it (address `slettet-<id>@medvirk.invalid`) get the time of their erasure from
the audit log's "erased" entry, or the time of this migration where there is none (an account
erased without a profile). They stay unusable: not active, no usable password."""

import re

from django.contrib.auth.hashers import make_password
from django.db import migrations
from django.utils import timezone

PLACEHOLDER = re.compile(r"^slettet-(\d+)@medvirk\.invalid$")


def mark_erased(apps, schema_editor):
    User = apps.get_model("website", "User")
    Participant = apps.get_model("people", "Participant")
    AuditEntry = apps.get_model("website", "AuditEntry")
    now = timezone.now()
    erased = User.objects.filter(email__startswith="slettet-", email__endswith="@medvirk.invalid")
    for user in erased.filter(erased_at=None):
        match = PLACEHOLDER.match(user.email)
        if not match or int(match[1]) != user.pk:
            continue  # someone's real address that only looks like one
        participant = Participant.objects.filter(user_id=user.pk).first()
        entry = (
            AuditEntry.objects.filter(participant_id=participant.pk, action="erased")
            .order_by("created_at")
            .first()
            if participant
            else None
        )
        user.erased_at = entry.created_at if entry else now
        user.is_active = False
        if user.password is None or not user.password.startswith("!"):
            user.password = make_password(None)
        user.save(update_fields=["erased_at", "is_active", "password"])


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_retention_schedule"),
        ("people", "0001_initial"),
        ("website", "0010_erased_at_and_sensitive_access"),
    ]

    operations = [migrations.RunPython(mark_erased, migrations.RunPython.noop)]

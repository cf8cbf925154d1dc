"""E-mails and calendar invites recorded but never sent are picked up every five minutes."""

from django.db import migrations

FUNC = "cohorts.tasks.send_pending"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={
            "name": "Usendte e-poster og kalenderinvitasjoner",
            "schedule_type": "I",
            "minutes": 5,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0007_calendar_invites"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]

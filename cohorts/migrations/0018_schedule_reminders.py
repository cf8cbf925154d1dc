"""Reminders before a gathering and the thank-you after it, every 15 minutes (a reminder whose
moment passed while the worker was down goes on its next run)."""

from django.db import migrations

FUNC = "cohorts.tasks.send_reminders"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={
            "name": "Påminnelser før og takk etter samlinger",
            "schedule_type": "I",
            "minutes": 15,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0017_practical_information_and_messages"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]

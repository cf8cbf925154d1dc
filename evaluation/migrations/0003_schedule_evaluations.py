"""Evaluations after gatherings, every hour: invites for those open, the reminder when two
thirds of the window have passed, and the keys emptied when an evaluation closes."""

from django.db import migrations

FUNC = "evaluation.tasks.run_evaluations"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={
            "name": "Evalueringer etter samlinger",
            "schedule_type": "H",
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_survey_published_gap_modules"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]

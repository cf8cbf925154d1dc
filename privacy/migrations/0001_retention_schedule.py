"""The daily retention task moved from cohorts to privacy: the schedule that
`cohorts.0009_schedule_retention` made is pointed at the new task (the same row, so its
history and next run stay). On a database where the row is gone, it is made anew."""

from django.db import migrations

OLD = "cohorts.tasks.apply_retention"
FUNC = "privacy.tasks.apply_retention"
NAME = "Sletting etter lagringstid"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    if Schedule.objects.filter(func=FUNC).exists():
        Schedule.objects.filter(func=OLD).delete()  # the old path no longer exists
    else:
        Schedule.objects.filter(func=OLD).update(func=FUNC)
    Schedule.objects.get_or_create(
        func=FUNC, defaults={"name": NAME, "schedule_type": "D", "repeats": -1}
    )


def back_to_cohorts(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).update(func=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0009_schedule_retention"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, back_to_cohorts)]

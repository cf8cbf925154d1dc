"""Background jobs with progress (website/jobs.py) and the five-minute sweep that queues a
job again when its task was lost, and deletes job files after a day."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FUNC = "website.tasks.sweep_jobs"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={
            "name": "Fortsett avbrutte bakgrunnsjobber og slett gamle jobbfiler",
            "schedule_type": "I",
            "minutes": 5,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0011_email_addresses_normal_form"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=80, verbose_name="kind")),
                ("subject", models.CharField(blank=True, max_length=100)),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="what")),
                ("language", models.CharField(default="nb", max_length=10)),
                ("task", models.CharField(blank=True, max_length=200)),
                ("params", models.JSONField(blank=True, default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="started")),
                ("heartbeat_at", models.DateTimeField(blank=True, null=True)),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("total", models.PositiveIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                ("failed", models.BooleanField(default=False)),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                ("links", models.JSONField(blank=True, default=list)),
                ("file", models.CharField(blank=True, max_length=200)),
                ("filename", models.CharField(blank=True, max_length=200)),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="started by",
                    ),
                ),
            ],
            options={
                "verbose_name": "background job",
                "verbose_name_plural": "background jobs",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["kind", "subject", "requested_by"],
                        name="website_job_kind_859af5_idx",
                    )
                ],
            },
        ),
        migrations.RunPython(add_schedule, remove_schedule),
    ]

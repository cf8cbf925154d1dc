"""The outbox (website/outbox.py) and the one-minute schedule that sends what is due in it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

FUNC = "website.tasks.send_outbox"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={
            "name": "Send e-post fra utboksen",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_audit_log_and_info_page"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="OutboxMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200, unique=True, verbose_name="key")),
                ("kind", models.CharField(db_index=True, max_length=80, verbose_name="kind")),
                ("thread", models.CharField(blank=True, db_index=True, max_length=200)),
                ("recipient", models.EmailField(max_length=254, verbose_name="to")),
                (
                    "recipient_name",
                    models.CharField(blank=True, max_length=200, verbose_name="name"),
                ),
                (
                    "language",
                    models.CharField(default="nb", max_length=10, verbose_name="language"),
                ),
                ("context", models.JSONField(blank=True, default=dict)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("sending", "Being sent"),
                            ("sent", "Sent"),
                            ("failed", "Failed"),
                            ("skipped", "Not needed any more"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="next attempt"
                    ),
                ),
                ("lease_until", models.DateTimeField(blank=True, null=True)),
                ("lease_token", models.UUIDField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                ("subject", models.CharField(blank=True, max_length=300, verbose_name="subject")),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
                (
                    "about",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outbox_messages",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="about",
                    ),
                ),
            ],
            options={
                "verbose_name": "outgoing e-mail",
                "verbose_name_plural": "outgoing e-mail",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["state", "next_attempt_at"], name="website_out_state_4607dd_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(add_schedule, remove_schedule),
    ]

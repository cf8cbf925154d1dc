"""A revision counter on gatherings and sessions: it goes up when a session's time or room, or
the venue or cancellation of its gathering, changes; their sum is the SEQUENCE of the session's
event in the published calendars (`cohorts.ics.session_sequence`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0010_messages_in_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="gathering",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="session",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]

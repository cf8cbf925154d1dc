"""E-mails about applications and calendar invites move into the outbox (website.OutboxMessage):
every Notification and every invite's sending state becomes a message with the same key the
code now writes, so nothing already sent goes again and nothing waiting is lost."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

GUARDIAN_KINDS = {"guardian_request", "guardian_receipt"}


def _message(OutboxMessage, **fields):
    message, _created = OutboxMessage.objects.get_or_create(key=fields.pop("key"), defaults=fields)
    return message


def to_outbox(apps, schema_editor):
    OutboxMessage = apps.get_model("website", "OutboxMessage")
    Notification = apps.get_model("cohorts", "Notification")
    CalendarInvite = apps.get_model("cohorts", "CalendarInvite")
    for notification in Notification.objects.select_related("enrolment__participant__user"):
        participant = notification.enrolment.participant
        guardian = notification.kind in GUARDIAN_KINDS
        _message(
            OutboxMessage,
            key=f"enrolment:{notification.enrolment_id}:{notification.kind}",
            kind=f"enrolment_{notification.kind}",
            recipient=(participant.guardian_email if guardian else participant.user.email)
            or participant.user.email,
            recipient_name=participant.guardian_name if guardian else participant.full_name,
            language=participant.language,
            context={"enrolment_id": notification.enrolment_id},
            about_id=participant.user_id,
            state="sent" if notification.sent_at else "pending",
            sent_at=notification.sent_at,
        )
    for invite in CalendarInvite.objects.select_related("participant__user"):
        if invite.sent_at:
            state = "sent"
        elif invite.skipped:
            state = "skipped"
        elif invite.attempts >= 5:
            state = "failed"
        else:
            state = "pending"
        message = _message(
            OutboxMessage,
            key=f"invite:{invite.pk}",
            kind="calendar_invite",
            thread=f"invite:{invite.gathering_id}:{invite.participant_id}",
            recipient=invite.participant.user.email,
            recipient_name=invite.participant.full_name,
            language=invite.participant.language,
            context={"invite_id": invite.pk},
            about_id=invite.participant.user_id,
            state=state,
            attempts=invite.attempts,
            sent_at=invite.sent_at,
            next_attempt_at=timezone.now(),
        )
        invite.message_id = message.pk
        invite.save(update_fields=["message"])


def from_outbox(apps, schema_editor):
    OutboxMessage = apps.get_model("website", "OutboxMessage")
    Notification = apps.get_model("cohorts", "Notification")
    CalendarInvite = apps.get_model("cohorts", "CalendarInvite")
    for message in OutboxMessage.objects.filter(kind__startswith="enrolment_"):
        Notification.objects.get_or_create(
            enrolment_id=message.context["enrolment_id"],
            kind=message.kind.removeprefix("enrolment_"),
            defaults={"sent_at": message.sent_at},
        )
    for invite in CalendarInvite.objects.select_related("message").exclude(message=None):
        invite.sent_at = invite.message.sent_at if invite.message.state == "sent" else None
        invite.skipped = invite.message.state == "skipped"
        invite.attempts = invite.message.attempts
        invite.save(update_fields=["sent_at", "skipped", "attempts"])


def rename_sweep(apps, schema_editor):
    """The five-minute sweep no longer sends e-mails (the outbox does); it resumes invite runs."""
    apps.get_model("django_q", "Schedule").objects.filter(func="cohorts.tasks.send_pending").update(
        func="cohorts.tasks.resume_invite_runs", name="Gjenoppta stoppede kalenderutsendelser"
    )


def rename_sweep_back(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(
        func="cohorts.tasks.resume_invite_runs"
    ).update(func="cohorts.tasks.send_pending", name="Usendte e-poster og kalenderinvitasjoner")


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0009_schedule_retention"),
        ("website", "0008_outbox"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarinvite",
            name="message",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="calendar_invite",
                to="website.outboxmessage",
            ),
        ),
        migrations.RunPython(to_outbox, from_outbox),
        migrations.RemoveIndex(model_name="calendarinvite", name="cohorts_cal_sent_at_af4d46_idx"),
        migrations.RemoveField(model_name="calendarinvite", name="attempts"),
        migrations.RemoveField(model_name="calendarinvite", name="sent_at"),
        migrations.RemoveField(model_name="calendarinvite", name="skipped"),
        migrations.DeleteModel(name="Notification"),
        migrations.RunPython(rename_sweep, rename_sweep_back),
    ]

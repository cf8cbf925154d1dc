"""The certificate's e-mail moves into the outbox: sent ones are recorded as sent there (same
key as the code writes), unsent ones of live certificates wait there to go."""

from django.db import migrations


def to_outbox(apps, schema_editor):
    OutboxMessage = apps.get_model("website", "OutboxMessage")
    Certificate = apps.get_model("certificates", "Certificate")
    certificates = Certificate.objects.select_related("enrolment__participant__user")
    for certificate in certificates:
        if certificate.emailed_at is None and certificate.revoked_at is not None:
            continue
        participant = certificate.enrolment.participant
        OutboxMessage.objects.get_or_create(
            key=f"certificate:{certificate.pk}",
            defaults={
                "kind": "certificate",
                "recipient": participant.user.email,
                "recipient_name": participant.full_name,
                "language": participant.language,
                "context": {"certificate_id": certificate.pk},
                "about_id": participant.user_id,
                "state": "sent" if certificate.emailed_at else "pending",
                "sent_at": certificate.emailed_at,
            },
        )


def from_outbox(apps, schema_editor):
    OutboxMessage = apps.get_model("website", "OutboxMessage")
    Certificate = apps.get_model("certificates", "Certificate")
    for message in OutboxMessage.objects.filter(kind="certificate", state="sent"):
        Certificate.objects.filter(pk=message.context["certificate_id"]).update(
            emailed_at=message.sent_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("website", "0008_outbox"),
    ]

    operations = [
        migrations.RunPython(to_outbox, from_outbox),
        migrations.RemoveField(model_name="certificate", name="emailed_at"),
    ]

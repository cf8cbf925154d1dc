"""Certificate PDFs move out of MEDIA_ROOT (served by the proxy at /media/ to anyone with the
address) into the private storage (PRIVATE_MEDIA_ROOT), under the same names; the PDFs of
revoked certificates and of erased names are deleted instead (certificates/storage.py,
`pdfs_make_private`). Run `migrate` where MEDIA_ROOT and PRIVATE_MEDIA_ROOT are both mounted.

Backwards: the files go back to MEDIA_ROOT, so the older code finds them."""

from django.core.files.storage import storages
from django.db import migrations, models

import certificates.storage


def make_private(apps, schema_editor):
    certificates.storage.pdfs_make_private(apps.get_model("certificates", "Certificate"))


def make_public(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    private, public = certificates.storage.private_storage(), storages["default"]
    for name in Certificate.objects.exclude(pdf="").values_list("pdf", flat=True):
        if private.exists(name) and not public.exists(name):
            with private.open(name, "rb") as content:
                public.save(name, content)
            private.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_certificate_email_in_outbox"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="pdf",
            field=models.FileField(
                blank=True,
                storage=certificates.storage.private_storage,
                upload_to="certificates/",
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(make_private, make_public, elidable=False),
    ]

"""Editor groups per organisation, the two reviewer groups, coordinators, and the
two-step approval workflow (see courses/editorial.py)."""

from django.db import migrations


def setup(apps, schema_editor):
    from courses.editorial import ensure_editorial_setup

    ensure_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

"""Replace Wagtail's placeholder welcome page with our HomePage, so a fresh site has a real front page."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("website.HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    # The welcome page from wagtailcore.0002; deleting it also deletes its Site.
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="website", model="homepage")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Medvirk",
        draft_title="Medvirk",
        slug="hjem",
        content_type=home_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/hjem/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Medvirk"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("website.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_pages_and_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]

"""The page tree every site needs: the locales, the root page, a Norwegian home page, the
default Site and the root collection (images and documents). Migrations build the same on a
fresh database (website.0003, Wagtail's own); `ensure_site_structure()` also repairs a
database whose pages were emptied (as a transactional test does). It is not demo content:
production has the same home page."""

from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage

SITE_NAME = "Medvirk"


def ensure_site_structure() -> HomePage:
    """The Norwegian home page, with the locales, root page, default Site and root collection
    it needs; whatever is missing is created, what exists is left alone."""
    norwegian, _ = Locale.objects.get_or_create(language_code="nb")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=norwegian)
    home = HomePage.objects.filter(locale=norwegian, depth=2).first()
    if home is None:
        home = root.add_child(instance=HomePage(title=SITE_NAME, slug="hjem", locale=norwegian))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return home

"""Demo content for the site as a whole: the page tree's root, the home page in both
languages, menu and footer settings, and an administrator.

Every function is idempotent: it creates what is missing and leaves what exists alone,
so `manage.py load_demo` can run on every start.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import FooterSettings, HomePage, NavigationSettings

ADMIN_EMAIL = "admin@medvirk.localhost"
DEFAULT_ADMIN_PASSWORD = "medvirk-demo"  # noqa: S105 - demo only; load_demo refuses without DEBUG

HOME_NB = {
    "title": "Medvirk",
    "intro": (
        "Ett felles opplæringsprogram for unge brukermedvirkere innen psykisk helse, "
        "rus og barnevern – laget av unge med egen erfaring sammen med fagfolk."
    ),
    "body": [
        {"type": "heading", "value": {"text": "Hva er brukermedvirkning?", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Når du bruker en tjeneste, har du rett til å bli hørt om hvordan den "
                "skal være. Brukermedvirkning betyr at de som berøres av en beslutning, får "
                "være med og påvirke den – i sin egen sak, i hvordan tjenesten utformes, og "
                "der prioriteringer og penger bestemmes.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Tre samlinger i året", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<ul><li><b>Samling for nye brukermedvirkere</b> – for deg som er ny.</li>"
                "<li><b>Samling for viderekomne</b> – for deg som har fullført første nivå.</li>"
                "<li><b>Erfaringsformidler-samling</b> – for deg som vil bruke egen erfaring "
                "i undervisning og foredrag.</li></ul>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "text": (
                    "Skal man hjelpe et menneske, må man først finne ham der han er, "
                    "og begynne der."
                ),
                "attribution": "Søren Kierkegaard, 1859",
            },
        },
    ],
}

HOME_EN = {
    "title": "Medvirk",
    "intro": (
        "One shared training programme for young user representatives in mental health, "
        "substance use and child welfare – made by young people with lived experience "
        "together with professionals."
    ),
    "body": [
        {"type": "heading", "value": {"text": "What is user participation?", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>When you use a service, you have the right to be heard about how it "
                "should work. User participation means that the people a decision affects "
                "get to influence it – in their own case, in how the service is designed, "
                "and where priorities and money are decided.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Three gatherings a year", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<ul><li><b>Gathering for new representatives</b> – if you are new.</li>"
                "<li><b>Gathering for advanced representatives</b> – once you have completed "
                "the first level.</li><li><b>Experience-communicator gathering</b> – if you "
                "want to use your own experience in teaching and talks.</li></ul>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "text": (
                    "If one is truly to succeed in leading a person to a specific place, "
                    "one must first and foremost take care to find him where he is "
                    "and begin there."
                ),
                "attribution": "Søren Kierkegaard, 1859",
            },
        },
    ],
}

FOOTER_ABOUT_NB = (
    "<p>Medvirk er det felles opplæringsprogrammet for unge brukermedvirkere i "
    "Mental Helse Ungdom, Barn av rusmisbrukere og Landsforeningen for barnevernsbarn.</p>"
)
FOOTER_ABOUT_EN = (
    "<p>Medvirk is the shared training programme for young user representatives in "
    "Mental Helse Ungdom, Barn av rusmisbrukere and Landsforeningen for barnevernsbarn.</p>"
)


def ensure_site_structure() -> HomePage:
    """The locales, the root page, a Norwegian home page and the default Site.

    Migration website.0003 builds the same on a fresh database; this also repairs a
    database whose pages were emptied (as a transactional test does).
    """
    norwegian, _ = Locale.objects.get_or_create(language_code="nb")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=norwegian)
    home = HomePage.objects.filter(locale=norwegian, depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_NB["title"], slug="hjem", locale=norwegian)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Medvirk"
        )
    return home


def _publish(page, content):
    page.title = content["title"]
    page.draft_title = content["title"]
    page.intro = content["intro"]
    page.body = content["body"]
    page.save_revision().publish()


def load_home_pages(*, stdout) -> HomePage:
    home = ensure_site_structure()
    if not home.intro:
        _publish(home, HOME_NB)
        stdout.write("  forside (nb) publisert")
    english = Locale.objects.get(language_code="en")
    if not HomePage.objects.filter(translation_key=home.translation_key, locale=english).exists():
        translation = home.copy_for_translation(english)
        _publish(translation, HOME_EN)
        stdout.write("  forside (en) publisert")
    return home


def load_settings(*, site: Site, stdout) -> None:
    footer = FooterSettings.for_site(site)
    if not footer.about:
        footer.about = FOOTER_ABOUT_NB
        footer.about_en = FOOTER_ABOUT_EN
        footer.contact_email = "post@medvirk.localhost"
        footer.save()
        stdout.write("  bunntekst lagt inn")
    navigation = NavigationSettings.for_site(site)
    if not navigation.links:
        home = site.root_page
        navigation.links = [
            {"type": "link", "value": {"page": home.pk, "label": "Forside", "label_en": "Home"}}
        ]
        navigation.save()
        stdout.write("  meny lagt inn")


def load_admin(*, password: str, stdout) -> None:
    User = get_user_model()
    if not User.objects.filter(email__iexact=ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            email=ADMIN_EMAIL, password=password, first_name="Demo", last_name="Administrator"
        )
        stdout.write("  administrator opprettet")


@transaction.atomic
def load(*, stdout, admin_password: str = DEFAULT_ADMIN_PASSWORD) -> None:
    home = load_home_pages(stdout=stdout)
    site = Site.objects.get(is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    load_settings(site=site, stdout=stdout)
    load_admin(password=admin_password, stdout=stdout)


def load_statements(*, stdout) -> None:
    """The privacy and accessibility statements under the home page, linked in the footer.
    Runs after the cohorts app's demo (the privacy statement lists its fields)."""
    from .models import InfoPage
    from .statements import accessibility_statement, privacy_statement

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    pages = []
    for content in (privacy_statement(), accessibility_statement()):
        page = InfoPage.objects.filter(slug=content["slug"]).first()
        if page is None:
            page = home.add_child(
                instance=InfoPage(
                    title=content["title"],
                    slug=content["slug"],
                    intro=content["intro"],
                    body=content["body"],
                )
            )
            page.save_revision().publish()
            stdout.write(f"  side «{content['title']}» publisert")
        pages.append(page)
    footer = FooterSettings.for_site(site)
    if not footer.links:
        labels_en = ["Privacy statement", "Accessibility statement"]
        footer.links = [
            {"type": "link", "value": {"page": page.pk, "label": "", "label_en": label}}
            for page, label in zip(pages, labels_en, strict=True)
        ]
        footer.save()


def verify_demo_addresses() -> None:
    """Every demo account's e-mail counts as verified, so staff and participants can log in
    through /konto/ (the admin's login goes there too) without a confirmation e-mail."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(email__endswith="@medvirk.localhost"):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


def mark_demo_messages_sent() -> None:
    """The demo's e-mails are not worth sending (the worker would print them all at start-up):
    they count as sent, and My data and the admin show them as such."""
    from django.utils import timezone

    from .models import OutboxMessage

    OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).update(
        state=OutboxMessage.State.SENT, sent_at=timezone.now()
    )

"""The site as a whole: the home page in both languages, footer and menu, the administrator,
the privacy and accessibility statements, and the finishing touches on the demo's accounts
and e-mails. Every function creates what is missing and leaves what exists alone."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import F
from wagtail.models import Locale, Site

from courses.models import ProgrammePage
from privacy.statements import accessibility_statement, privacy_statement
from website import emails
from website.models import FooterSettings, HomePage, InfoPage, NavigationSettings, OutboxMessage
from website.site_structure import ensure_site_structure

from . import content


def _publish(page, data):
    page.title = data["title"]
    page.draft_title = data["title"]
    page.intro = data["intro"]
    page.body = data["body"]
    page.save_revision().publish()


def load_home_pages(*, stdout) -> HomePage:
    home_data = content.site()["home"]
    home = ensure_site_structure()
    if not home.intro:
        _publish(home, home_data["nb"])
        stdout.write("  forside (nb) publisert")
    english = Locale.objects.get(language_code="en")
    if not HomePage.objects.filter(translation_key=home.translation_key, locale=english).exists():
        _publish(home.copy_for_translation(english), home_data["en"])
        stdout.write("  forside (en) publisert")
    site = Site.objects.get(is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def load_footer(*, stdout) -> None:
    footer_data = content.site()["footer"]
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    if not footer.about:
        footer.about = footer_data["about"]
        footer.about_en = footer_data["about_en"]
        footer.contact_email = footer_data["contact_email"]
        footer.save()
        stdout.write("  bunntekst lagt inn")


def load_administrator(*, password_hash: str, stdout) -> None:
    data = content.people()["administrator"]
    User = get_user_model()
    if not User.objects.filter(email=emails.normalise(data["email"])).exists():
        admin = User.objects.create_superuser(
            email=data["email"],
            password=None,
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        admin.password = password_hash  # the demo's password, hashed once by the loader
        admin.save(update_fields=["password"])
        stdout.write("  administrator opprettet")


def _menu_link(item, site):
    value = {"label": item["label"], "label_en": item["label_en"]}
    if "url" in item:
        return item["url"], {**value, "url": item["url"]}
    if item["page"] == "home":
        page = site.root_page
    else:
        page = ProgrammePage.objects.filter(locale__language_code="nb").first()
    if page is None:
        return None, None
    return page.url, {**value, "page": page.pk}


def load_navigation(*, stdout) -> None:
    """The menu's links from the data file, each added once (an editor's own links stay)."""
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    hrefs = {link.value.href() for link in navigation.links}
    links = list(navigation.links.raw_data)
    for item in content.site()["navigation"]:
        href, value = _menu_link(item, site)
        if href and href not in hrefs:
            links.append({"type": "link", "value": value})
            hrefs.add(href)
    if len(links) != len(navigation.links):
        navigation.links = links
        navigation.save()
        stdout.write("  meny lagt inn")


def load_statements(*, stdout) -> None:
    """The privacy and accessibility statements under the home page, linked in the footer.
    Runs after the gatherings (the privacy statement lists the profile's fields)."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    pages = []
    english = Locale.objects.get(language_code="en")
    for make in (privacy_statement, accessibility_statement):
        statement = make()
        page = InfoPage.objects.filter(slug=statement["slug"], locale=home.locale).first()
        if page is None:
            page = home.add_child(
                instance=InfoPage(
                    title=statement["title"],
                    slug=statement["slug"],
                    intro=statement["intro"],
                    body=statement["body"],
                )
            )
            page.save_revision().publish()
            stdout.write(f"  side «{statement['title']}» publisert")
        if not InfoPage.objects.filter(
            translation_key=page.translation_key, locale=english
        ).exists():
            translation = page.copy_for_translation(english)
            _publish(translation, make("en"))
            stdout.write(f"  side «{translation.title}» (en) publisert")
        pages.append(page)
    footer = FooterSettings.for_site(site)
    if not footer.links:
        labels_en = content.site()["footer"]["statement_labels_en"]
        footer.links = [
            {"type": "link", "value": {"page": page.pk, "label": "", "label_en": label}}
            for page, label in zip(pages, labels_en, strict=True)
        ]
        footer.save()


def verify_addresses() -> None:
    """Every demo account's e-mail counts as verified, so staff and participants can log in
    through /konto/ (the admin's login goes there too) without a confirmation e-mail."""
    for user in get_user_model().objects.filter(email__endswith=f"@{content.DOMAIN}"):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


def last_message_id() -> int:
    return OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def mark_messages_sent(*, after: int) -> None:
    """The e-mails this load wrote (ids above `after`) are not worth sending (the worker would
    print them all at start-up): they count as sent when they were written, and My data and
    the admin show them as such. E-mails the site wrote before are left to the outbox."""
    OutboxMessage.objects.filter(pk__gt=after, state=OutboxMessage.State.PENDING).update(
        state=OutboxMessage.State.SENT, sent_at=F("created_at")
    )

"""Demo curriculum: the programme in Norwegian and English, its three courses (both
languages) and their modules (Norwegian), all published. Idempotent: pages are found by
slug under their parent and left alone when they exist."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Site

from cohorts.models import Organisation
from website.demo import DEFAULT_ADMIN_PASSWORD
from website.models import HomePage, NavigationSettings

from . import editorial
from .demo_content import COURSES, PROGRAMME
from .models import CoursePage, ModulePage, ProgrammePage

PROGRAMME_SLUG = "program"

# Demo people for the editorial process; they share the demo administrator's password.
STAFF = [
    ("redaktor.mhu@medvirk.localhost", "Maja", "Redaktør (MHU)", editorial.EDITOR_GROUPS["MHU"]),
    (
        "bruker.godkjenner@medvirk.localhost",
        "Bilal",
        "Brukerrepresentant",
        editorial.USER_REVIEWER_GROUP,
    ),
    (
        "faglig.godkjenner@medvirk.localhost",
        "Frida",
        "Fagperson",
        editorial.PROFESSIONAL_REVIEWER_GROUP,
    ),
    ("koordinator.bar@medvirk.localhost", "Kim", "Koordinator (BAR)", editorial.COORDINATOR_GROUP),
]


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(page):
    page.save_revision().publish()
    return page


def _create(parent, page):
    parent.add_child(instance=page)
    return _publish(page)


def _translate(page, locale, fields):
    """The page's translation into `locale`, made and published if missing."""
    existing = (
        type(page).objects.filter(translation_key=page.translation_key, locale=locale).first()
    )
    if existing:
        return existing
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.draft_title = translation.title
    return _publish(translation)


def _module(course, data, organisations):
    module = ModulePage(
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        learning_objectives=data["learning_objectives"],
        duration_minutes=data["duration_minutes"],
        trains_individual_level="individual" in data["levels"],
        trains_service_level="service" in data["levels"],
        trains_system_level="system" in data["levels"],
        body=data["body"],
        facilitator_guide=data["facilitator_guide"],
        locale=course.locale,
    )
    module.authoring_organisations = [organisations[code] for code in data["organisations"]]
    return _create(course, module)


@transaction.atomic
def load(*, stdout) -> None:
    norwegian = Locale.objects.get(language_code="nb")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=norwegian, depth=2)
    organisations = {o.short_code: o for o in Organisation.objects.all()}

    programme = _child(home, ProgrammePage, PROGRAMME_SLUG)
    if programme is None:
        programme = _create(
            home, ProgrammePage(slug=PROGRAMME_SLUG, locale=norwegian, **PROGRAMME["nb"])
        )
        stdout.write("  opplæringsprogrammet publisert")
    _translate(programme, english, PROGRAMME["en"])

    for course_data in COURSES:
        course = _child(programme, CoursePage, course_data["slug"])
        if course is None:
            course = _create(
                programme,
                CoursePage(
                    slug=course_data["slug"],
                    level=course_data["level"],
                    locale=norwegian,
                    **course_data["nb"],
                ),
            )
            stdout.write(f"  kurs «{course.title}» publisert")
        _translate(course, english, course_data["en"])
        for module_data in course_data["modules"]:
            if _child(course, ModulePage, module_data["slug"]) is None:
                _module(course, module_data, organisations)
                stdout.write(f"    modul «{module_data['title']}» publisert")
    load_navigation(stdout=stdout)


def load_staff(*, stdout, password: str = DEFAULT_ADMIN_PASSWORD) -> None:
    User = get_user_model()
    for email, first_name, last_name, group_name in STAFF:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=group_name))
        stdout.write(f"  {group_name}: {email}")


def load_navigation(*, stdout) -> None:
    """Menu links to the programme and the search, once."""
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    programme = ProgrammePage.objects.filter(locale__language_code="nb").first()
    hrefs = {link.value.href() for link in navigation.links}
    links = list(navigation.links.raw_data)
    if programme and programme.url not in hrefs:
        links.append(
            {
                "type": "link",
                "value": {
                    "page": programme.pk,
                    "label": "Opplæringsprogrammet",
                    "label_en": "Training programme",
                },
            }
        )
    if "/samlinger/" not in hrefs:
        links.append(
            {
                "type": "link",
                "value": {"url": "/samlinger/", "label": "Samlinger", "label_en": "Gatherings"},
            }
        )
    if "/sok/" not in hrefs:
        links.append(
            {"type": "link", "value": {"url": "/sok/", "label": "Søk", "label_en": "Search"}}
        )
    if len(links) != len(navigation.links):
        navigation.links = links
        navigation.save()
        stdout.write("  meny: opplæringsprogram og søk lagt til")

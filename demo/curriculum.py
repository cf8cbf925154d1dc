"""The curriculum: the programme in Norwegian and English, its three courses and their
modules (both languages; a module without `en` in the data stays Norwegian only), all
published; and the editorial staff who work on it. Pages are found by slug under their parent
and left alone when they exist."""

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from courses import editorial
from courses.models import CoursePage, ModulePage, ProgrammePage
from people.models import Organisation
from website.models import HomePage

from . import content
from .people import account

LEVEL_FLAGS = {
    "individual": "trains_individual_level",
    "service": "trains_service_level",
    "system": "trains_system_level",
}


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
        body=data["body"],
        facilitator_guide=data["facilitator_guide"],
        locale=course.locale,
        **{flag: level in data["levels"] for level, flag in LEVEL_FLAGS.items()},
    )
    module.authoring_organisations = [organisations[code] for code in data["organisations"]]
    return _create(course, module)


def load(*, stdout) -> None:
    norwegian = Locale.objects.get(language_code="nb")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=norwegian, depth=2)
    organisations = {o.short_code: o for o in Organisation.objects.all()}
    programme_data = content.programme()
    modules_en = content.modules_en()

    slug = programme_data["slug"]
    programme = _child(home, ProgrammePage, slug)
    if programme is None:
        programme = _create(
            home, ProgrammePage(slug=slug, locale=norwegian, **programme_data["nb"])
        )
        stdout.write("  opplæringsprogrammet publisert")
    _translate(programme, english, programme_data["en"])

    for course_data in content.courses():
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
            module = _child(course, ModulePage, module_data["slug"])
            if module is None:
                module = _module(course, module_data, organisations)
                stdout.write(f"    modul «{module_data['title']}» publisert")
            if module_data["slug"] in modules_en:
                _translate(module, english, modules_en[module_data["slug"]])


def _group_name(key: str) -> str:
    """`editor:MHU`, `user_reviewer`, `professional_reviewer` → the editorial group's name."""
    if key.startswith("editor:"):
        return editorial.EDITOR_GROUPS[key.split(":", 1)[1]]
    return {
        "user_reviewer": editorial.USER_REVIEWER_GROUP,
        "professional_reviewer": editorial.PROFESSIONAL_REVIEWER_GROUP,
    }[key]


def load_staff(*, password_hash: str, stdout) -> None:
    """The editor and the two reviewers of the editorial workflow."""
    editorial.ensure_editorial_setup(django_apps)  # the groups, also in a flushed database
    User = get_user_model()
    for person in content.people()["staff"]:
        if User.objects.filter(email=person["email"]).exists():
            continue
        user = account(
            email=person["email"],
            password_hash=password_hash,
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        group = Group.objects.get(name=_group_name(person["group"]))
        user.groups.add(group)
        stdout.write(f"  {group.name}: {person['email']}")

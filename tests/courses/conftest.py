import pytest
from wagtail.models import Locale

MODULE_BODY = [
    {"type": "heading", "value": {"text": "Innledning", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Brukermedvirkning i barnevernet handler om å bli hørt.</p>"},
    {
        "type": "reflection_exercise",
        "value": {"question": "Når ble du hørt?", "minutes": 10, "instructions": "<p>I par.</p>"},
    },
    {"type": "facilitator_note", "value": {"note": "<p>Hemmelig kursholdertips: ta pause.</p>"}},
]


def make_programme(home):
    from courses.models import ProgrammePage

    page = ProgrammePage(
        title="Programmet",
        slug="program",
        intro="<p>Ett program for alle.</p>",
        individual_level="I egen sak.",
        service_level="I tjenesten.",
        system_level="I styrer og råd.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def programme(site_tree, organisations):
    return make_programme(site_tree)


def make_course(programme, *, level="new", slug="nye", title="Kurs for nye"):
    from courses.models import CoursePage

    course = CoursePage(
        title=title,
        slug=slug,
        level=level,
        summary="Et kurs for deg som er ny.",
        audience="<p>Nye brukermedvirkere.</p>",
        learning_outcomes="<ul><li>Å bli hørt</li></ul>",
        certificate_text="Innehaveren kan delta i brukermedvirkning på individnivå.",
    )
    programme.add_child(instance=course)
    course.save_revision().publish()
    return course


def make_module(course, *, title, slug, minutes=60, body=None, publish=True, organisations=()):
    from courses.models import ModulePage

    module = ModulePage(
        title=title,
        slug=slug,
        summary=f"Sammendrag av {title}.",
        learning_objectives="<ul><li>Forstå</li></ul>",
        duration_minutes=minutes,
        trains_individual_level=True,
        body=MODULE_BODY if body is None else body,
        facilitator_guide="<p>Kursholderveiledning: start med en runde.</p>",
    )
    module.authoring_organisations = list(organisations)
    module.live = publish  # add_child would otherwise make it live at once
    course.add_child(instance=module)
    revision = module.save_revision()
    if publish:
        revision.publish()
    return module


@pytest.fixture
def course(programme):
    return make_course(programme)


@pytest.fixture
def modules(course, organisations):
    return [
        make_module(
            course,
            title=title,
            slug=slug,
            minutes=minutes,
            organisations=[organisations["MHU"], organisations["LFB"]],
        )
        for title, slug, minutes in [
            ("Hva er brukermedvirkning", "hva-er", 90),
            ("Retten til å bli hørt", "retten", 60),
            ("Egen erfaring", "egen-erfaring", 45),
        ]
    ]


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def user_in_group(email, group_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(email=email, password="et-langt-passord-123")
    user.groups.add(Group.objects.get(name=group_name))
    return user

import pytest
from wagtail.models import Locale

from tests.factories import make_course, make_module, make_programme


@pytest.fixture
def programme(site_tree, organisations):
    return make_programme(site_tree)


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

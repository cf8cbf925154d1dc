"""The demo in English is English (issue 15): gatherings, sessions, modules and the two
statements have English translations, and dates follow the active language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from cohorts.models import Gathering, Session
from courses.models import ModulePage
from website.models import InfoPage

pytestmark = pytest.mark.django_db


def test_every_gathering_and_session_has_english_and_shows_it_in_english(demo):
    for gathering in Gathering.objects.all():
        assert gathering.title_en and gathering.description_en, gathering.title
        assert gathering.title_en.startswith(
            ("Gathering", "Experience communicator", "Network gathering")
        )
        # The title's month is the English month of the same date.
        starts = timezone.localtime(gathering.starts_at)
        assert gathering.title_en.endswith(f", {starts:%B} {starts.year}"), gathering.title_en
        with translation.override("en"):
            assert gathering.display_title == gathering.title_en
            assert gathering.display_description == gathering.description_en
        with translation.override("nb"):
            assert gathering.display_title == gathering.title
    assert not Session.objects.filter(title_en="").exists()
    with translation.override("en"):
        titles = {session.display_title for session in Session.objects.all()}
    assert "Welcome and getting to know each other" in titles
    assert "What is user participation?" in titles


def test_every_module_and_both_statements_are_published_in_english(demo):
    norwegian = ModulePage.objects.live().filter(locale__language_code="nb")
    english = ModulePage.objects.live().filter(locale__language_code="en")
    assert norwegian.count() == english.count() == 13
    assert set(english.values_list("translation_key", flat=True)) == set(
        norwegian.values_list("translation_key", flat=True)
    )
    for module in english:
        assert "<p>" in str(module.body)
        assert not any(word in module.title for word in ("å ", "og ", "Hva "))
    titles = set(
        InfoPage.objects.live().filter(locale__language_code="en").values_list("title", flat=True)
    )
    assert titles == {"Privacy statement", "Accessibility statement"}
    privacy = InfoPage.objects.get(locale__language_code="en", slug="personvern")
    assert "months" in str(privacy.body) and "måneder" not in str(privacy.body)


@pytest.mark.parametrize(
    ("language", "date_format", "expected"),
    [
        ("en", "DATE_FORMAT", "13 February 2027"),
        ("nb", "DATE_FORMAT", "13. februar 2027"),
        ("en", "DATETIME_FORMAT", "13 February 2027 10:30"),
        ("nb", "DATETIME_FORMAT", "13. februar 2027 10:30"),
        ("en", "SHORT_DATE_FORMAT", "13/2/2027"),
        ("nb", "SHORT_DATE_FORMAT", "13.2.2027"),
        ("en", "TIME_FORMAT", "10:30"),
    ],
)
def test_dates_follow_the_active_language(language, date_format, expected):
    moment = datetime.datetime(2027, 2, 13, 10, 30)
    template = Template(f'{{{{ moment|date:"{date_format}" }}}}')
    with translation.override(language):
        assert template.render(Context({"moment": moment})) == expected

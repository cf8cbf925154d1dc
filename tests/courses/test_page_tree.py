"""The curriculum's page tree: editors can only build Programme > Course > Module."""

import pytest
from django.core.exceptions import ValidationError

from courses.blocks import LivedExperienceStoryBlock, VideoBlock
from courses.models import CoursePage, ModulePage, ProgrammePage
from tests.factories import make_course, make_module
from website.blocks import AccessibleImageBlock
from website.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_types_only_fit_where_they_belong():
    assert ProgrammePage.allowed_parent_page_models() == [HomePage]
    assert ProgrammePage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [ProgrammePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_parent_page_models() == [CoursePage]
    assert ModulePage.allowed_subpage_models() == []


def test_a_home_page_holds_one_programme(programme, site_tree):
    assert not ProgrammePage.can_create_at(site_tree)
    assert not ModulePage.can_create_at(programme)


def test_the_admin_refuses_a_second_course_for_the_same_level(client, admin_user, programme):
    make_course(programme, level="new")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/add/courses/coursepage/{programme.pk}/",
        {
            "title": "Et annet kurs for nye",
            "slug": "annet",
            "level": "new",
            "summary": "x",
            "audience": '{"blocks":[{"key":"a","type":"unstyled","text":"x","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "learning_outcomes": '{"blocks":[{"key":"a","type":"unstyled","text":"x","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "prerequisites": '{"blocks":[{"key":"a","type":"unstyled","text":"x","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "certificate_text": "x",
            "body-count": "0",
        },
    )
    assert response.status_code == 200
    assert "Programmet har allerede et kurs for dette nivået." in response.content.decode()
    assert CoursePage.objects.filter(level="new").count() == 1


def test_a_module_must_train_at_least_one_participation_level(course):
    module = ModulePage(
        title="M", slug="m", summary="s", learning_objectives="<p>x</p>", duration_minutes=30
    )
    with pytest.raises(ValidationError) as error:
        module.clean()
    assert "trains_individual_level" in error.value.message_dict


@pytest.mark.parametrize("minutes", [0, 4, 481])
def test_a_module_lasts_between_five_minutes_and_eight_hours(course, minutes):
    module = ModulePage(
        title="M",
        slug="m",
        summary="s",
        learning_objectives="<p>x</p>",
        duration_minutes=minutes,
        trains_system_level=True,
    )
    with pytest.raises(ValidationError) as error:
        module.clean_fields(exclude=["path", "depth", "locale", "body"])
    assert "duration_minutes" in error.value.message_dict


def test_course_hours_are_summed_from_its_published_modules(course, modules):
    make_module(course, title="Utkast", slug="utkast", minutes=120, publish=False)
    course = CoursePage.objects.get(pk=course.pk)
    assert course.total_minutes == 90 + 60 + 45


def test_modules_are_listed_in_the_order_editors_gave_them(course, modules):
    course = CoursePage.objects.get(pk=course.pk)
    assert [m.slug for m in course.modules] == ["hva-er", "retten", "egen-erfaring"]
    modules[2].move(modules[0], pos="left")
    course = CoursePage.objects.get(pk=course.pk)
    assert [m.slug for m in course.modules] == ["egen-erfaring", "hva-er", "retten"]


def test_a_lived_experience_story_needs_the_authors_consent():
    block = LivedExperienceStoryBlock()
    value = {"title": "T", "story": "<p>S</p>", "author": "Sara, 19", "consent": False}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))
    block.clean(block.to_python({**value, "consent": True}))


def test_an_image_needs_alternative_text(django_user_model):
    block = AccessibleImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))


def test_a_video_needs_a_transcript():
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"video": None, "title": "Video", "transcript": ""}))

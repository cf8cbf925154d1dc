"""The published curriculum through Wagtail's API v2 (issue 19, courses/api.py): facilitator
content never appears, in any endpoint, list or detail, whatever `fields` asks for; only live
pages without a view restriction, whoever asks; images and documents only when a public page
uses them; both languages."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    PageViewRestriction,
)

from tests.factories import make_course, make_module, make_programme

pytestmark = pytest.mark.django_db

NOTE = "Hemmelig kursholdertips"
GUIDE = "Kursholderveiledning"
FACILITATOR_TEXTS = (NOTE, GUIDE, "facilitator_note", "facilitator_guide")

FIELD_CHOICES = ("", "?fields=*", "?fields=body", "?fields=_,body", "?fields=-title,*")


@pytest.fixture
def curriculum(site_tree, organisations):
    programme = make_programme(site_tree)
    course = make_course(programme)
    module = make_module(course, title="Å bli hørt", slug="bli-hort", organisations=[])
    return programme, course, module


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def every_answer(client, *, types=("courses.ModulePage", "courses.CoursePage")):
    """Every list and detail of every endpoint with every `fields` choice: (url, text). A
    choice an endpoint refuses (400: `body` in an untyped list) is searched as well."""
    answers = []
    for endpoint in ("pages", "images", "documents"):
        ids = [item["id"] for item in get_json(client, f"/api/v2/{endpoint}/?limit=50")["items"]]
        for fields in FIELD_CHOICES:
            urls = [f"/api/v2/{endpoint}/{fields}"]
            urls += [f"/api/v2/{endpoint}/{pk}/{fields}" for pk in ids]
            answers += [(url, client.get(url).content.decode()) for url in urls]
    for page_type in types:
        for fields in ("*", "body", "body,summary"):
            url = f"/api/v2/pages/?type={page_type}&fields={fields}&locale=nb"
            answers.append((url, json.dumps(get_json(client, url), ensure_ascii=False)))
    return answers


def test_a_module_with_a_facilitator_note_shows_the_rest_of_its_body_and_no_trace_of_the_note(
    client, curriculum
):
    _programme, _course, module = curriculum
    page = get_json(client, f"/api/v2/pages/{module.pk}/")
    assert page["title"] == "Å bli hørt"
    assert [item["type"] for item in page["body"]] == [
        "heading",
        "paragraph",
        "reflection_exercise",
    ]
    assert "facilitator_guide" not in page
    for url, text in every_answer(client):
        for secret in FACILITATOR_TEXTS:
            assert secret not in text, f"{secret!r} in {url}"


def test_searching_for_the_facilitator_text_finds_nothing(client, curriculum):
    for words in ("Hemmelig", "kursholdertips", "Kursholderveiledning"):
        found = get_json(client, f"/api/v2/pages/?search={words}")
        assert found["meta"]["total_count"] == 0, words
    assert get_json(client, "/api/v2/pages/?search=hørt")["meta"]["total_count"] >= 1


def test_a_facilitator_field_cannot_be_asked_for_or_filtered_on(client, curriculum):
    for query in (
        "?type=courses.ModulePage&fields=facilitator_guide",
        "?type=courses.ModulePage&facilitator_guide=x",
        "?type=courses.ModulePage&order=facilitator_guide",
    ):
        response = client.get(f"/api/v2/pages/{query}")
        assert response.status_code == 400, query
        assert GUIDE not in response.content.decode()


def test_drafts_and_restricted_pages_are_left_out_whoever_asks(
    client, admin_client, curriculum, django_user_model
):
    _programme, course, module = curriculum
    draft = make_module(course, title="Utkast", slug="utkast", publish=False)
    login_only = make_module(course, title="Bare innlogget", slug="innlogget")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    password = make_module(course, title="Med passord", slug="passord")
    PageViewRestriction.objects.create(
        page=password, restriction_type="password", password="hemmelig"
    )
    hidden = {draft.pk, login_only.pk, password.pk}
    for who in (client, admin_client):  # a logged-in administrator may open them on the site
        listed = get_json(who, "/api/v2/pages/?limit=50")
        ids = {item["id"] for item in listed["items"]}
        assert module.pk in ids
        assert not ids & hidden
        for pk in hidden:
            assert who.get(f"/api/v2/pages/{pk}/").status_code == 404
        assert get_json(who, f"/api/v2/pages/?child_of={course.pk}")["meta"]["total_count"] == 1


def test_a_restricted_course_takes_its_modules_with_it(client, curriculum):
    _programme, course, module = curriculum
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    ids = {item["id"] for item in get_json(client, "/api/v2/pages/?limit=50")["items"]}
    assert not ids & {course.pk, module.pk}


def test_both_languages(client, curriculum):
    _programme, course, module = curriculum
    english = Locale.objects.get(language_code="en")
    translated = module.copy_for_translation(english, copy_parents=True)
    translated.title = "Being heard"
    translated.save_revision().publish()  # its parents are copied as live aliases
    nb = get_json(client, "/api/v2/pages/?locale=nb&type=courses.ModulePage")
    en = get_json(client, "/api/v2/pages/?locale=en&type=courses.ModulePage")
    assert [item["title"] for item in nb["items"]] == ["Å bli hørt"]
    assert [item["title"] for item in en["items"]] == ["Being heard"]
    assert en["items"][0]["meta"]["locale"] == "en"
    detail = get_json(client, f"/api/v2/pages/{translated.pk}/")
    assert [item["type"] for item in detail["body"]] == [
        "heading",
        "paragraph",
        "reflection_exercise",
    ]
    assert NOTE not in json.dumps(detail, ensure_ascii=False)


def test_images_and_documents_only_when_a_public_page_uses_them(client, curriculum):
    _programme, course, _module = curriculum
    image_model, document_model = get_image_model(), get_document_model()
    used = image_model.objects.create(title="Brukt bilde", file=get_test_image_file())
    unused = image_model.objects.create(title="Ubrukt bilde", file=get_test_image_file())
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    in_private = image_model.objects.create(
        title="Internt bilde", file=get_test_image_file(), collection=private
    )
    handout = document_model.objects.create(title="Arbeidsark", file=get_test_image_file())
    draft_doc = document_model.objects.create(title="Utkast-ark", file=get_test_image_file())
    body = [
        {"type": "image", "value": {"image": used.pk, "decorative": False, "alt_text": "Bilde"}},
        {"type": "image", "value": {"image": in_private.pk, "decorative": True, "alt_text": ""}},
        {"type": "document", "value": {"document": handout.pk, "description": ""}},
    ]
    make_module(course, title="Med bilde", slug="med-bilde", body=body)
    draft_body = [{"type": "document", "value": {"document": draft_doc.pk, "description": ""}}]
    make_module(course, title="Utkast", slug="utkast", body=draft_body, publish=False)

    images = get_json(client, "/api/v2/images/")
    assert [item["title"] for item in images["items"]] == ["Brukt bilde"]
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{in_private.pk}/").status_code == 404
    documents = get_json(client, "/api/v2/documents/")
    assert [item["title"] for item in documents["items"]] == ["Arbeidsark"]
    assert client.get(f"/api/v2/documents/{draft_doc.pk}/").status_code == 404


def test_json_only_and_read_only(client, curriculum):
    _programme, _course, module = curriculum
    assert client.get("/api/v2/pages/?format=api").status_code == 404  # no HTML API
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete(f"/api/v2/pages/{module.pk}/").status_code == 405
    # A Basic header is not looked at (no password check, no different answer).
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Basic YTpi")
    assert response.status_code == 200


def test_a_logged_in_persons_answer_is_not_stored(admin_client, curriculum):
    _programme, _course, module = curriculum
    for url in ("/api/v2/pages/", f"/api/v2/pages/{module.pk}/", "/api/v2/images/"):
        assert "no-store" in admin_client.get(url)["Cache-Control"], url


def test_an_id_past_the_largest_key_is_not_found(client, curriculum):
    for endpoint in ("pages", "images", "documents"):
        assert client.get(f"/api/v2/{endpoint}/99999999999999999999/").status_code == 404


def test_a_group_restriction_hides_the_page_from_that_group_too(
    client, curriculum, django_user_model
):
    _programme, course, _module = curriculum
    group = Group.objects.create(name="Kursholdere")
    page = make_module(course, title="Gruppeside", slug="gruppe")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
    restriction.groups.add(group)
    member = django_user_model.objects.create_user(email="k@example.org", password="x")
    member.groups.add(group)
    client.force_login(member)
    ids = {item["id"] for item in get_json(client, "/api/v2/pages/?limit=50")["items"]}
    assert page.pk not in ids

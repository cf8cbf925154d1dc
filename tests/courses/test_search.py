"""`/sok/`: the published curriculum, in the visitor's language, with Norwegian stemming."""

import pytest

from tests.factories import make_module

pytestmark = pytest.mark.django_db


def result_titles(client, query, **params):
    response = client.get("/sok/", {"q": query, **params})
    assert response.status_code == 200
    return response


def test_search_finds_a_module_and_names_its_course(client, modules):
    response = result_titles(client, "barnevernet")
    html = response.content.decode()
    assert "Retten til å bli hørt" in html
    assert "i Kurs for nye" in html
    assert "Modul" in html


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("word_in_text", "query"),
    [
        ("barnevernet", "barnevern"),
        ("rettigheter", "rettighetene"),
        ("medvirkning", "medvirkningen"),
    ],
)
def test_norwegian_stemming_finds_other_forms_of_a_word(client, course, word_in_text, query):
    body = [{"type": "paragraph", "value": f"<p>Om {word_in_text} for unge.</p>"}]
    make_module(course, title="Stammemodul", slug="stamme", body=body)
    assert "Stammemodul" in result_titles(client, query).content.decode()


def test_unpublished_modules_are_not_found(client, course):
    body = [{"type": "paragraph", "value": "<p>Uferdig tekst om styrearbeid.</p>"}]
    make_module(course, title="Utkastmodul", slug="utkast", body=body, publish=False)
    assert "Utkastmodul" not in result_titles(client, "styrearbeid").content.decode()


def test_an_empty_search_shows_the_form_only(client, modules):
    response = result_titles(client, "   ")
    html = response.content.decode()
    assert 'type="search"' in html
    assert "treff" not in html


def test_a_search_that_is_too_long_is_refused_with_a_norwegian_message(client, modules):
    response = client.get("/sok/", {"q": "a" * 201})
    assert response.status_code == 400
    assert "Søket er for langt" in response.content.decode()


def test_a_search_with_a_nul_character_gets_a_message_and_no_results(client, modules):
    client.raise_request_exception = False  # (a 500 must show as one, not as an exception)
    for query in ("\x00", "barnevernet\x00"):
        response = client.get("/sok/", {"q": query})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Søket inneholder et tegn som ikke kan søkes etter" in html
        assert "Retten til å bli hørt" not in html


def test_english_visitors_search_the_english_pages(client, programme, english, settings):
    translation = programme.copy_for_translation(english, copy_parents=True)
    translation.title = "The Programme"
    translation.intro = "<p>One programme about participation for everyone.</p>"
    translation.save_revision().publish()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = result_titles(client, "participation").content.decode()
    assert "The Programme" in html
    assert "Programmet" not in html.split("<main")[1]


def test_results_are_paginated(client, course):
    for number in range(12):
        body = [{"type": "paragraph", "value": "<p>Om likepersonsarbeid.</p>"}]
        make_module(course, title=f"Modul nummer {number}", slug=f"m{number}", body=body)
    first = result_titles(client, "likepersonsarbeid").content.decode()
    assert "12 treff" in first
    assert first.count("search-results__title") == 10
    second = result_titles(client, "likepersonsarbeid", side=2).content.decode()
    assert second.count("search-results__title") == 2

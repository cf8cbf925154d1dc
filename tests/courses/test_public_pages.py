"""What a visitor meets: titles, descriptions, breadcrumbs, previous/next, sitemap, English."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_module_page_has_title_description_breadcrumbs_and_neighbours(client, modules):
    html = client.get(modules[1].url).content.decode()
    assert "<title>Retten til å bli hørt – Medvirk</title>" in html
    assert '<meta name="description" content="Sammendrag av Retten til å bli hørt.">' in html
    breadcrumbs = html.split('aria-label="Du er her"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", breadcrumbs) == ["Medvirk", "Programmet", "Kurs for nye"]
    assert 'rel="prev"' in html and "Hva er brukermedvirkning" in html
    assert 'rel="next"' in html and "Egen erfaring" in html


def test_the_first_and_last_module_have_one_neighbour(client, modules):
    first = client.get(modules[0].url).content.decode()
    last = client.get(modules[-1].url).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_a_module_shows_its_facts(client, modules):
    html = client.get(modules[0].url).content.decode()
    assert "90 min" in html
    assert "Individnivå" in html
    assert "Landsforeningen for barnevernsbarn, Mental Helse Ungdom" in html


def test_the_course_page_lists_modules_in_order_with_total_time(client, course, modules):
    html = client.get(course.url).content.decode()
    positions = [html.index(m.title) for m in modules]
    assert positions == sorted(positions)
    assert "3 timer" in html  # 90 + 60 + 45 minutes


def test_the_programme_page_lists_courses_with_hours_and_what_they_lead_to(
    client, programme, modules
):
    html = client.get(programme.url).content.decode()
    assert "Kurs for nye" in html
    assert "Nye brukermedvirkere · 3 timer" in html
    assert "Innehaveren kan delta i brukermedvirkning på individnivå." in html
    for level in ("Individnivå", "Tjenestenivå", "Systemnivå"):
        assert level in html


def test_the_sitemap_lists_published_curriculum_pages_once(client, modules, course):
    from tests.factories import make_module

    draft = make_module(course, title="Utkast", slug="utkast", publish=False)
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert any(loc.endswith("/program/nye/hva-er/") for loc in locations)
    assert not any(loc.endswith(draft.url) for loc in locations)
    assert len(locations) == len(set(locations))


def test_english_visitors_get_untranslated_modules_in_norwegian_not_a_404(
    client, programme, course, modules, english, settings
):
    programme.copy_for_translation(english, copy_parents=True).save_revision().publish()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(modules[0].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<main id="main" tabindex="-1" class="site-main" lang="nb">' in html
    assert "not yet available in English" in html
    assert client.get("/program/finnes-ikke/").status_code == 404

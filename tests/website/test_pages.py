"""Public pages: language, footer, personal-data caching, errors."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_front_page_is_norwegian_whatever_the_browser_asks_for(client, demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    assert "Hopp til hovedinnholdet" in html
    assert "Ett felles opplæringsprogram" in html
    assert response["Content-Language"] == "nb"


def test_choosing_english_switches_text_and_content_and_is_remembered(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "One shared training programme" in html  # the English translation of the page


def test_an_unknown_language_cookie_falls_back_to_norwegian(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert '<html lang="nb">' in client.get("/").content.decode()


def test_language_dependent_pages_vary_on_the_cookie(client, demo):
    assert "Cookie" in client.get("/")["Vary"]


def test_footer_names_the_three_organisations(client, demo):
    html = client.get("/").content.decode()
    for name in (
        "Mental Helse Ungdom",
        "Barn av rusmisbrukere",
        "Landsforeningen for barnevernsbarn",
    ):
        assert name in html


def test_footer_lists_an_organisation_an_administrator_adds(client, demo):
    from cohorts.models import Organisation

    Organisation.objects.create(name="Ny Forening for Unge", short_code="NFU")
    assert "Ny Forening for Unge" in client.get("/").content.decode()


def test_menu_and_footer_come_from_the_site_settings(client, demo):
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    navigation.links = [
        {"type": "link", "value": {"url": "https://example.org/x", "label": "Eksempel"}}
    ]
    navigation.save()
    footer = FooterSettings.for_site(site)
    footer.contact_email = "hei@medvirk.example"
    footer.save()
    html = client.get("/").content.decode()
    assert '<a href="https://example.org/x">Eksempel</a>' in html
    assert "mailto:hei@medvirk.example" in html


def test_anonymous_pages_may_be_cached_but_personal_ones_never(client, demo, user):
    anonymous = client.get("/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(user)
    logged_in = client.get("/")
    assert "no-store" in logged_in["Cache-Control"]
    assert "private" in logged_in["Cache-Control"]


def test_unknown_address_gives_a_norwegian_not_found_page(client, demo):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_admin_login_page_answers(client, site_tree):
    assert client.get("/admin/login/").status_code == 200


def test_an_administrator_logs_in_to_wagtail_with_email(client, admin_user, site_tree):
    response = client.post(
        "/admin/login/", {"username": "ADMIN@example.org", "password": "et-langt-passord-123"}
    )
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "no-store" in dashboard["Cache-Control"]


def test_administrators_manage_organisations_in_the_admin(client, admin_user, demo):
    client.force_login(admin_user)
    listing = client.get("/admin/organisations/")
    assert listing.status_code == 200
    assert "Landsforeningen for barnevernsbarn" in listing.content.decode()
    response = client.post(
        "/admin/organisations/new/",
        {"name": "Unge Stemmer", "short_code": "US", "contact_email": "", "website": ""},
    )
    assert response.status_code == 302
    from cohorts.models import Organisation

    assert Organisation.objects.filter(short_code="US").exists()


def test_site_settings_are_editable_in_the_admin(client, admin_user, demo):
    client.force_login(admin_user)
    for name in ("navigationsettings", "footersettings"):
        response = client.get(f"/admin/settings/website/{name}/")
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert client.get(response["Location"]).status_code == 200

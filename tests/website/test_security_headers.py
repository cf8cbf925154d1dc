"""Response headers that protect people: a Content Security Policy everywhere (no inline
script on the site, only our own origin), and no-store on pages with personal data."""

import pytest

from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_site_allows_no_inline_script_or_style_and_no_other_origin(client, site_tree):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_adds_inline_only(client, admin_user, site_tree):
    client.force_login(admin_user)
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"]


def test_pages_with_personal_data_are_never_stored(client, organisations):
    participant = make_participant(organisations["MHU"])
    client.force_login(participant.user)
    for url in ["/min-side/", "/min-side/profil/", "/min-side/mine-data/", "/min-side/slett/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url

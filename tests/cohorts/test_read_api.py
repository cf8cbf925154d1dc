"""The read API's gatherings (issue 19, cohorts/views/api.py) and the embeddable list
(cohorts/views/embed.py): what a gathering says, in which language, with the status and seats
of its page; a fixed number of queries; CORS on /api/ only; the page cache with the gatherings'
generation; framing allowed for the embeddable list only; and no personal data or facilitator
content in any answer."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts.services import gathering_status
from tests.factories import (
    apply_for_seat,
    make_coordinator,
    make_course,
    make_gathering,
    make_module,
    make_participant,
    make_programme,
)

pytestmark = pytest.mark.django_db


def gatherings_json(client, query=""):
    response = client.get(f"/api/samlinger/{query}")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_upcoming_published_gatherings_with_the_status_and_seats_their_page_shows(
    client, organisations
):
    now = timezone.now()
    few = make_gathering(organisations, capacity=4, quotas=(1, 1, 1), title="Få plasser")
    status = gathering_status(few)
    full = make_gathering(
        organisations,
        capacity=1,
        quotas=(1, 0, 0),
        title="Full",
        starts_at=now + datetime.timedelta(days=40),
        ends_at=now + datetime.timedelta(days=41),
    )
    apply_for_seat(full, make_participant(organisations["MHU"]), organisations["MHU"])
    make_gathering(organisations, title="Utkast", status="draft")
    make_gathering(organisations, title="Avlyst", status="cancelled")
    make_gathering(
        organisations,
        title="Ferdig",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=2),
    )
    answer = gatherings_json(client)
    assert answer["language"] == "nb"
    assert [item["title"] for item in answer["gatherings"]] == ["Få plasser", "Full"]
    first, second = answer["gatherings"]
    assert first["status"] == status.code == "open"
    assert first["seats_left"] == status.seats_left == 4
    assert first["status_label"] == str(status.label) == "Åpen for søknader"
    assert second["status"] == "waitlist" and second["seats_left"] is None
    assert first["url"] == f"http://testserver/samlinger/{few.slug}/"
    assert first["venue"] == {"name": "Scandic Oslo", "address": "Storgata 1, Oslo"}
    assert first["kind"] == "programme" and first["level"] == "new"
    starts = datetime.datetime.fromisoformat(first["starts_at"])
    assert starts == few.starts_at.replace(microsecond=starts.microsecond)
    assert starts.utcoffset() in (datetime.timedelta(hours=1), datetime.timedelta(hours=2))


def test_english_level_and_kind(client, organisations):
    make_gathering(organisations, title="Nye", title_en="New ones", level="new")
    make_gathering(organisations, title="Videre", level="advanced", kind="network")
    english = gatherings_json(client, "?lang=en")
    assert english["language"] == "en"
    assert [item["title"] for item in english["gatherings"]] == ["New ones", "Videre"]
    assert english["gatherings"][0]["status_label"] == "Open for applications"
    assert [g["title"] for g in gatherings_json(client, "?level=advanced")["gatherings"]] == [
        "Videre"
    ]
    assert [g["kind"] for g in gatherings_json(client, "?kind=network")["gatherings"]] == [
        "network"
    ]


@pytest.mark.parametrize(
    "query", ["?level=expert", "?lang=sv", "?organisation=MHU", "?level=new&level=advanced"]
)
def test_an_unknown_parameter_or_value_is_refused_with_a_message(client, organisations, query):
    response = client.get(f"/api/samlinger/{query}")
    assert response.status_code == 400
    assert "må være en av" in response.json()["error"] or "Ukjent" in response.json()["error"]


def test_the_same_number_of_queries_for_two_gatherings_as_for_twelve(client, organisations):
    def count():
        with CaptureQueriesContext(connection) as queries:
            gatherings_json(client)
        return len(queries)

    for _ in range(2):
        make_gathering(organisations)
    two = count()
    for _ in range(10):
        make_gathering(organisations)
    assert count() == two <= 4


def test_cors_on_the_api_only(client, organisations):
    make_gathering(organisations)
    origin = {"HTTP_ORIGIN": "https://www.mentalhelseungdom.no"}
    for path in ("/api/samlinger/", "/api/v2/pages/", "/api/schema/"):
        response = client.get(path, **origin)
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/samlinger/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get("/samlinger/", **origin)


def test_only_the_embeddable_list_may_be_framed_by_other_sites(client, organisations):
    make_gathering(organisations, title="Innebygd samling")
    embed = client.get("/samlinger/innebygd/?level=new")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "Innebygd samling" in embed.content.decode()
    for path in ("/samlinger/", "/api/samlinger/", "/"):
        other = client.get(path)
        assert other["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'self'" in other["Content-Security-Policy"], path
    refused = client.get("/samlinger/innebygd/?niva=ny")
    assert refused.status_code == 400
    assert "Ukjent parameter" in refused.content.decode()


@pytest.fixture
def page_cache(settings, site_tree):
    from wagtail.models import Site

    from website.models import FooterSettings, NavigationSettings

    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "enabled": True}
    site = Site.objects.get(is_default_site=True)
    FooterSettings.for_site(site)
    NavigationSettings.for_site(site)


def test_cached_for_visitors_with_the_gatherings_generation(client, organisations, page_cache):
    gathering = make_gathering(organisations, title="Før")
    first = client.get("/api/samlinger/?lang=en")
    assert first["X-Page-Cache"] == "miss"
    assert not first.cookies
    again = client.get("/api/samlinger/?lang=en")
    assert again["X-Page-Cache"] == "hit"
    assert again["Cache-Control"] == "public, max-age=5"  # it shows seats
    assert again.content == first.content
    assert client.get("/api/samlinger/")["X-Page-Cache"] == "miss"  # stored per query
    not_modified = client.get("/api/samlinger/?lang=en", HTTP_IF_NONE_MATCH=again["ETag"])
    assert not_modified.status_code == 304
    gathering.title = "Etter"
    gathering.save()
    fresh = client.get("/api/samlinger/?lang=en")
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["gatherings"][0]["title"] == "Etter"


def test_the_embeddable_list_keeps_its_framing_policy_when_it_comes_from_the_cache(
    client, organisations, page_cache
):
    make_gathering(organisations)
    assert client.get("/samlinger/innebygd/")["X-Page-Cache"] == "miss"
    hit = client.get("/samlinger/innebygd/")
    assert hit["X-Page-Cache"] == "hit"
    assert "frame-ancestors *" in hit["Content-Security-Policy"]
    assert "X-Frame-Options" not in hit
    assert client.get("/samlinger/")["X-Frame-Options"] == "DENY"


NOTE = "Hemmelig kursholdertips"
GUIDE = "Kursholderveiledning"


def every_api_answer(client):
    """Every endpoint of the read API, list and detail, with fields=* (and the embeddable
    list): (url, text)."""
    urls = ["/api/schema/", "/samlinger/innebygd/", "/samlinger/innebygd/?lang=en"]
    for query in ("", "?lang=en", "?level=new", "?kind=network"):
        urls.append(f"/api/samlinger/{query}")
    for endpoint in ("pages", "images", "documents"):
        listing = client.get(f"/api/v2/{endpoint}/?fields=*&limit=50").json()
        urls.append(f"/api/v2/{endpoint}/?fields=*&limit=50")
        urls += [f"/api/v2/{endpoint}/{item['id']}/?fields=*" for item in listing["items"]]
    for page_type in ("courses.ModulePage", "courses.CoursePage", "courses.ProgrammePage"):
        urls.append(f"/api/v2/pages/?type={page_type}&fields=*")
    answers = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers.append((url, response.content.decode()))
    return answers


def test_no_personal_data_or_facilitator_content_in_any_answer(client, organisations, site_tree):
    course = make_course(make_programme(site_tree))
    make_module(course, title="Modul", slug="modul", organisations=[organisations["MHU"]])
    make_gathering(organisations, kind="network", title="Nettverkssamling")
    gathering = make_gathering(
        organisations,
        contact_name="Kari Kontaktperson",
        contact_phone="98765432",
        contact_email="kari.kontakt@example.org",
        description="Om samlingen.",
    )
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participant = make_participant(organisations["MHU"], name="Sigrid Søker", age=16)
    apply_for_seat(gathering, participant, organisations["MHU"])
    organisations["MHU"].contact_email = "post@mhu.example.org"
    organisations["MHU"].save()
    secrets = [
        NOTE,
        GUIDE,
        "Kari Kontaktperson",
        "98765432",
        "kari.kontakt@example.org",
        coordinator.email,
        participant.full_name,
        participant.user.email,
        participant.guardian_email,
        participant.birth_date.isoformat(),
        "post@mhu.example.org",
    ]
    answers = every_api_answer(client)
    assert any("Modul" in text for _url, text in answers)
    assert any(gathering.slug in text for _url, text in answers)
    for url, text in answers:
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {url}"
        if url.startswith("/api/"):
            json.loads(text)

"""The read API against its OpenAPI description (issue 19, cohorts/openapi.json, served at
/api/schema/): schemathesis generates requests from the description, sends them to the WSGI
application and checks every answer — no 5xx, documented status codes and content types,
bodies that match the schemas (which also say that no item of a page's body is a facilitator
note and no page has a facilitator guide). And the description names every endpoint the site
has under /api/, and nothing more."""

import json
import re

import pytest
import schemathesis
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cohorts.views.api import SCHEMA_PATH
from tests.factories import make_course, make_gathering, make_module, make_programme

DESCRIPTION = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
schema = schemathesis.openapi.from_dict(DESCRIPTION)


@pytest.fixture
def application():
    """The site's WSGI application, sharing the test's connection and transaction: as Django's
    test client does, the connection is not closed at the end of each request."""
    from django.core import signals
    from django.db import close_old_connections

    from website.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def published(db, site_tree, organisations):
    course = make_course(make_programme(site_tree))
    make_module(course, title="Modul", slug="modul", organisations=[organisations["MHU"]])
    make_gathering(organisations, title="Samling", title_en="Gathering")
    make_gathering(organisations, level="advanced", kind="network")


@schema.parametrize()
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_answer_matches_the_description(case, published, application):
    # Not checked: that every request the description allows gets a 2xx. `child_of=7` is valid
    # by the description, and Wagtail rightly answers 400 when page 7 is not published.
    case.call_and_validate(app=application, excluded_checks=[positive_data_acceptance])


def _api_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/"):
            yield "/" + re.sub(r"<int:pk>|\(\?P<pk>[^)]*\)", "{id}", route)


def test_the_description_names_every_api_endpoint(client):
    routes = set(_api_routes(get_resolver().url_patterns))
    # Wagtail's find endpoints only redirect to a detail address; the description is served,
    # not described.
    undescribed = {route for route in routes if route.endswith("/find/")} | {"/api/schema/"}
    assert set(DESCRIPTION["paths"]) == routes - undescribed


@pytest.mark.django_db
def test_the_description_is_served_as_json(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response.json() == DESCRIPTION
    assert DESCRIPTION["openapi"].startswith("3.")

"""/sitemap.xml names the gatherings people apply from, on the public address; drafts,
cancelled and ended gatherings are left out."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import make_gathering

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_upcoming_published_gatherings_only(
    client, site_tree, organisations, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://medvirk.example.no"
    now = timezone.now()
    upcoming = make_gathering(
        organisations,
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=31),
    )
    draft = make_gathering(
        organisations,
        status="draft",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=31),
    )
    ended = make_gathering(
        organisations,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=2),
        enrolment_opens_at=now - datetime.timedelta(days=40),
        enrolment_closes_at=now - datetime.timedelta(days=20),
    )
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"https://medvirk.example.no/samlinger/{upcoming.slug}/" in locations
    assert not any(draft.slug in loc or ended.slug in loc for loc in locations)
    assert "localhost" not in xml

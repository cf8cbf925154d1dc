"""The demo's privacy statement says what the code stores and keeps, and both statements are
linked from every page's footer."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from people.models import Participant
from privacy import personal_data

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_privacy_statement_names_every_profile_field_and_every_retention_period(client, demo):
    text = text_of(client.get("/personvern/")).lower()
    with translation.override("nb"):
        for name in personal_data.FIELDS["people.Participant"]:
            if name in ("organisations", "language"):
                continue  # described in words ("organisasjoner", "språk")
            label = str(Participant._meta.get_field(name).verbose_name).lower()
            assert label in text, label
    assert "organisasjoner" in text and "språk" in text
    for key, months in settings.RETENTION.items():
        assert f"{months} måneder" in text, key
    assert 'href="/min-side/mine-data/"' in client.get("/personvern/").content.decode()


def test_both_statements_are_linked_from_the_footer(client, demo):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert 'href="/personvern/"' in footer
    assert 'href="/tilgjengelighet/"' in footer
    assert "WCAG 2.1" in text_of(client.get("/tilgjengelighet/"))

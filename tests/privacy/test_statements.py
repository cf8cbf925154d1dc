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


def test_the_privacy_statement_says_how_evaluations_are_kept_in_both_languages(client, demo):
    """What is stored, that answers are anonymous by construction, the k ≥ 5 rule for free
    text, and the retention of who answered and of what was written."""
    from evaluation.selectors import TEXT_THRESHOLD
    from privacy.retention_rules import RULES
    from privacy.statements import privacy_statement

    text = text_of(client.get("/personvern/"))
    assert "Evalueringer og kartlegging" in text
    assert "uten navn, uten tidspunkt og uten noen kobling til deg" in text
    assert f"minst {TEXT_THRESHOLD} personer har svart" in text
    assert "ikke hva du svarte" in text
    for key in ("who_answered", "evaluation_texts"):
        assert RULES[key].text() in text
    english = str(privacy_statement("en")["body"])
    assert "Evaluations and the kartlegging" in english
    assert f"at least {TEXT_THRESHOLD} people answered" in english
    for key in ("who_answered", "evaluation_texts"):
        assert RULES[key].text("en") in english

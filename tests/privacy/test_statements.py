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


def test_the_privacy_statement_has_a_network_section_in_both_languages(client, demo, settings):
    """What the network stores, why and on what basis, who sees what, how long (the periods
    from the settings) and how to leave."""
    from privacy.retention_rules import RULES
    from privacy.statements import privacy_statement

    text = text_of(client.get("/personvern/"))
    assert "Nettverket for brukermedvirkere" in text
    assert "uttrykkelig har samtykket" in text and "artikkel 9 nr. 2 bokstav a" in text
    assert "kontaktopplysningene dine bare hvis du sier ja" in text
    assert "gå ut av nettverket" in text
    for key in ("network_profile", "network_messages", "network_requests"):
        assert RULES[key].text() in text, key
    for key in ("network_requests", "network_messages", "inactive_members"):
        assert f"{settings.RETENTION[key]} måneder" in text, key
    assert f"{settings.NETWORK_UNVERIFIED_REQUEST_DAYS} dager" in text
    english = str(privacy_statement("en")["body"])
    assert "The representatives' network" in english
    assert "explicit consent" in english and "only if you accept its request" in english
    for key in ("network_profile", "network_messages", "network_requests"):
        assert RULES[key].text("en") in english, key


def test_the_network_periods_in_the_statement_follow_the_settings(settings):
    from privacy.statements import privacy_statement

    settings.RETENTION = {**settings.RETENTION, "network_requests": 18, "network_messages": 6}
    settings.NETWORK_UNVERIFIED_REQUEST_DAYS = 5
    body = str(privacy_statement()["body"])
    assert "18 måneder etter at den ble avsluttet" in body
    assert "slettes 6 måneder etter at de ble sendt" in body
    assert "slettes etter 5 dager" in body

"""Data rights as a participant uses them on a phone: see and download everything held about
her, then delete her account and data."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)


def evaluated(gathering, participant):
    """She was asked to evaluate the gathering she finished and answered (anonymously: the
    answer names nobody, so it cannot be shown to her, and stays when she goes)."""
    import uuid

    from evaluation.models import EvaluationInvite, GatheringResponse

    EvaluationInvite.objects.update_or_create(
        gathering=gathering, participant=participant, defaults={"answered": True}
    )
    return GatheringResponse.objects.create(
        gathering=gathering, keep=f"BEHOLD-{uuid.uuid4().hex}", ready_individual="yes"
    )


def test_a_participant_downloads_her_data_and_asks_for_erasure(demo_site, new_tab):
    from certificates.models import Certificate
    from cohorts.models import Enrolment, Gathering, Participant
    from evaluation.models import EvaluationInvite, GatheringResponse

    finished = Gathering.objects.get(slug="nye-brukermedvirkere-oslo")
    thea = Participant.objects.get(user__email="thea@medvirk.localhost")
    answer = evaluated(finished, thea)
    phone = new_tab(*PHONE)
    log_in_on_site(phone, "thea@medvirk.localhost")
    phone.get_by_role("link", name="Se og last ned alle dataene mine").click()
    expect(phone.get_by_role("heading", level=1, name="Mine data")).to_be_visible()
    expect(phone.get_by_text(finished.title).first).to_be_visible()
    evaluations = phone.locator(
        "section", has=phone.get_by_role("heading", level=2, name="Evalueringer og kartlegginger")
    )
    expect(
        evaluations.get_by_text("Svarene dine på evalueringer og kartlegginger er anonyme")
    ).to_be_visible()
    expect(evaluations.get_by_text(finished.title)).to_be_visible()
    expect(phone.get_by_text(answer.keep)).to_have_count(0)
    # long values (the calendar's address code, e-mail addresses) wrap: nothing scrolls sideways
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
    assert_accessible(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Last ned som fil (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "thea@medvirk.localhost"
    assert data["profile"]["full_name"] == "Thea Moen"
    assert data["certificates"], "her certificate is in the file"
    assert {"gathering": finished.title, "answered": True} in [
        {k: e[k] for k in ("gathering", "answered")} for e in data["evaluations"]
    ]
    assert "anonyme" in data["about_answers"] and answer.keep not in json.dumps(data)

    phone.get_by_role("link", name="Tilbake til Min side").click()
    phone.get_by_role("link", name="Slett kontoen og dataene mine").click()
    assert_accessible(phone)
    phone.get_by_label("Passordet ditt, for å bekrefte").fill("feil-passord")
    phone.get_by_role("button", name="Slett kontoen og dataene mine").click()
    expect(
        phone.locator(".ds-error-summary").get_by_text("Passordet er ikke riktig.")
    ).to_be_visible()
    phone.get_by_label("Passordet ditt, for å bekrefte").fill("medvirk-demo")
    phone.get_by_role("button", name="Slett kontoen og dataene mine").click()
    expect(phone.get_by_text("Kontoen din og dataene dine er slettet.")).to_be_visible()

    participant = Participant.objects.get(user__erased_at__isnull=False)
    assert participant.full_name == "Slettet deltaker"
    from network.models import Membership

    assert not Membership.objects.filter(participant=participant).exists()  # she was a member
    assert participant.user.email != "thea@medvirk.localhost" and not participant.user.is_active
    assert not Enrolment.objects.filter(
        participant=participant, state__in=Enrolment.LIVE_STATES, gathering__status="published"
    ).exists()
    # who answered went with her; the anonymous answer stays
    assert not EvaluationInvite.objects.filter(participant=participant).exists()
    assert GatheringResponse.objects.filter(pk=answer.pk, keep=answer.keep).exists()
    certificate = Certificate.objects.get(enrolment__participant=participant)
    phone.goto(certificate.get_absolute_url())
    expect(phone.get_by_text("En deltaker (navnet holdes tilbake)")).to_be_visible()
    # and she can no longer log in
    phone.goto("/konto/login/")
    phone.locator("input[name=login]").fill("thea@medvirk.localhost")
    phone.locator("input[name=password]").fill("medvirk-demo")
    phone.get_by_role("button", name="Logg inn").click()
    expect(phone.get_by_role("heading", level=1, name="Min side")).to_have_count(0)


def test_a_member_sees_her_network_data_on_a_phone(demo_site, new_tab):
    """Thea is a member of the network in the demo: My data shows her membership and profile,
    a message Jonas sent her (by his name only, never his address) and the one she sent."""
    from network.models import MemberMessage, Membership

    thea = Membership.objects.get(participant__user__email="thea@medvirk.localhost")
    jonas = Membership.objects.get(participant__user__email="jonas@medvirk.localhost")
    MemberMessage.objects.create(
        sender=jonas,
        recipient=thea,
        body="Hei Thea, vil du dele erfaringer?",
        sent_at=thea.joined_at,
    )
    MemberMessage.objects.create(
        sender=thea, recipient=jonas, body="Gjerne! Skriv når det passer.", sent_at=thea.joined_at
    )
    phone = new_tab(*PHONE)
    log_in_on_site(phone, "thea@medvirk.localhost")
    phone.get_by_role("link", name="Se og last ned alle dataene mine").click()
    network = phone.locator(
        "section", has=phone.get_by_role("heading", level=2, name="Nettverket for brukermedvirkere")
    )
    expect(network).to_be_visible()
    expect(network.get_by_text(thea.introduction)).to_be_visible()
    expect(network.get_by_text("Hei Thea, vil du dele erfaringer?")).to_be_visible()
    expect(network.get_by_text("Gjerne! Skriv når det passer.")).to_be_visible()
    expect(network.get_by_text(jonas.participant.display_name).first).to_be_visible()
    expect(network.get_by_text("jonas@medvirk.localhost")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
    assert_accessible(phone)

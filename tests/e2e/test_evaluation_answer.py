"""A participant evaluates a gathering on a phone: the link in the thank-you e-mail, the form,
the receipt, the same link again with the answers kept, one answer changed. An unknown link is
a 404 page that says the link may have expired."""

import datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.factories import make_ended_gathering

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_answers_on_a_phone_and_changes_an_answer(
    page, live_server, organisations, site_tree
):
    from cohorts.services import thanks_send
    from evaluation.models import EvaluationInvite, GatheringResponse, ModuleRating

    gathering = make_ended_gathering(organisations, site_tree, attended=2, absent=0)
    participant = gathering.came[1].participant  # reads Norwegian
    thanks_send(now=gathering.ends_at + datetime.timedelta(minutes=1))
    [thanks] = [m for m in mail.outbox if m.to == [participant.user.email]]
    link = next(word for word in thanks.body.split() if "/evaluering/" in word)
    path = link.removeprefix("http://testserver")

    page.goto(path)
    expect(page.get_by_role("heading", name="Hva syntes du om Samling i Oslo?")).to_be_visible()
    expect(page.get_by_text("Svarene dine er anonyme")).to_be_visible()
    assert_accessible(page)

    first = page.get_by_role("group", name="Hva er brukermedvirkning?")
    first.get_by_role("group", name="Hvor nyttig var det for deg?").get_by_label(
        "4", exact=True
    ).check()
    first.get_by_role("group", name="Hvor tydelig var det?").get_by_label("5", exact=True).check()
    first.get_by_label("Kommentar").fill("Gode eksempler fra ekte møter.")
    second = page.get_by_role("group", name="Egen erfaring som kunnskap")
    second.get_by_role("group", name="Hvor nyttig var det for deg?").get_by_label(
        "Jeg var ikke der / hopp over"
    ).check()
    page.get_by_label("Hva manglet på samlingen?").fill("Flere pauser.")
    page.get_by_role("group", name="individnivå").get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Send svarene").click()

    expect(page.get_by_role("heading", name="Takk for svarene dine")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Takk! Du kan endre svarene til")
    assert_accessible(page)
    assert EvaluationInvite.objects.get(participant=participant).answered

    page.goto(path)  # the link from the e-mail again
    usefulness = first.get_by_role("group", name="Hvor nyttig var det for deg?")
    expect(usefulness.get_by_label("4", exact=True)).to_be_checked()
    expect(first.get_by_label("Kommentar")).to_have_value("Gode eksempler fra ekte møter.")
    usefulness.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Lagre endringene").click()
    expect(page.get_by_role("heading", name="Takk for svarene dine")).to_be_visible()

    page.get_by_role("link", name="Endre svarene mine").click()
    expect(usefulness.get_by_label("2", exact=True)).to_be_checked()
    assert GatheringResponse.objects.count() == 1
    rating = ModuleRating.objects.get(session=gathering.rated[0])
    assert (rating.usefulness, rating.clarity) == (2, 5)
    assert not ModuleRating.objects.filter(session=gathering.rated[1]).exists()


def test_an_unknown_or_expired_link_is_a_clear_404(page, live_server, site_tree):
    response = page.goto("/evaluering/utlopt-lenke/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Fant ikke siden")).to_be_visible()
    expect(page.get_by_text("Lenken kan ha gått ut")).to_be_visible()
    assert_accessible(page)

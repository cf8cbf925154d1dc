"""The evaluation pages at /evaluering/<token>/: 404 with a clear page for an unknown or expired
link, the form in the reader's language, bad input refused with a Norwegian message and
nothing saved, answers shown again for editing, never cached; My page lists the evaluation."""

import datetime

import pytest
from django.utils import timezone

from evaluation.models import EvaluationInvite, GatheringResponse, ModuleRating
from evaluation.services.responses import (
    evaluation_link,
    evaluation_window,
    evaluations_close,
)
from tests.factories import make_ended_gathering

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(organisations, site_tree):
    return make_ended_gathering(organisations, site_tree, attended=2, absent=1)


@pytest.fixture
def address(gathering):
    """The Norwegian reader's link, as a path."""
    return evaluation_link(gathering.came[1]).removeprefix("http://testserver")


def valid_answers(gathering, **changes):
    first, second = gathering.rated
    data = {
        f"session_{first.pk}_usefulness": "4",
        f"session_{first.pk}_clarity": "5",
        f"session_{first.pk}_comment": "Gode eksempler",
        f"session_{second.pk}_usefulness": "skip",
        f"session_{second.pk}_clarity": "skip",
        f"session_{second.pk}_comment": "",
        "missing": "Mer tid til pauser",
        "keep": "Gruppearbeidet",
        "ready_individual": "yes",
        "ready_service": "partly",
        "ready_system": "",
    }
    return {**data, **changes}


def test_an_unknown_link_is_a_404_saying_it_may_have_expired(client):
    response = client.get("/evaluering/finnes-ikke/")
    assert response.status_code == 404
    assert "Lenken kan ha gått ut" in response.content.decode()
    assert client.post("/evaluering/finnes-ikke/", {}).status_code == 404
    assert client.get("/evaluering/finnes-ikke/takk/").status_code == 404


def test_a_closed_evaluation_is_a_404(client, gathering, address):
    evaluations_close(now=evaluation_window(gathering).closes)
    response = client.get(address)
    assert response.status_code == 404
    assert "Lenken kan ha gått ut" in response.content.decode()


def test_the_form_lists_the_sessions_that_taught_a_module_and_is_never_cached(
    client, gathering, address
):
    response = client.get(address)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Hva syntes du om Samling i Oslo?" in page
    for session in gathering.rated:
        assert session.title in page
    assert "Velkommen" not in page  # taught no module: nothing to rate
    assert "Jeg var ikke der / hopp over" in page
    assert "minst 5 personer" in page  # the anonymity notice


def test_the_form_is_in_english_for_an_english_reader(english_visitor, gathering, address):
    page = english_visitor.get(address).content.decode()
    assert "What did you think of Gathering in Oslo?" in page
    assert "What is user participation?" in page
    assert "I was not there / skip" in page


def test_sending_saves_the_answers_and_shows_the_receipt(client, gathering, address):
    response = client.post(address, valid_answers(gathering))
    assert response.status_code == 302
    assert response["Location"] == f"{address}takk/"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "no-store" in receipt["Cache-Control"]
    closes = timezone.localtime(evaluation_window(gathering).closes)
    assert f"Takk! Du kan endre svarene til {closes.day}." in receipt.content.decode()
    saved = GatheringResponse.objects.get()
    assert (saved.missing, saved.ready_individual, saved.ready_system) == (
        "Mer tid til pauser",
        "yes",
        "",
    )
    assert saved.language == "nb"
    [rating] = ModuleRating.objects.all()  # the skipped session has no rating
    assert (rating.usefulness, rating.clarity, rating.comment) == (4, 5, "Gode eksempler")


def test_the_same_link_shows_the_saved_answers_and_changes_them(client, gathering, address):
    client.post(address, valid_answers(gathering))
    page = client.get(address).content.decode()
    first = gathering.rated[0]
    checked = f'value="4" id="id_session_{first.pk}_usefulness_3" checked'
    assert checked in page
    assert "Mer tid til pauser" in page
    assert "Lagre endringene" in page
    client.post(address, valid_answers(gathering, **{f"session_{first.pk}_usefulness": "2"}))
    assert GatheringResponse.objects.count() == 1
    assert ModuleRating.objects.get().usefulness == 2


def test_a_receipt_before_answering_leads_to_the_form(client, address):
    response = client.get(f"{address}takk/")
    assert response.status_code == 302 and response["Location"] == address


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("usefulness", "7", "Velg et tall fra 1 til 5"),
        ("missing", "x" * 2001, "2000"),
        ("ready_service", "kanskje", "Velg ett av svarene."),
    ],
)
def test_bad_input_gets_a_norwegian_message_and_nothing_is_saved(
    client, gathering, address, field, value, message
):
    if field == "usefulness":
        field = f"session_{gathering.rated[0].pk}_usefulness"
    response = client.post(address, valid_answers(gathering, **{field: value}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "ds-error-summary" in page and message in page
    assert not GatheringResponse.objects.exists()
    assert not ModuleRating.objects.exists()
    assert not EvaluationInvite.objects.filter(answered=True).exists()


def test_my_page_lists_the_open_evaluation_with_its_link_and_state(client, gathering, address):
    participant = gathering.came[1].participant
    client.force_login(participant.user)
    page = client.get("/min-side/").content.decode()
    assert "Evaluer en samling" in page and "Svar innen" in page
    assert f'href="http://testserver{address}"' in page
    client.post(address, valid_answers(gathering))
    page = client.get("/min-side/").content.decode()
    assert "Besvart – du kan endre svarene til" in page
    evaluations_close(now=evaluation_window(gathering).closes)
    assert "Evaluer en samling" not in client.get("/min-side/").content.decode()


def test_my_page_has_no_evaluation_for_someone_who_did_not_attend(client, gathering):
    [stayed_away] = gathering.stayed_away
    evaluation_link(gathering.came[0])
    client.force_login(stayed_away.participant.user)
    assert "Evaluer en samling" not in client.get("/min-side/").content.decode()


def test_an_evaluation_not_yet_open_is_a_404(client, organisations, site_tree):
    gathering = make_ended_gathering(organisations, site_tree, attended=1, absent=0)
    address = evaluation_link(gathering.came[0]).removeprefix("http://testserver")
    gathering.ends_at = timezone.now() + datetime.timedelta(hours=1)
    gathering.save(update_fields=["ends_at"])
    assert client.get(address).status_code == 404

"""A coordinator writes to participants: only their own organisation's members (unless an
administrator), each in their own language, previewed, sent once, recorded in the history."""

import re
import uuid

import pytest
from django.core import mail

from cohorts.models import Enrolment, GatheringMessage
from cohorts.services import MessageError, message_audience, message_send
from tests.factories import (
    confirmed_enrolment,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
)
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db
TEXTS = {
    "subject": "Husk innesko",
    "body": "Ta med innesko til samlingen.",
    "subject_en": "Remember indoor shoes",
    "body_en": "Bring indoor shoes to the gathering.",
}


@pytest.fixture
def gathering(organisations):
    return make_gathering(organisations, title="Samling i Bergen")


@pytest.fixture
def people(on_commit, gathering, organisations):
    """MHU: one Norwegian and one English reader; BAR: one. Earlier e-mails cleared."""
    mhu_nb = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    mhu_en = confirmed_enrolment(on_commit, gathering, organisations["MHU"])
    mhu_en.participant.language = "en"
    mhu_en.participant.save()
    bar = confirmed_enrolment(on_commit, gathering, organisations["BAR"])
    mail.outbox.clear()
    return mhu_nb, mhu_en, bar


@pytest.fixture
def coordinator(organisations):
    return make_coordinator(organisations["MHU"])


def mails_to(enrolment):
    return [m for m in mail.outbox if enrolment.participant.user.email in m.to]


def send(on_commit, author, gathering, **fields):
    return on_commit(
        message_send,
        author=author,
        gathering=gathering,
        token=fields.pop("token", uuid.uuid4()),
        **{"audience": "confirmed", **TEXTS, **fields},
    )


# --- service --------------------------------------------------------------------------------


def test_a_coordinator_reaches_only_their_own_organisations_members(
    on_commit, gathering, people, coordinator
):
    mhu_nb, mhu_en, bar = people
    message, sent_now = send(on_commit, coordinator, gathering)
    assert sent_now
    assert set(message.recipients.all()) == {mhu_nb, mhu_en}
    assert len(mails_to(mhu_nb)) == len(mails_to(mhu_en)) == 1
    assert mails_to(bar) == []


def test_an_administrator_reaches_everyone(on_commit, gathering, people, admin_user):
    message, _ = send(on_commit, admin_user, gathering)
    assert message.recipients.count() == 3
    assert len(mail.outbox) == 3


def test_each_recipient_reads_their_own_language_and_replies_reach_their_organisation(
    on_commit, gathering, people, coordinator, organisations
):
    organisations["MHU"].contact_email = "post@mhu.example.org"
    organisations["MHU"].save()
    mhu_nb, mhu_en, _ = people
    send(on_commit, coordinator, gathering)
    [norwegian], [english] = mails_to(mhu_nb), mails_to(mhu_en)
    assert norwegian.subject == "Husk innesko" and "Ta med innesko" in norwegian.body
    assert english.subject == "Remember indoor shoes" and "Bring indoor shoes" in english.body
    assert "Ta med innesko" not in english.body
    assert norwegian.reply_to == english.reply_to == ["post@mhu.example.org"]


def test_the_audience_is_one_state(on_commit, gathering, people, coordinator):
    mhu_nb, mhu_en, _ = people
    Enrolment.objects.filter(pk=mhu_en.pk).update(state=Enrolment.State.WAITLISTED)
    reached = message_audience(user=coordinator, gathering=gathering, audience="waitlisted")
    assert [e.pk for e in reached.enrolments] == [mhu_en.pk]
    assert (reached.norwegian, reached.english) == (0, 1)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"subject": "  "}, "Skriv et emne."),
        ({"body": ""}, "Skriv meldingen."),
        ({"subject_en": "", "body_en": ""}, "leser engelsk"),
        ({"audience": "offered"}, "Ingen ville fått"),
        ({"audience": "everyone"}, "Velg hvem"),
    ],
)
def test_bad_input_sends_nothing(on_commit, gathering, people, coordinator, fields, words):
    with pytest.raises(MessageError) as refused:
        send(on_commit, coordinator, gathering, **fields)
    assert words in str(refused.value)
    assert not GatheringMessage.objects.exists()
    assert not OutboxMessage.objects.filter(kind="gathering_message").exists()
    assert mail.outbox == []


def test_the_same_form_sent_twice_sends_once(on_commit, gathering, people, coordinator):
    token = uuid.uuid4()
    first, sent_now = send(on_commit, coordinator, gathering, token=token)
    again, sent_again = send(on_commit, coordinator, gathering, token=token)
    assert (sent_now, sent_again) == (True, False)
    assert again == first
    assert len(mail.outbox) == 2


def test_one_participant_from_another_organisation_cannot_be_reached(
    on_commit, gathering, people, coordinator
):
    *_, bar = people
    with pytest.raises(MessageError):
        send(on_commit, coordinator, gathering, enrolment=bar, audience="")
    assert mail.outbox == []


# --- views ----------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, coordinator):
    log_in_with_admin_access(client, coordinator)
    return client


def test_the_preview_shows_what_one_recipient_gets_and_how_many_in_which_language(
    signed_in, gathering, people
):
    url = f"/admin/pameldinger/melding/samling/{gathering.pk}/"
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url, {"step": "preview", "audience": "confirmed", **TEXTS})
    html = response.content.decode()
    assert "Den går til 2 personer: 1 på norsk, 1 på engelsk." in html
    assert "Husk innesko" in html and "Remember indoor shoes" in html
    assert "Bring indoor shoes to the gathering." in html
    assert mail.outbox == [] and not GatheringMessage.objects.exists()
    token = re.search(r'name="token" value="([0-9a-f-]+)"', html).group(1)
    data = {"step": "send", "audience": "confirmed", "token": token, **TEXTS}
    sent = signed_in.post(url, data)
    message = GatheringMessage.objects.get()
    assert sent["Location"] == f"/admin/pameldinger/melding/{message.pk}/"
    again = signed_in.post(url, data, follow=True)  # a double click
    assert "ble ikke sendt på nytt" in again.content.decode()
    assert GatheringMessage.objects.count() == 1
    detail = signed_in.get(f"/admin/pameldinger/melding/{message.pk}/").content.decode()
    assert "Husk innesko" in detail
    status = signed_in.get(f"/admin/pameldinger/melding/{message.pk}/status/").json()
    assert (status["total"], status["finished"]) == (2, False)  # written, not sent (no commit)
    assert status["text"] == "0 av 2 e-poster sendt."


def test_bad_input_gets_a_clear_norwegian_message(signed_in, gathering, people):
    url = f"/admin/pameldinger/melding/samling/{gathering.pk}/"
    html = signed_in.post(
        url, {"step": "preview", "audience": "confirmed", "subject": "", "body": ""}
    ).content.decode()
    assert "Skriv et emne." in html and "Skriv meldingen." in html
    html = signed_in.post(
        url, {"step": "preview", "audience": "confirmed", "subject": "Hei", "body": "Hei"}
    ).content.decode()
    assert "1 mottaker leser engelsk" in html
    html = signed_in.post(url, {"step": "preview", "audience": "offered", **TEXTS}).content.decode()
    assert "Ingen ville fått denne meldingen" in html
    assert not GatheringMessage.objects.exists()


def test_writing_to_one_participant_is_in_their_history(
    signed_in, gathering, people, django_capture_on_commit_callbacks
):
    mhu_nb, *_ = people
    url = f"/admin/pameldinger/melding/pamelding/{mhu_nb.pk}/"
    data = {"step": "send", "token": str(uuid.uuid4()), "subject": "Spørsmål", "body": "Hei!"}
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.post(url, data).status_code == 302
    assert len(mail.outbox) == 1
    message = GatheringMessage.objects.get()
    status = signed_in.get(f"/admin/pameldinger/melding/{message.pk}/status/").json()
    assert (status["percent"], status["finished"]) == (100, True)
    assert status["text"] == "1 av 1 e-poster sendt."
    page = signed_in.get(f"/admin/pameldinger/pamelding/{mhu_nb.pk}/").content.decode()
    assert "Melding sendt: Spørsmål" in page


def test_another_organisations_ids_answer_404(
    signed_in, on_commit, organisations, gathering, people, admin_user
):
    *_, bar = people
    assert signed_in.get(f"/admin/pameldinger/melding/pamelding/{bar.pk}/").status_code == 404
    message, _ = send(on_commit, admin_user, gathering)
    assert signed_in.get(f"/admin/pameldinger/melding/{message.pk}/").status_code == 404
    elsewhere = make_gathering(organisations)
    elsewhere.quotas.filter(organisation=organisations["MHU"]).delete()
    assert signed_in.get(f"/admin/pameldinger/melding/samling/{elsewhere.pk}/").status_code == 404
    assert signed_in.get("/admin/pameldinger/melding/samling/999999/").status_code == 404
    assert signed_in.get("/admin/pameldinger/melding/pamelding/999999/").status_code == 404


# --- the practical information on the public page -------------------------------------------


def test_the_public_page_shows_the_practical_information_in_the_readers_language(
    client, english_visitor, organisations
):
    gathering = make_gathering(
        organisations,
        bring="Innesko",
        bring_en="Indoor shoes",
        travel="Bybanen",
        accommodation="Enkeltrom",
        contact_name="Eva Lund",
        contact_phone="+47 400 00 001",
        contact_email="eva@example.org",
    )
    html = client.get(gathering.get_absolute_url()).content.decode()
    assert "Praktisk informasjon" in html and "Innesko" in html and "Bybanen" in html
    assert 'href="tel:+4740000001"' in html and 'href="mailto:eva@example.org"' in html
    html = english_visitor.get(gathering.get_absolute_url()).content.decode()
    assert "Practical information" in html and "Indoor shoes" in html
    assert "Bybanen" in html  # no English given: the Norwegian


def test_without_practical_information_the_page_has_no_empty_section(client, organisations):
    html = client.get(make_gathering(organisations).get_absolute_url()).content.decode()
    assert "Praktisk informasjon" not in html

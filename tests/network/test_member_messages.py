"""Writing to a member from the members' page (issue 18 item 2, design rule 11): the first
e-mail carries no address of the sender and no reply-to; only when the recipient answers on
the site does each side get the other's address as reply-to. Refused targets answer 404,
bad input changes nothing, and sending is rate limited."""

import pytest
from django.core import mail
from django.test import Client

from network.models import MemberMessage, Membership
from tests.network.directory_factories import SHOWN, Certifier, make_member
from website.models import OutboxMessage


@pytest.fixture
def certifier(organisations):
    return Certifier(organisations)


@pytest.fixture
def sender(certifier, organisations):
    return make_member(certifier, organisations["MHU"], name="Sara Sender", **SHOWN)


@pytest.fixture
def recipient(certifier, organisations):
    return make_member(certifier, organisations["BAR"], name="Rolf Mottaker", **SHOWN)


def client_for(membership):
    client = Client()
    client.force_login(membership.participant.user)
    return client


def write_url(membership):
    return f"/nettverk/medlemmer/{membership.pk}/melding/"


def answer_url(message):
    return f"/nettverk/meldinger/{message.uuid}/svar/"


def send(client, django_capture_on_commit_callbacks, url, body):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"body": body})


def test_the_first_e_mail_has_the_text_and_an_answer_link_but_no_address_of_the_sender(
    sender, recipient, django_capture_on_commit_callbacks
):
    response = send(
        client_for(sender), django_capture_on_commit_callbacks, write_url(recipient), "Hei Rolf!"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/nettverk/medlemmer/{recipient.pk}/melding/sendt/"
    message = MemberMessage.objects.get()
    assert (message.sender, message.recipient, message.body) == (sender, recipient, "Hei Rolf!")
    (email,) = mail.outbox
    assert email.to == [recipient.participant.user.email]
    assert email.reply_to == []
    assert "Hei Rolf!" in email.body
    assert "Sara Sender" in email.body
    assert answer_url(message) in email.body
    sender_address = sender.participant.user.email
    whole = email.message().as_string()
    assert sender_address not in whole
    assert sender_address.split("@")[0] not in whole


def test_the_sender_sees_a_receipt(sender, recipient, django_capture_on_commit_callbacks):
    client = client_for(sender)
    response = send(client, django_capture_on_commit_callbacks, write_url(recipient), "Hei!")
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "Meldingen din er sendt" in receipt.content.decode()
    assert recipient.participant.user.email not in receipt.content.decode()


def test_the_receipt_needs_a_message_sent(sender, recipient):
    response = client_for(sender).get(f"/nettverk/medlemmer/{recipient.pk}/melding/sendt/")
    assert response.status_code == 302
    assert response["Location"] == write_url(recipient)


def test_the_form_never_shows_the_recipient_s_address(sender, recipient):
    response = client_for(sender).get(write_url(recipient))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rolf Mottaker" in html
    assert recipient.participant.user.email not in html


def test_reply_to_only_after_the_recipient_answers(
    sender, recipient, django_capture_on_commit_callbacks
):
    send(client_for(sender), django_capture_on_commit_callbacks, write_url(recipient), "Hei!")
    message = MemberMessage.objects.get()
    mail.outbox.clear()
    response = send(
        client_for(recipient), django_capture_on_commit_callbacks, answer_url(message), "Hei Sara!"
    )
    assert response.status_code == 302
    answer = MemberMessage.objects.get(in_reply_to=message)
    assert (answer.sender, answer.recipient) == (recipient, sender)
    by_recipient = {email.to[0]: email for email in mail.outbox}
    sender_address = sender.participant.user.email
    recipient_address = recipient.participant.user.email
    assert set(by_recipient) == {sender_address, recipient_address}
    to_sender = by_recipient[sender_address]
    assert to_sender.reply_to == [recipient_address]
    assert "Hei Sara!" in to_sender.body
    receipt = by_recipient[recipient_address]
    assert receipt.reply_to == [sender_address]
    assert "Hei Sara!" in receipt.body
    page = client_for(recipient).get(answer_url(message))
    assert "Du har svart" in page.content.decode()


def test_a_message_is_answered_once_on_the_site(
    sender, recipient, django_capture_on_commit_callbacks
):
    send(client_for(sender), django_capture_on_commit_callbacks, write_url(recipient), "Hei!")
    message = MemberMessage.objects.get()
    client = client_for(recipient)
    send(client, django_capture_on_commit_callbacks, answer_url(message), "Svar 1")
    again = send(client, django_capture_on_commit_callbacks, answer_url(message), "Svar 2")
    assert again.status_code == 400
    assert "allerede svart" in again.content.decode()
    assert MemberMessage.objects.filter(in_reply_to=message).count() == 1


def test_only_the_recipient_may_open_the_answer_page(
    certifier, organisations, sender, recipient, django_capture_on_commit_callbacks
):
    from tests.factories import make_participant

    send(client_for(sender), django_capture_on_commit_callbacks, write_url(recipient), "Hei!")
    message = MemberMessage.objects.get()
    third = make_member(certifier, organisations["LFB"], **SHOWN)
    outsider = Client()
    outsider.force_login(make_participant(organisations["LFB"]).user)
    for client in (client_for(sender), client_for(third), outsider):
        assert client.get(answer_url(message)).status_code == 404
        assert client.post(answer_url(message), {"body": "Kapret"}).status_code == 404
    assert Client().get(answer_url(message)).status_code == 302  # log in first
    assert client_for(recipient).get(answer_url(message)).status_code == 200
    assert not MemberMessage.objects.filter(in_reply_to=message).exists()


@pytest.mark.parametrize("target", ["unlisted", "left", "guardian_pending", "self", "unknown"])
def test_refused_targets_answer_404_and_nothing_is_written(
    certifier, organisations, sender, target
):
    if target == "self":
        pk = sender.pk
    elif target == "unknown":
        pk = 987654
    else:
        other = make_member(
            certifier,
            organisations["LFB"],
            age=16 if target == "guardian_pending" else 22,
            **{**SHOWN, "listed_for_members": target != "unlisted"},
        )
        pk = other.pk
        if target == "left":
            other.delete()
        if target == "guardian_pending":
            Membership.objects.filter(pk=pk).update(state=Membership.State.GUARDIAN_PENDING)
    client = client_for(sender)
    url = f"/nettverk/medlemmer/{pk}/melding/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Hei"}).status_code == 404
    assert not MemberMessage.objects.exists()
    assert not OutboxMessage.objects.filter(kind="network_message").exists()


def test_someone_who_is_not_a_member_cannot_write(organisations, recipient):
    from tests.factories import make_participant

    client = Client()
    client.force_login(make_participant(organisations["LFB"]).user)
    assert client.post(write_url(recipient), {"body": "Hei"}).status_code == 403
    assert not MemberMessage.objects.exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [("", "Skriv en melding"), ("   ", "Skriv en melding"), ("x" * 2001, "høyst 2000 tegn")],
)
def test_bad_input_gets_a_norwegian_message_and_nothing_is_written(sender, recipient, body, says):
    response = client_for(sender).post(write_url(recipient), {"body": body})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not MemberMessage.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_sending_is_rate_limited(sender, recipient, settings, steady_limiter_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "network_message": (2, 3600)}
    client = client_for(sender)
    for number in range(2):
        assert client.post(write_url(recipient), {"body": f"Hei {number}"}).status_code == 302
    refused = client.post(write_url(recipient), {"body": "Hei igjen"})
    assert refused.status_code == 429
    assert MemberMessage.objects.count() == 2


def test_a_message_to_someone_who_left_before_it_went_is_not_sent(
    sender, recipient, django_capture_on_commit_callbacks
):
    client_for(sender).post(write_url(recipient), {"body": "Hei!"})  # queued, not yet sent
    recipient.delete()
    with django_capture_on_commit_callbacks(execute=True):
        from website.outbox import outbox_send_due

        outbox_send_due(linger=0)
    assert mail.outbox == []
    assert OutboxMessage.objects.get(kind="network_message").state == OutboxMessage.State.SKIPPED

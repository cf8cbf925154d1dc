"""The e-mails of messages between members, rendered by the outbox (website/outbox.py) when
they go. The first carries no address of the sender and no reply-to; an answer, and the
answerer's receipt, carry the other side's address as reply-to (both chose to talk)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from website.outbox import Email

from ..models import MemberMessage
from ..services.messages import ANSWER, ANSWER_RECEIPT, FIRST


def _message(outbox_message) -> MemberMessage | None:
    """None when the message is gone (the recipient left) or a side has left since."""
    message = (
        MemberMessage.objects.select_related(
            "sender__participant__user", "recipient__participant__user"
        )
        .filter(pk=outbox_message.context["message_id"])
        .first()
    )
    if message is None or message.sender is None:
        return None
    return message


def render_first(outbox_message) -> Email | None:
    message = _message(outbox_message)
    if message is None:
        return None
    answer_url = reverse("network:message_answer", args=[message.uuid])
    return Email(
        template=FIRST,
        context={
            "sender_name": message.sender.participant.display_name,
            "message_body": message.body,
            "answer_url": f"{settings.WAGTAILADMIN_BASE_URL}{answer_url}",
        },
    )


def render_answer(outbox_message) -> Email | None:
    """To the first sender, from the one who answered: reply-to is the answerer's address."""
    answer = _message(outbox_message)
    if answer is None:
        return None
    answering = answer.sender.participant
    return Email(
        template=ANSWER,
        context={
            "answerer_name": answering.display_name,
            "answerer_email": answering.user.email,
            "message_body": answer.body,
        },
        reply_to=[answering.user.email],
    )


def render_answer_receipt(outbox_message) -> Email | None:
    """To the one who answered: a copy, with reply-to the first sender's address."""
    answer = _message(outbox_message)
    if answer is None:
        return None
    first_sender = answer.recipient.participant
    return Email(
        template=ANSWER_RECEIPT,
        context={
            "sender_name": first_sender.display_name,
            "sender_email": first_sender.user.email,
            "message_body": answer.body,
        },
        reply_to=[first_sender.user.email],
    )


def register_renderers(register) -> None:
    register(FIRST, render_first, _("Message from a member of the network"))
    register(ANSWER, render_answer, _("Answer from a member of the network"))
    register(ANSWER_RECEIPT, render_answer_receipt, _("Copy of an answer to a member"))

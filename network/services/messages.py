"""Messages between members (issue 18 item 2): written to a member from the members' page,
sent through the outbox without the sender's address; the recipient answers on the site, and
only then does each side get the other's address as reply-to (both have chosen to talk).

One transaction each: the MemberMessage row and its e-mails are written together.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from website.outbox import message_enqueue
from website.rules import RuleError

from ..models import MemberMessage, Membership

FIRST = "network_message"
ANSWER = "network_message_answer"
ANSWER_RECEIPT = "network_message_answer_receipt"


class MessageError(RuleError):
    messages = {
        "not_member": _("Only members of the network can write to other members."),
        "not_writable": _("This member cannot be written to."),
        "self": _("You cannot send a message to yourself."),
        "empty": _("Write a message."),
        "sender_left": _(
            "The person who wrote to you has left the network, so the answer cannot be sent."
        ),
        "already_answered": _(
            "You have already answered this message. From now on you write to each other by e-mail."
        ),
    }


def _user_of(membership: Membership):
    return membership.participant.user


def member_message_send(*, sender: Membership, recipient_id: int, body: str, now=None):
    """Write to an active, listed member (not yourself). The recipient's e-mail has the text
    and a link to answer on the site; no address of the sender, no reply-to."""
    body = (body or "").strip()
    if not body:
        raise MessageError("empty")
    with transaction.atomic():
        sender = (
            Membership.objects.select_for_update()
            .filter(pk=sender.pk, state=Membership.State.ACTIVE)
            .first()
        )
        if sender is None:
            raise MessageError("not_member")
        if sender.pk == recipient_id:
            raise MessageError("self")
        recipient = (
            Membership.objects.filter(
                pk=recipient_id, state=Membership.State.ACTIVE, listed_for_members=True
            )
            .select_related("participant__user")
            .first()
        )
        if recipient is None:
            raise MessageError("not_writable")
        message = MemberMessage.objects.create(
            sender=sender, recipient=recipient, body=body, sent_at=now or timezone.now()
        )
        participant = recipient.participant
        message_enqueue(
            kind=FIRST,
            key=f"{FIRST}:{message.uuid}",
            to=participant.user.email,
            name=participant.display_name,
            language=participant.language,
            context={"message_id": message.pk},
            about=participant.user,
        )
    return message


def member_message_answer(*, original: MemberMessage, answerer: Membership, body: str, now=None):
    """The recipient answers once, on the site: the answer goes to the first sender with the
    answerer's address as reply-to, and the answerer's receipt has the first sender's."""
    body = (body or "").strip()
    if not body:
        raise MessageError("empty")
    with transaction.atomic():
        original = (
            MemberMessage.objects.select_for_update(of=("self",))
            .select_related("sender__participant__user", "recipient__participant__user")
            .get(pk=original.pk)
        )
        if original.recipient_id != answerer.pk or not original.recipient.is_active:
            raise MessageError("not_writable")
        if original.sender is None:
            raise MessageError("sender_left")
        if original.replies.exists():
            raise MessageError("already_answered")
        answer = MemberMessage.objects.create(
            sender=original.recipient,
            recipient=original.sender,
            in_reply_to=original,
            body=body,
            sent_at=now or timezone.now(),
        )
        first_sender = original.sender.participant
        answering = original.recipient.participant
        message_enqueue(
            kind=ANSWER,
            key=f"{ANSWER}:{answer.uuid}",
            to=first_sender.user.email,
            name=first_sender.display_name,
            language=first_sender.language,
            context={"message_id": answer.pk},
            about=first_sender.user,
        )
        message_enqueue(
            kind=ANSWER_RECEIPT,
            key=f"{ANSWER_RECEIPT}:{answer.uuid}",
            to=answering.user.email,
            name=answering.display_name,
            language=answering.language,
            context={"message_id": answer.pk},
            about=answering.user,
        )
    return answer

"""A coordinator writes to one participant or to everyone in one state of a gathering.

Recipients are the coordinator's own organisations' members (design rule 6; an administrator
reaches everyone), each gets the text in their own language, and every e-mail is a row in the
one outbox written in the same transaction as the record of what was written
(`GatheringMessage`), which the applications' history shows. The form carries a token made
when it was previewed: the same form sent twice writes nothing the second time.
"""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from website import policy

from ..messages import gathering_message_enqueue
from ..models import Enrolment, Gathering, GatheringMessage

State = Enrolment.State

# Whom a message to a whole gathering can go to: one state each.
AUDIENCES = {
    State.CONFIRMED.value: _("Confirmed participants"),
    State.WAITLISTED.value: _("Everyone on the waiting list"),
    State.OFFERED.value: _("Everyone offered a seat (not yet answered)"),
}
ONE = "one"


class MessageError(Exception):
    """Bad input, with the message the coordinator reads. Nothing was sent."""

    def __init__(self, message, *, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass
class Audience:
    """Who gets it: the enrolments, and how many read which language."""

    enrolments: list
    norwegian: int
    english: int

    @property
    def count(self):
        return len(self.enrolments)


def message_audience(*, user, gathering: Gathering, audience: str = "", enrolment=None) -> Audience:
    """The enrolments a message from `user` reaches: one enrolment, or every enrolment in the
    state `audience` — in both cases only through the user's own organisations."""
    queryset = policy.visible(
        user, Enrolment.objects.filter(gathering=gathering), policy.DECIDE
    ).select_related("participant__user", "organisation")
    if enrolment is not None:
        queryset = queryset.filter(pk=enrolment.pk)
    elif audience in AUDIENCES:
        queryset = queryset.filter(state=audience)
    else:
        raise MessageError(_("Choose whom the message is for."), field="audience")
    enrolments = list(queryset.order_by("participant__full_name", "pk"))
    english = sum(1 for e in enrolments if e.participant.language == "en")
    return Audience(enrolments, len(enrolments) - english, english)


def message_check(*, audience: Audience, subject, body, subject_en="", body_en="") -> None:
    """Refuse what cannot be sent, with a message that says what to do."""
    if not audience.count:
        raise MessageError(_("Nobody would get this message: there is no one to send it to."))
    if not subject.strip():
        raise MessageError(_("Write a subject."), field="subject")
    if not body.strip():
        raise MessageError(_("Write the message."), field="body")
    if audience.english and not (subject_en.strip() and body_en.strip()):
        raise MessageError(
            ngettext(
                "%(count)s recipient reads English: write the subject and the message in "
                "English too.",
                "%(count)s recipients read English: write the subject and the message in "
                "English too.",
                audience.english,
            )
            % {"count": audience.english},
            field="subject_en" if not subject_en.strip() else "body_en",
        )


def message_draft(*, gathering, subject, body, subject_en="", body_en="", audience=ONE):
    """An unsaved message, for the preview."""
    return GatheringMessage(
        gathering=gathering,
        audience=audience,
        subject=subject.strip(),
        body=body.strip(),
        subject_en=subject_en.strip(),
        body_en=body_en.strip(),
    )


def message_send(
    *,
    author,
    gathering: Gathering,
    token: uuid.UUID,
    subject: str,
    body: str,
    subject_en: str = "",
    body_en: str = "",
    audience: str = "",
    enrolment=None,
) -> tuple[GatheringMessage, bool]:
    """Record the message and write one e-mail per recipient, in one transaction. Returns the
    message and whether it was sent now (False: this form was sent before; nothing new)."""
    with transaction.atomic():
        earlier = GatheringMessage.objects.filter(token=token).first()
        if earlier is not None:
            return earlier, False
        reached = message_audience(
            user=author, gathering=gathering, audience=audience, enrolment=enrolment
        )
        message_check(
            audience=reached, subject=subject, body=body, subject_en=subject_en, body_en=body_en
        )
        message = message_draft(
            gathering=gathering,
            subject=subject,
            body=body,
            subject_en=subject_en,
            body_en=body_en,
            audience=ONE if enrolment is not None else audience,
        )
        message.author = author
        message.token = token
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:  # the same form, sent at the same moment (double click)
            return GatheringMessage.objects.get(token=token), False
        message.recipients.set(reached.enrolments)
        for recipient in reached.enrolments:
            gathering_message_enqueue(message, recipient)
    return message, True

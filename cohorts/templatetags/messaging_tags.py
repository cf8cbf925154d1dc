"""The applications' history with the messages a coordinator wrote, in time order."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass
class MessageEntry:
    """A message as a history line, shaped like an `EnrolmentEvent` for the same template."""

    created_at: datetime
    to_state_label: str
    actor: object
    from_state: str = ""
    reason: str = ""


@register.filter
def with_messages(events, enrolment):
    """`events` of `enrolment` and "Message sent: <subject>" for each message it got."""
    entries = [
        MessageEntry(
            created_at=message.created_at,
            to_state_label=_("Message sent: %(subject)s") % {"subject": message.subject},
            actor=message.author,
        )
        for message in enrolment.gathering_messages.select_related("author")
    ]
    return sorted([*events, *entries], key=lambda entry: entry.created_at)

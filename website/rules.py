"""The one way services say no: an exception with a code for programs and a message for people."""

from django.utils.translation import gettext_lazy as _


class RuleError(Exception):
    """Raised by a service when a rule refuses; views show `message` (Norwegian or English).

    Subclasses set `messages`: code → lazily translated text, optionally with %(name)s values.
    """

    messages: dict = {}

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(code)

    @property
    def message(self):
        text = self.messages[self.code]
        return text % self.values if self.values else text


# A reason typed by staff (a decision, a correction, a revocation): stored as text and shown in
# the audit log. One limit and one message for every service that takes one.
REASON_MAX_LENGTH = 2000
REASON_MESSAGES = {
    "reason_unreadable": _(
        "The reason must be plain text of at most %(limit)s characters. Shorten it or remove "
        "the character that cannot be saved."
    ),
}


def reason_problem(text) -> dict | None:
    """The error code and values when a typed reason cannot be stored — a NUL character
    (PostgreSQL refuses it in text) or more than `REASON_MAX_LENGTH` characters — else None.
    Services raise their own `RuleError` with it: `raise XError(**problem)`."""
    text = "" if text is None else str(text)
    if "\x00" in text or len(text.strip()) > REASON_MAX_LENGTH:
        return {"code": "reason_unreadable", "limit": REASON_MAX_LENGTH}
    return None

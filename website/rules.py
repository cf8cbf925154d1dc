"""The one way services say no: an exception with a code for programs and a message for people."""


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

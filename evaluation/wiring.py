"""What the evaluation app registers with the layers below it (outbox renderers, registries),
one function per area, called from `EvaluationConfig.ready`."""


def responses():
    """Evaluations after gatherings: e-mail renderers, the thank-you's evaluation link."""


def feedback():
    """Editors' feedback beside the modules."""


def surveys():
    """The yearly kartlegging survey."""

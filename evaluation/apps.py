from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluations after gatherings (anonymous by construction), the yearly kartlegging survey,
    and the feedback editors see beside the modules. Above certificates, beside network."""

    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from website import policy

        from . import wiring
        from .models import EvaluationInvite

        # The "has answered" rows are the person's; answers are nobody's (no policy entry:
        # administrators only, and the views show aggregates).
        policy.register(EvaluationInvite, person="participant__user")
        wiring.responses()
        wiring.feedback()
        wiring.surveys()

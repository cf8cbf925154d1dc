"""The e-mail that reminds a participant to evaluate a gathering.

The outbox row holds only the invite's id: the link, whose token must never be stored in plain,
is built from the invite's salt when the e-mail goes. The invitation itself is the thank-you
cohorts sends after a gathering (its link comes from `responses.evaluation_link` through
`cohorts.registry`).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.messages import organisation_contact
from cohorts.models import Enrolment
from website.outbox import Email

from .models import EvaluationInvite
from .services.responses import (
    REMINDER_KIND,
    evaluation_is_open,
    evaluation_window,
    invite_url,
)


def render_evaluation_reminder(message) -> Email | None:
    """Not when the person has answered in the meantime, or the evaluation has closed."""
    invite = (
        EvaluationInvite.objects.select_related("gathering", "participant")
        .filter(pk=message.context["invite_id"])
        .first()
    )
    if invite is None or invite.answered or not invite.salt:
        return None
    gathering = invite.gathering
    if not evaluation_is_open(gathering, timezone.now()):
        return None
    enrolment = (
        Enrolment.objects.select_related("organisation")
        .filter(
            gathering=gathering,
            participant_id=invite.participant_id,
            state=Enrolment.State.CONFIRMED,
        )
        .first()
    )
    reply_to, signature = organisation_contact(enrolment.organisation if enrolment else None)
    return Email(
        template=REMINDER_KIND,
        context={
            "gathering": gathering,
            "evaluation_url": invite_url(invite),
            "closes": timezone.localtime(evaluation_window(gathering).closes),
        },
        reply_to=reply_to,
        signature=signature,
    )


def register_renderers(register) -> None:
    register(REMINDER_KIND, render_evaluation_reminder, _("Reminder to evaluate a gathering"))

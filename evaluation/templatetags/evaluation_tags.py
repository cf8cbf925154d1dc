"""Template tags for pages of lower layers that show evaluations (the participant's My page in
`cohorts` lists the evaluations they can answer; `cohorts` must not import this app)."""

from django import template
from django.utils import timezone

from ..models import EvaluationInvite
from ..services.responses import evaluation_is_open, evaluation_window, invite_url

register = template.Library()


@register.inclusion_tag("evaluation/includes/my_evaluations.html")
def my_evaluations(participant):
    """The evaluations open now for the participant, each with its link, its deadline and
    whether they have answered (the invites come with the thank-you or the hourly run)."""
    if participant is None:
        return {"evaluations": []}
    now = timezone.now()
    invites = (
        EvaluationInvite.objects.filter(participant=participant)
        .exclude(salt="")
        .select_related("gathering")
        .order_by("gathering__ends_at", "pk")
    )
    evaluations = [
        {
            "gathering": invite.gathering,
            "url": invite_url(invite),
            "answered": invite.answered,
            "closes": timezone.localtime(evaluation_window(invite.gathering).closes),
        }
        for invite in invites
        if evaluation_is_open(invite.gathering, now)
    ]
    return {"evaluations": evaluations}

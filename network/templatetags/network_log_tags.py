"""My page's assignments (issue 18 item 5): `{% my_assignments participant %}`, inside the
network's section of My page (templates/network/includes/my_network.html): the finished
assignments waiting for the member's feedback, and the link to the erfaringslogg."""

from django import template

from ..selectors.assignments import awaiting_feedback

register = template.Library()


@register.inclusion_tag("network/includes/my_assignments.html")
def my_assignments(participant):
    if participant is None:
        return {"participant": None, "awaiting": []}
    return {"participant": participant, "awaiting": awaiting_feedback(participant)}

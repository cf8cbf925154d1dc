"""My page's invitations to requests (issue 18 item 4): `{% my_invitations participant %}`,
inside the network's section of My page (templates/network/includes/my_network.html)."""

from django import template

from ..selectors.requests import invitations_for_member

register = template.Library()


@register.inclusion_tag("network/includes/my_invitations.html")
def my_invitations(participant):
    """The member's invitations still standing, on requests not yet over: to answer, accepted,
    confirmed."""
    if participant is None:
        return {"invitations": []}
    return {"invitations": list(invitations_for_member(participant.user))}

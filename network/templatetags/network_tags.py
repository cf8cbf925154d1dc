"""Template tags for pages of lower layers that show the network (the participant's My page
in `cohorts` shows their membership; `cohorts` must not import this app)."""

from django import template
from django.utils.translation import gettext_lazy as _

from courses.models import Level

from ..models import Membership
from ..selectors.membership import can_join, certified_levels, needs_guardian
from ..services.membership import ERRORS

register = template.Library()


def profile_rows(membership: Membership, levels: list[str]) -> list[dict]:
    """The member's own profile as rows (label, value, whether other members see it)."""
    labels = dict(Level.choices)
    listed = membership.listed_for_members
    rows = [
        (_("Certified for"), ", ".join(str(labels[level]) for level in levels), "levels"),
        (
            _("Fields"),
            ", ".join(str(label) for label in _labels(membership, "fields")),
            "fields",
        ),
        (
            _("Levels I have taken part at"),
            ", ".join(str(label) for label in _labels(membership, "participation")),
            "participation",
        ),
        (_("County"), membership.get_county_display() if membership.county else "", "county"),
        (_("Languages"), membership.languages, "languages"),
        (_("Availability"), membership.get_availability_display(), "availability"),
        (_("Introduction"), membership.introduction, "introduction"),
    ]
    return [
        {
            "label": label,
            "value": value,
            "members_see": listed and getattr(membership, f"members_see_{part}"),
        }
        for label, value, part in rows
    ]


def _labels(membership, part):
    from ..models.choices import Field, ParticipationLevel

    choices = Field if part == "fields" else ParticipationLevel
    return [choices(value).label for value in getattr(membership, part)]


@register.inclusion_tag("network/includes/my_network.html")
def my_network(participant):
    """The network on My page: join (or why not yet), waiting for the guardian, or the
    member's profile with its links. Other parts of the network add their lines inside."""
    if participant is None:
        return {"participant": None}
    membership = Membership.objects.filter(participant=participant).first()
    levels = certified_levels(participant)
    context = {"participant": participant, "membership": membership, "levels": levels}
    if membership is None:
        reason = can_join(participant)
        context.update(
            reason=reason,
            refusal=ERRORS[reason] if reason else "",
            minor=needs_guardian(participant),
        )
    else:
        context["rows"] = profile_rows(membership, levels)
    return context

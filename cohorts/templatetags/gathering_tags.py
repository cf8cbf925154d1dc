"""Template tags that let pages of lower layers show gatherings (the course page and the home
page list upcoming gatherings; `courses` and `website` must not import this app), and the
status tag every gathering card and page shows."""

from django import template

from cohorts import selectors, services

register = template.Library()


@register.simple_tag
def upcoming_gatherings(level=None, limit=None):
    """Published gatherings (of a level, if given) that have not ended, soonest first."""
    gatherings = selectors.upcoming_gatherings(level=level or None)
    if limit:
        gatherings = gatherings[: int(limit)]
    return selectors.with_seat_counts(gatherings)  # each card's status: no query per card


@register.simple_tag
def gathering_status(gathering):
    """The gathering's public status (`cohorts.services.status`): code, label, colour,
    seats left, whether one can apply."""
    return services.gathering_status(gathering)


@register.inclusion_tag("cohorts/includes/status_tag.html")
def gathering_status_tag(gathering=None, status=None):
    """The status as a Designsystemet tag: `{% gathering_status_tag gathering %}`, or
    `{% gathering_status_tag status=status %}` when the status is already known."""
    if status is None:
        status = services.gathering_status(gathering)
    return {"status": status}

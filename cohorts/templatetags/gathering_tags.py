"""Template tags that let pages of lower layers show gatherings (the course page lists the
upcoming gatherings of its level; `courses` must not import this app)."""

from django import template

from cohorts import selectors

register = template.Library()


@register.simple_tag
def upcoming_gatherings(level):
    """Published gatherings of a level that have not ended, soonest first."""
    return list(selectors.upcoming_gatherings(level=level))

import math

from django import template
from django.utils import formats, translation
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def hours(minutes):
    """Minutes of teaching as hours, to the nearest half hour: "3 timer", "4,5 timer"."""
    value = round((minutes or 0) / 30) / 2
    number = formats.number_format(value, decimal_pos=0 if value.is_integer() else 1)
    return ngettext("%(hours)s hour", "%(hours)s hours", max(1, math.ceil(value))) % {
        "hours": number
    }


@register.simple_tag(takes_context=True)
def programme_courses(context):
    """The published programme's courses in the active language, in order, with their
    `module_minutes`: the three levels as a path on the home page (the `website` layer does
    not import `courses`)."""
    from wagtail.models import Locale

    from courses.models import ProgrammePage
    from courses.selectors import course_list_with_minutes
    from website import sitememo

    def build():
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        programmes = ProgrammePage.objects.live().public().order_by("path")
        programme = (
            programmes.filter(locale=locale).first() if locale else None
        ) or programmes.first()
        if programme is None:
            return []
        return course_list_with_minutes(programme=programme)

    # Pages only: kept while the pages generation lasts (website/sitememo.py).
    return sitememo.remember(("programme_courses", translation.get_language()), build)

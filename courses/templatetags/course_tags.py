import math

from django import template
from django.utils import formats
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

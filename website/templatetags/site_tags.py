"""Template tags for the parts of every public page: menu, footer, language switcher.

The footer's list of organisations is `people_tags.organisations` (the base layer does not
import the apps above it)."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = translation.get_language()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "current_language": current,
        "languages": [
            {"code": code, "name": translation.get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
        "next": request.get_full_path(),
    }

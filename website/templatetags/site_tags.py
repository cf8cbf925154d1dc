"""Template tags for the parts of every public page: menu, footer, language switcher.

The footer's list of organisations is `people_tags.organisations` (the base layer does not
import the apps above it)."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from website import sitememo

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context):
    """The main menu's links, each `{"href", "text"}` in the active language: built from the
    navigation settings once per process while the pages generation lasts (website/sitememo.py),
    not from the settings row and the pages it links to on every page view."""
    from website.models import NavigationSettings

    site = Site.find_for_request(context.get("request"))
    if site is None:
        return []

    def build():
        links = NavigationSettings.for_site(site).links
        return [{"href": link.value.href(), "text": link.value.text()} for link in links]

    return sitememo.remember(("menu", site.pk, translation.get_language()), build)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer (`includes/footer.html`: the organisations, the text about the programme,
    the contact address and links), the same on every page of a site in one language: rendered
    once per process while the pages generation lasts (website/sitememo.py)."""
    from website.models import FooterSettings

    site = Site.find_for_request(context.get("request"))
    if site is None:
        return ""

    def build():
        footer = FooterSettings.for_site(site)
        return render_to_string("includes/footer.html", {"footer": footer})

    return sitememo.remember(("footer", site.pk, translation.get_language()), build)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = translation.get_language()
    return {
        "request": request,
        "current_language": current,
        "languages": [
            {"code": code, "name": translation.get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
        "next": request.get_full_path(),
    }


@register.simple_tag
def ds_widget(field, **attrs):
    """A bound form field's widget with Designsystemet's class and the aria wiring of
    `includes/field.html`: `ds-input`, aria-describedby (help text, errors), aria-invalid."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_description")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    final = {"class": "ds-input"}
    if described:
        final["aria-describedby"] = " ".join(described)
    if field.errors:
        final["aria-invalid"] = "true"
    final.update(attrs)
    return field.as_widget(attrs=final)


@register.filter
def is_checkbox(field):
    return getattr(field.field.widget, "input_type", None) == "checkbox" and not getattr(
        field.field.widget, "allow_multiple_selected", False
    )


@register.filter
def is_choice_list(field):
    """Radio buttons, or a list of checkboxes: rendered as a fieldset of options."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    return input_type == "radio" or (
        input_type == "checkbox" and getattr(widget, "allow_multiple_selected", False)
    )


@register.filter
def field_anchor(field):
    """The id an error summary links to: the field, or a choice list's first option."""
    return f"{field.auto_id}_0" if is_choice_list(field) else field.auto_id


@register.filter
def anchor(text):
    """A heading's id for links to it (the module's table of contents): "Første del" →
    "første-del"."""
    from django.utils.text import slugify

    return slugify(str(text), allow_unicode=True)


@register.simple_tag
def date_span(starts, ends):
    """A span of days in the reader's format: "14. februar 2027–15. februar 2027", or one date
    when both fall on the same day in Oslo ("10. januar 2027", not the same date twice)."""
    from django.template.defaultfilters import date
    from django.utils import timezone

    start = date(timezone.localtime(starts), "DATE_FORMAT")
    end = date(timezone.localtime(ends), "DATE_FORMAT")
    return start if start == end else f"{start}–{end}"

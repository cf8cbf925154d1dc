"""Template tags the project's templates use to show organisations (the footer's list).

The footer belongs to `website`, the base layer, which must not import this app; the tag lives
here, with the model it reads."""

from django import template

from people.models import Organisation

register = template.Library()


@register.simple_tag
def organisations():
    return list(Organisation.objects.order_by("name"))

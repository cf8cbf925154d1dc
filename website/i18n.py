"""Small helpers for fields an editor writes once per language."""

from django.utils import translation


def in_active_language(norwegian, english):
    """The English text when English is active and given; Norwegian otherwise."""
    if english and translation.get_language() == "en":
        return english
    return norwegian

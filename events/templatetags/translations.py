from dataclasses import dataclass

from django import template
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order

register = template.Library()


@dataclass
class Text:
    """A translated field's text as shown, and the language it is written in."""

    text: str
    language: str

    def __str__(self):
        return self.text


@register.simple_tag
def translated(instance, field):
    """The text of `field` in the page's language, or the fallback that has one.

    Usage: {% translated event "title" as title %} <h1 lang="{{ title.language }}">
    """
    for language in resolution_order(get_language()):
        text = getattr(instance, f"{field}_{language}", None)
        if text:
            return Text(text, language)
    return Text("", get_language())

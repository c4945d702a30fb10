from django import template
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """This page's address in another language, query string kept.

    An address that resolves to no page (a 404) keeps its path and changes
    only its language prefix, so the visitor reads the same answer in theirs.
    """
    request = context["request"]
    path = request.get_full_path()
    if request.resolver_match is None:
        prefix = f"/{get_language()}/"
        if path.startswith(prefix):
            return f"/{language_code}/{path.removeprefix(prefix)}"
    return translate_url(path, language_code)

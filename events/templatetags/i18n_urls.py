from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code):
    """This page's address in another language, query string kept."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)

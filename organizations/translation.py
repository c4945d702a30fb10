import simple_history
from modeltranslation.translator import TranslationOptions, register

from organizations.models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description", "address")


# Every version, with who saved it (django-simple-history); registered after
# the translation fields, so that a version keeps every language's text.
simple_history.register(
    Organization,
    m2m_fields=["editors"],
)

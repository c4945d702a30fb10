from modeltranslation.translator import TranslationOptions, register

from organizations.models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description", "address")

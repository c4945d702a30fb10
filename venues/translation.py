import simple_history
from modeltranslation.translator import TranslationOptions, register

from venues.models import District, Venue


@register(District)
class DistrictTranslationOptions(TranslationOptions):
    fields = ("name", "centre")


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "locality", "address", "accessibility", "image_alt")


# Every version, with who saved it (django-simple-history); registered after
# the translation fields, so that a version keeps every language's text.
simple_history.register(Venue)

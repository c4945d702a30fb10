from modeltranslation.translator import TranslationOptions, register

from venues.models import District, Venue


@register(District)
class DistrictTranslationOptions(TranslationOptions):
    fields = ("name", "centre")


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "locality", "address", "accessibility", "image_alt")

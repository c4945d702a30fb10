from modeltranslation.translator import TranslationOptions, register

from events.models import ActivityType, ActivityTypeGroup, Event, EventImage


@register(ActivityTypeGroup)
class ActivityTypeGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ActivityType)
class ActivityTypeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(EventImage)
class EventImageTranslationOptions(TranslationOptions):
    fields = ("alt_text",)

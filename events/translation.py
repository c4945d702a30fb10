import simple_history
from modeltranslation.translator import TranslationOptions, register

from backoffice.history import BothSidesHistoricalRecords
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


# Every version of an event, with who saved it, its organizers and activity
# types. Registered here, after the translation fields exist, so that a version
# keeps the texts in every language: a history model made with the model class
# would be made before them and miss them. A change of its organizers or types
# made from their side is recorded as the event's version too.
simple_history.register(
    Event,
    records_class=BothSidesHistoricalRecords,
    m2m_fields=["activity_types", "organizers"],
    excluded_fields=["search_document", "search_title"],
)

from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from backoffice.history import default_reason
        from events import covers, search_words
        from events.cache import catalog_changed, release_migrated
        from events.models import (
            ActivityType,
            ActivityTypeGroup,
            Event,
            EventImage,
            EventOrganizer,
        )
        from events.reference_data import load_activity_types_after_migrate
        from organizations.models import Organization
        from venues.models import District, Venue

        # Like contenttypes and permissions: every migrated database has the
        # official activity types, from fixtures/reference/.
        post_migrate.connect(
            load_activity_types_after_migrate,
            sender=self,
            dispatch_uid="events.load_activity_types",
        )

        # A release migrates: nothing kept by the release before is read.
        post_migrate.connect(
            release_migrated, sender=self, dispatch_uid="events.release_migrated"
        )

        # Everything the public pages show: a change to any of it makes the
        # cached pages and fragments unread (events/cache.py). Bulk writes
        # (update(), bulk_create()) send no signal; the commands that make them
        # call catalog_changed() themselves.
        shown = [
            Event,
            EventImage,
            EventOrganizer,
            ActivityType,
            ActivityTypeGroup,
            Organization,
            Venue,
            District,
        ]
        for model in shown:
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    catalog_changed,
                    sender=model,
                    dispatch_uid=f"page_cache.{name}.{model._meta.label}",
                )
        # Links added or removed through the ORM (event.organizers.add(...),
        # from either side) save no row of their own.
        for name in ("activity_types", "organizers"):
            m2m_changed.connect(
                catalog_changed,
                sender=getattr(Event, name).through,
                dispatch_uid=f"page_cache.event_{name}",
            )

        # An event's search words (events/search_words.py): every save of a row
        # they are made of refreshes the events that show it, and so does a
        # change of an event's organizers or activity types. Deleting a venue,
        # district, organization or group that events show is refused (PROTECT),
        # and a deleted event has no words to keep; deleting an activity type
        # takes it off its events first.
        for model in search_words.SOURCES:
            post_save.connect(
                search_words.source_saved,
                sender=model,
                dispatch_uid=f"search_words.save.{model._meta.label}",
            )
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                search_words.organizer_saved_or_deleted,
                sender=EventOrganizer,
                dispatch_uid=f"search_words.{name}.{EventOrganizer._meta.label}",
            )
        for name, through in (
            ("activity_types", Event.activity_types.through),
            ("organizers", Event.organizers.through),
        ):
            m2m_changed.connect(
                search_words.links_changed,
                sender=through,
                dispatch_uid=f"search_words.event_{name}",
            )
        pre_delete.connect(
            search_words.activity_type_deleting,
            sender=ActivityType,
            dispatch_uid="search_words.delete.events.ActivityType",
        )

        # Generated covers: made anew when an event's title, dates or activity
        # types change (events/covers/).
        covers.connect_signals()

        # Every version of an event, venue or organization says why it was
        # recorded: a save that gives no reason gets one from what it did.
        for model in (Event, Venue, Organization):
            pre_create_historical_record.connect(
                default_reason,
                sender=model.history.model,
                dispatch_uid=f"history.default_reason.{model._meta.label}",
            )

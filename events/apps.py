from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from backoffice.history import default_reason
        from events.cache import catalog_changed
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
        m2m_changed.connect(
            catalog_changed,
            sender=Event.activity_types.through,
            dispatch_uid="page_cache.event_activity_types",
        )

        # Every version of an event, venue or organization says why it was
        # recorded: a save that gives no reason gets one from what it did.
        for model in (Event, Venue, Organization):
            pre_create_historical_record.connect(
                default_reason,
                sender=model.history.model,
                dispatch_uid=f"history.default_reason.{model._meta.label}",
            )

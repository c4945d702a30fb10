from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events.reference_data import load_activity_types_after_migrate

        # Like contenttypes and permissions: every migrated database has the
        # official activity types, from fixtures/reference/.
        post_migrate.connect(
            load_activity_types_after_migrate,
            sender=self,
            dispatch_uid="events.load_activity_types",
        )

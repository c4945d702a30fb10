from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "venues"
    verbose_name = _("Places")

    def ready(self):
        from venues.reference_data import load_districts_after_migrate

        # Like contenttypes and permissions: every migrated database has the
        # region's districts, from fixtures/reference/.
        post_migrate.connect(
            load_districts_after_migrate,
            sender=self,
            dispatch_uid="venues.load_districts",
        )

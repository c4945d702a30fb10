from django.core.management.base import BaseCommand

from events.cache import catalog_changed
from events.reference_data import load_activity_types
from venues.reference_data import load_districts


class Command(BaseCommand):
    help = (
        "Bring districts, activity-type groups and activity types in line with "
        "fixtures/reference/: create, update names, deprecate types off the list."
    )

    def handle(self, *args, **options):
        districts_created = load_districts()
        counts = load_activity_types()
        catalog_changed()  # deprecation is an update(), which sends no signal
        self.stdout.write(
            f"Districts: {districts_created} created. Activity types: "
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['deprecated']} deprecated."
        )

from django.core.management.base import BaseCommand

from events.cache import catalog_changed
from events.models import Event


class Command(BaseCommand):
    help = "Recompute every event's search words (after loaddata or a bulk change)."

    def handle(self, *args, **options):
        events = Event.objects.all()
        events.refresh_search()
        catalog_changed()  # bulk_update sends no signal
        self.stdout.write(f"Search words refreshed for {events.count()} events.")

from django.core.management.base import BaseCommand

from events.cache import catalog_changed
from events.models import Event
from events.search_words import refresh_search_words


class Command(BaseCommand):
    help = (
        "Recompute every event's search words (after loaddata, whose raw saves "
        "do not refresh them)."
    )

    def handle(self, *args, **options):
        count = refresh_search_words(Event.objects.all())
        catalog_changed()  # bulk_update sends no signal
        self.stdout.write(f"Search words refreshed for {count} events.")

from django.core.management.base import BaseCommand

from events.covers import ensure_covers
from events.models import Event


class Command(BaseCommand):
    help = (
        "Make the generated covers of the published events without an image that "
        "lack them, in every language (after loaddata, whose raw saves make none)."
    )

    def handle(self, *args, **options):
        events = (
            Event.objects.published()
            .filter(images__isnull=True)
            .with_cover_group()
            .order_by("pk")
        )
        count = 0
        for event in events.iterator():
            ensure_covers(event)
            count += 1
        self.stdout.write(f"Covers checked for {count} events.")

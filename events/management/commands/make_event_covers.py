from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from events import covers
from events.models import Event


class Command(BaseCommand):
    help = (
        "Make the generated covers of the published events without an image that "
        "lack them, in every language (after loaddata, whose raw saves make none); "
        "with --prune, delete the covers no event shows any more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also delete the kept covers of earlier titles, dates or groups.",
        )

    def handle(self, *args, prune=False, **options):
        events = (
            Event.objects.published()
            .filter(images__isnull=True)
            .with_cover_group()
            .order_by("pk")
        )
        current = set()
        for event in events.iterator():
            for language, _name in settings.LANGUAGES:
                current.add(covers.ensure_cover(event, language))
        self.stdout.write(
            f"{len(current)} covers checked (each event in each language)."
        )
        if not prune or not default_storage.exists(covers.FOLDER):
            return
        # A cover of a draft, or of an event that has an image now, is
        # made again if it is asked for.
        stale = [
            name
            for name in default_storage.listdir(covers.FOLDER)[1]
            if name.partition("-")[0] not in current
        ]
        for name in stale:
            default_storage.delete(f"{covers.FOLDER}/{name}")
        self.stdout.write(f"{len(stale)} files of earlier covers deleted.")

"""Restore a `backup_site` archive into an empty, migrated database (docs/backup.md).

"Empty" means what `migrate` leaves: the districts, activity types and staff
groups it creates are replaced by the archive's own (with their ids and any
administrator's edits); anything else already there stops the restore, so it
never mixes two sites' data. The rows are loaded in one transaction: a restore
that fails leaves the database as it was. Media files are written afterwards,
over any file of the same name.
"""

import json
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from events.management.commands.backup_site import (
    ARCHIVE_FORMAT,
    DATA,
    MANIFEST,
    MEDIA_PREFIX,
    applied_migrations,
    backed_up_models,
)

# What `migrate` itself creates (post_migrate handlers and data migrations).
MADE_BY_MIGRATE = {
    "auth.group",
    "events.activitytype",
    "events.activitytypegroup",
    "venues.district",
}


def media_name(member):
    """The storage name of an archive member under media/, refusing odd paths."""
    name = member.name.removeprefix(MEDIA_PREFIX)
    parts = PurePosixPath(name).parts
    if not member.isfile() or not parts or name.startswith("/") or ".." in parts:
        raise CommandError(f"The archive holds an unsafe media path: {member.name!r}.")
    return name


@contextmanager
def model_signals_muted():
    """No receiver of a model signal runs in this block.

    The rows are put back exactly as they were: nothing may add a history
    record, send an e-mail or write a derived row while they are loaded (loaddata
    marks saves as raw, but not the many-to-many links it sets) or while the
    reference rows of the new database are removed.
    """
    signals = [pre_save, post_save, pre_delete, post_delete, m2m_changed]
    receivers = [signal.receivers for signal in signals]
    try:
        for signal in signals:
            with signal.lock:
                signal.receivers = []
                signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, saved in zip(signals, receivers, strict=True):
            with signal.lock:
                signal.receivers = saved
                signal.sender_receivers_cache.clear()


def delete_rows(models):
    """Delete every row of these models, whatever the order their links need."""
    pending = list(models)
    while pending:
        blocked = []
        for model in pending:
            try:
                with transaction.atomic(using=DEFAULT_DB_ALIAS):
                    model._base_manager.using(DEFAULT_DB_ALIAS).all().delete()
            except (ProtectedError, RestrictedError):
                blocked.append(model)
        if len(blocked) == len(pending):
            labels = ", ".join(model._meta.label for model in blocked)
            raise CommandError(
                f"Cannot empty {labels}: their rows refer to each other."
            )
        pending = blocked


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive (database rows and media files) into an "
        "empty, migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by backup_site.")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        with self.open_archive(path) as tar, tempfile.TemporaryDirectory() as folder:
            manifest = self.read_manifest(tar, path)
            media_members = [
                member
                for member in tar.getmembers()
                if member.name.startswith(MEDIA_PREFIX) and not member.isdir()
            ]
            names = [media_name(member) for member in media_members]
            self.check_database(manifest)

            data_path = Path(folder) / DATA
            try:
                source = tar.extractfile(DATA)
            except KeyError:
                raise CommandError(f"{path} holds no {DATA}.") from None
            with source, data_path.open("wb") as target:
                while chunk := source.read(1 << 20):
                    target.write(chunk)

            models = [
                model
                for model in backed_up_models()
                if model._meta.label_lower in manifest["counts"]
            ]
            with transaction.atomic(using=DEFAULT_DB_ALIAS), model_signals_muted():
                delete_rows(models)
                call_command(
                    "loaddata", str(data_path), database=DEFAULT_DB_ALIAS, verbosity=0
                )
                self.check_counts(manifest, models)

            for member, name in zip(media_members, names, strict=True):
                if default_storage.exists(name):
                    default_storage.delete(name)
                with tar.extractfile(member) as file:
                    saved = default_storage.save(name, file)
                if saved != name:
                    raise CommandError(f"The media file {name} was saved as {saved}.")

        # Cached pages and image renditions belong to the database that was here.
        cache.clear()
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows and {len(names)} media files from {path} "
            f"(backed up {manifest['created_at']})."
        )

    def open_archive(self, path):
        if not path.is_file():
            raise CommandError(f"No archive at {path}.")
        try:
            return tarfile.open(path, mode="r:gz")
        except (tarfile.TarError, OSError) as error:
            raise CommandError(
                f"{path} is not a backup_site archive: {error}"
            ) from None

    def read_manifest(self, tar, path):
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except (KeyError, ValueError):
            raise CommandError(f"{path} is not a backup_site archive.") from None
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise CommandError(
                f"{path} has archive format {manifest.get('format')!r}; "
                f"this version reads format {ARCHIVE_FORMAT}."
            )
        return manifest

    def check_database(self, manifest):
        connection = connections[DEFAULT_DB_ALIAS]
        missing = sorted(
            set(manifest["migrations"]) - set(applied_migrations(connection))
        )
        if missing:
            raise CommandError(
                "The database lacks migrations the backup was made with: "
                f"{', '.join(missing)}. Run `manage.py migrate` (with the code "
                "version that made the backup, or a later one) first."
            )
        known = {model._meta.label_lower for model in backed_up_models()}
        unknown = sorted(set(manifest["counts"]) - known)
        if unknown:
            raise CommandError(
                f"The backup holds models this code does not have: {', '.join(unknown)}."
            )
        filled = [
            f"{model._meta.label_lower}: {count}"
            for model in backed_up_models()
            if model._meta.label_lower not in MADE_BY_MIGRATE
            and (count := model._base_manager.using(DEFAULT_DB_ALIAS).count())
        ]
        if filled:
            raise CommandError(
                "The database is not empty, it holds rows of "
                f"{', '.join(filled)}. Restore into a new database after "
                "`manage.py migrate` (see docs/backup.md)."
            )

    def check_counts(self, manifest, models):
        expected = manifest["counts"]
        wrong = [
            f"{label}: {found} instead of {expected[label]}"
            for model in models
            if (label := model._meta.label_lower)
            and (found := model._base_manager.using(DEFAULT_DB_ALIAS).count())
            != expected[label]
        ]
        if wrong:
            raise CommandError(
                "The restored rows do not match the backup, nothing was changed: "
                + "; ".join(wrong)
            )

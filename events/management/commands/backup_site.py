"""Back up the database and the media files into one .tar.gz (docs/backup.md).

The archive holds:

- manifest.json: when, from which database, the applied migrations, and how
  many rows of each model and how many media files it holds;
- data.jsonl: every row of every model, as `dumpdata --natural-foreign` writes
  them (but with times to the microsecond), primary keys included (links, admin history and bookmarks keep
  working). Content types and permissions are left out: `migrate` creates
  them, and rows refer to them by natural key. Sessions are left out too;
- media/...: every file in the media storage (local disk or S3).

The same file restores on SQLite and PostgreSQL with `restore_site`.
"""

import datetime
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA_PREFIX = "media/"

# Made by `migrate` in every database; referred to by natural key.
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class MicrosecondJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, without cutting times down to the millisecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return (
                text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
            )
        return super().default(o)


class Serializer(jsonl.Serializer):
    """JSON Lines with exact times; Django's jsonl deserializer reads them."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = MicrosecondJSONEncoder


Deserializer = jsonl.Deserializer
DUMP_FORMAT = "jsonl-microseconds"


def backed_up_models():
    """The models whose rows a backup holds, in a stable order."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.label_lower not in NOT_BACKED_UP
            and model._meta.managed
            and not model._meta.proxy
        ),
        key=lambda model: model._meta.label_lower,
    )


def applied_migrations(connection):
    return sorted(
        f"{app}.{name}"
        for app, name in MigrationRecorder(connection).applied_migrations()
    )


def media_files(storage, directory=""):
    """Every file name in the storage, walking its folders."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}{name}"
    for folder in sorted(folders):
        yield from media_files(storage, f"{directory}{folder}/")


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Back up the database and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write the archive (default: "
            "creative-east-YYYYMMDD-HHMMSS.tar.gz in the current folder).",
        )

    def handle(self, *args, archive=None, **options):
        created_at = timezone.now()
        path = Path(
            archive or f"creative-east-{created_at:%Y%m%d-%H%M%S}.tar.gz"
        ).resolve()
        connection = connections[DEFAULT_DB_ALIAS]
        models = backed_up_models()

        with tempfile.TemporaryDirectory() as folder:
            data_path = Path(folder) / DATA
            outermost = not connection.in_atomic_block
            with transaction.atomic(using=DEFAULT_DB_ALIAS):
                if outermost and connection.vendor == "postgresql":
                    # One snapshot for every table, even while the site is in use.
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                        )
                serializers.register_serializer(DUMP_FORMAT, __name__)
                call_command(
                    "dumpdata",
                    *(model._meta.label for model in models),
                    format=DUMP_FORMAT,
                    natural_foreign=True,
                    use_base_manager=True,
                    database=DEFAULT_DB_ALIAS,
                    output=str(data_path),
                    verbosity=0,
                )
                counts = {
                    model._meta.label_lower: model._base_manager.using(
                        DEFAULT_DB_ALIAS
                    ).count()
                    for model in models
                }
                migrations = applied_migrations(connection)

            files = list(media_files(default_storage))
            manifest = {
                "format": ARCHIVE_FORMAT,
                "created_at": created_at.isoformat(),
                "database": connection.vendor,
                "migrations": migrations,
                "counts": counts,
                "media_files": len(files),
            }

            # Written beside the target, then renamed: a half-written archive
            # never takes the place of a good one. It holds password hashes
            # and e-mail addresses, so only its owner may read it.
            partial = path.with_name(path.name + ".part")
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                with (
                    os.fdopen(descriptor, "wb") as raw,
                    tarfile.open(fileobj=raw, mode="w:gz") as tar,
                ):
                    add_bytes(
                        tar,
                        MANIFEST,
                        json.dumps(manifest, indent=2, ensure_ascii=False).encode(),
                    )
                    tar.add(data_path, arcname=DATA)
                    for name in files:
                        info = tarfile.TarInfo(MEDIA_PREFIX + name)
                        info.size = default_storage.size(name)
                        info.mtime = int(created_at.timestamp())
                        with default_storage.open(name, "rb") as file:
                            tar.addfile(info, file)
                os.replace(partial, path)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise

        rows = sum(counts.values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(models)} models and {len(files)} "
            f"media files to {path}."
        )

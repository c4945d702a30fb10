"""The official creative-industry activity types, from fixtures/reference/."""

import csv

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import get_translation_fields

from events.models import ActivityType, ActivityTypeGroup

REFERENCE_DIR = settings.BASE_DIR / "fixtures" / "reference"


def read_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def translated(row: dict[str, str], field: str) -> dict[str, str]:
    # Only the per-language columns: with modeltranslation, setting the plain
    # field would write to the active language's column.
    return {name: row[name] for name in get_translation_fields(field)}


def save_values(instance, values):
    for field, value in values.items():
        setattr(instance, field, value)
    instance.save()


@transaction.atomic
def load_activity_types(*, update_existing: bool = True) -> dict[str, int]:
    """Bring groups and types in line with the files, matching by slug and code.

    A type missing from the file is deprecated, never deleted, so old events and
    links keep working; a type back on the list is restored. Without
    `update_existing` only missing rows are created.
    """
    counts = {"created": 0, "updated": 0, "deprecated": 0}
    groups = {}
    for row in read_rows("activity_type_groups.csv"):
        values = {"position": int(row["position"]), **translated(row, "name")}
        group = ActivityTypeGroup.objects.filter(slug=row["slug"]).first()
        if group is None:
            group = ActivityTypeGroup.objects.create(slug=row["slug"], **values)
        elif update_existing:
            save_values(group, values)
        groups[row["slug"]] = group

    listed_codes = []
    for position, row in enumerate(read_rows("activity_types.csv"), start=1):
        listed_codes.append(row["code"])
        values = {
            "group": groups[row["group"]],
            "position": position,
            "is_membership_confirmed": row["membership_confirmed"] == "1",
            "is_name_kk_official": row["name_kk_official"] == "1",
            "is_by_analogy": row.get("by_analogy") == "1",
            "deprecated_at": None,
            **translated(row, "name"),
        }
        activity_type = ActivityType.objects.filter(code=row["code"]).first()
        if activity_type is None:
            ActivityType.objects.create(code=row["code"], **values)
            counts["created"] += 1
        elif update_existing:
            save_values(activity_type, values)
            counts["updated"] += 1

    if update_existing:
        counts["deprecated"] = (
            ActivityType.objects.current()
            .exclude(code__in=listed_codes)
            .update(deprecated_at=timezone.now())
        )
    return counts


def load_activity_types_after_migrate(sender, **kwargs):
    # After migrate only what is missing is added: an administrator's edits
    # stay until `manage.py load_reference_data` is run on purpose.
    load_activity_types(update_existing=False)

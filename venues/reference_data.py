"""The region's cities and districts, from fixtures/reference/districts.csv."""

import csv

from django.conf import settings
from modeltranslation.utils import get_translation_fields

from venues.models import District

DISTRICTS_FILE = settings.BASE_DIR / "fixtures" / "reference" / "districts.csv"


def load_districts(*, update_existing: bool = True) -> int:
    """Create the districts the file lists; with `update_existing`, refresh the rest.

    Rows are matched by slug, so links and venues keep pointing at them.
    Returns the number of rows created.
    """
    created = 0
    with DISTRICTS_FILE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            values = {
                "kind": row["kind"],
                "position": int(row["position"]),
                "kato": row["kato"],
                "is_kato_confirmed": row["kato_confirmed"] == "1",
                "notes": row["notes"],
                "other_names": row["other_names"],
            }
            for name in get_translation_fields("name", "centre"):
                values[name] = row[name]
            district = District.objects.filter(slug=row["slug"]).first()
            if district is None:
                District.objects.create(slug=row["slug"], **values)
                created += 1
            elif update_existing:
                for field, value in values.items():
                    setattr(district, field, value)
                district.save()
    return created


def load_districts_after_migrate(sender, **kwargs):
    # After migrate only what is missing is added: an administrator's edits
    # stay until `manage.py load_reference_data` is run on purpose.
    load_districts(update_existing=False)

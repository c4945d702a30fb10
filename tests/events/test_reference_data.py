import csv
import shutil

import pytest
from django.core.management import call_command

from events import reference_data
from events.models import ActivityType, ActivityTypeGroup, Event
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_migrate_loads_the_43_activity_types_in_12_groups():
    assert ActivityType.objects.count() == 43
    assert ActivityTypeGroup.objects.count() == 12
    carpets = ActivityType.objects.get(code="13.93")
    assert carpets.name_ru == "Производство ковров и ковровых изделий"
    assert carpets.name_en == "Manufacture of carpets and rugs"
    assert carpets.group.slug == "crafts"


def test_no_activity_type_is_presented_as_confirmed():
    # The reference README: the list is reconstructed and the Kazakh names are
    # working translations, not official titles.
    assert not ActivityType.objects.filter(is_membership_confirmed=True).exists()
    assert not ActivityType.objects.filter(is_name_kk_official=True).exists()
    assert ActivityType.objects.get(code="90.01").name_kk == "Артистік қызмет"


@pytest.fixture
def reference_copy(tmp_path, monkeypatch):
    """A copy of fixtures/reference/ that a test may edit."""
    for path in reference_data.REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(reference_data, "REFERENCE_DIR", tmp_path)
    return tmp_path


def rewrite_activity_types(directory, change):
    path = directory / "activity_types.csv"
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        fieldnames = reader.fieldnames
        rows = [row for row in map(change, reader) if row is not None]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


def test_reloading_updates_names_and_keeps_the_rows(reference_copy):
    before = ActivityType.objects.get(code="90.01")

    def rename(row):
        if row["code"] == "90.01":
            row["name_en"] = "Performing arts (renamed)"
        return row

    rewrite_activity_types(reference_copy, rename)
    call_command("load_reference_data", stdout=None)

    after = ActivityType.objects.get(code="90.01")
    assert after.pk == before.pk
    assert after.name_en == "Performing arts (renamed)"
    assert ActivityType.objects.count() == 43


def test_a_type_taken_off_the_list_is_deprecated_not_deleted(reference_copy):
    event = make_event(activity_types=("32.99", "90.01"))

    rewrite_activity_types(
        reference_copy, lambda row: None if row["code"] == "32.99" else row
    )
    reference_data.load_activity_types()

    withdrawn = ActivityType.objects.get(code="32.99")
    assert withdrawn.deprecated_at is not None
    assert ActivityType.objects.count() == 43
    assert ActivityType.objects.current().count() == 42
    assert set(
        Event.objects.get(pk=event.pk).activity_types.values_list("code", flat=True)
    ) == {"32.99", "90.01"}


def test_a_type_back_on_the_list_is_restored(reference_copy):
    rewrite_activity_types(
        reference_copy, lambda row: None if row["code"] == "32.99" else row
    )
    reference_data.load_activity_types()
    shutil.copy(
        reference_data.settings.BASE_DIR / "fixtures/reference/activity_types.csv",
        reference_copy / "activity_types.csv",
    )

    reference_data.load_activity_types()

    assert ActivityType.objects.get(code="32.99").deprecated_at is None


def test_migrate_does_not_overwrite_an_administrators_edit():
    ActivityType.objects.filter(code="90.01").update(name_en="Edited by an admin")

    reference_data.load_activity_types(update_existing=False)

    assert ActivityType.objects.get(code="90.01").name_en == "Edited by an admin"

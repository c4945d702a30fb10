"""backup_site and restore_site: every row and every media file comes back."""

import io
import os
import stat
import tarfile
from importlib import import_module

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from events.management.commands.backup_site import backed_up_models
from events.models import ActivityType, ActivityTypeGroup, Event
from events.reference_data import load_activity_types
from organizations.models import Organization
from tests.factories import (
    local,
    make_editor,
    make_event,
    make_image,
    make_moderator,
    make_organization,
    make_salburyn,
    make_venue,
)
from venues.models import District, Venue
from venues.reference_data import load_districts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

# Compared by natural key below: their ids are the new database's own.
REFERS_TO_PERMISSIONS = {"auth.group_permissions", "auth.user_user_permissions"}


@pytest.fixture(autouse=True)
def forget_content_type_ids():
    """flush recreates content types; the test's rollback brings the old ones back."""
    yield
    ContentType.objects.clear_cache()


def make_site_data():
    """A small catalog with every kind of link a backup has to keep."""
    theatre = make_organization(
        name_ru="Театр драмы", name_kk="Драма театры", name_en="Drama Theatre"
    )
    department = make_organization(parent=theatre, kind=Organization.Kind.THEATRE)
    editor = make_editor(theatre, username="aigerim")
    moderator = make_moderator(username="moderator")
    district = District.objects.create(
        slug="added-district", name_ru="Новый район", kind=District.Kind.DISTRICT
    )
    venue = make_venue(district=district, name_kk="Мәдениет үйі")
    music = ActivityType.objects.get(code="90.01")
    music.name_en = "Performing arts, as an administrator renamed it"
    music.save()
    festival = make_salburyn(
        summary_en="Three days of falconry.",
        description_ru="Первый абзац.\n\nВторой абзац.",
        starts_at=local(2025, 10, 8, 10),
        ends_at=local(2025, 10, 11, 22),
        venue=venue,
        activity_types=("90.01", "13.93"),
        organizers=[theatre, department],
        price_from=1000,
        price_to=5000,
        participating_countries=["KZ", "RU", "MN"],
        guests=1200,
        created_by=editor,
    )
    make_event(
        title_ru="Мастер-класс по войлоку",
        parent=festival,
        publication_status=Event.PublicationStatus.DRAFT,
        activity_types=("13.93",),
        organizers=[theatre],
    )
    make_image(
        festival,
        size=(4, 3),
        alt_text="The festival's poster",
        credit="Фото: акимат ВКО",
    )
    LogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(Event),
        object_id=str(festival.pk),
        object_repr=str(festival),
        action_flag=CHANGE,
        change_message="Published.",
    )
    return festival


def snapshot():
    """Every row of every backed-up table, ids and links included."""
    rows = {}
    for model in backed_up_models():
        rows[model._meta.label_lower] = list(
            model._base_manager.order_by("pk").values()
        )
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            label = through._meta.label_lower
            if through._meta.auto_created and label not in REFERS_TO_PERMISSIONS:
                # The links, not their own ids: nothing refers to those, and a
                # backup (like dumpdata) keeps a link as a list on its row.
                columns = [f.attname for f in through._meta.fields if not f.primary_key]
                rows[label] = sorted(through.objects.values_list(*columns))
    for entry in rows["admin.logentry"]:
        entry["content_type_id"] = ContentType.objects.get_for_id(
            entry["content_type_id"]
        ).natural_key()
    rows["group permissions"] = {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }
    return rows


def empty_the_database():
    """What a new server has after `migrate`: reference data and staff groups
    only, with ids of its own."""
    # PostgreSQL truncates no table with foreign-key checks still pending.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    ActivityType.objects.all().delete()
    ActivityTypeGroup.objects.all().delete()
    District.objects.all().delete()
    load_districts()
    load_activity_types()
    roles = import_module("events.migrations.0002_roles")
    for name, codenames_by_app in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.create(name=name)
        for app_label, codenames in codenames_by_app.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def run(command, *arguments):
    output = io.StringIO()
    call_command(command, *arguments, stdout=output)
    return output.getvalue()


def test_a_backup_restores_every_row_and_media_file_into_an_empty_database(
    tmp_path, media_root
):
    festival = make_site_data()
    image_name = festival.images.get().image.name
    image = (media_root / image_name).read_bytes()
    before = snapshot()
    archive = tmp_path / "site.tar.gz"

    backed_up = run("backup_site", str(archive))
    empty_the_database()
    (media_root / image_name).unlink()
    assert not Event.objects.exists()
    # The new database numbered its reference rows differently.
    assert District.objects.get(slug="oskemen").pk != next(
        row["id"] for row in before["venues.district"] if row["slug"] == "oskemen"
    )
    restored = run("restore_site", str(archive))

    assert snapshot() == before
    event = Event.objects.get(slug="salburyn")
    assert (event.title_kk, event.title_ru, event.title_en) == (
        "«Шығыс салбурыны» құсбегілер фестивалі",
        "Фестиваль беркутчи «Шыгыс салбурыны»",
        "Shygys Salburyny falconry festival",
    )
    assert sorted(event.activity_types.values_list("code", flat=True)) == [
        "13.93",
        "90.01",
    ]
    assert event.organizers.count() == 2
    assert event.organizers.get(parent=None).name_ru == "Театр драмы"
    assert event.organizers.get(parent__isnull=False).parent.name_ru == "Театр драмы"
    assert event.sub_events.get().title_ru == "Мастер-класс по войлоку"
    assert [country.code for country in event.participating_countries] == [
        "KZ",
        "MN",
        "RU",
    ]
    assert event.starts_at == local(2025, 10, 8, 10)
    assert ActivityType.objects.get(code="90.01").name_en == (
        "Performing arts, as an administrator renamed it"
    )
    editor = User.objects.get(username="aigerim")
    assert editor.check_password("a long test password")
    assert list(editor.groups.values_list("name", flat=True)) == [
        "Organization editors"
    ]
    assert list(editor.organizations.values_list("name_ru", flat=True)) == [
        "Театр драмы"
    ]
    assert (media_root / image_name).read_bytes() == image
    assert event.images.get().image.name == image_name
    assert backed_up.endswith(f"and 1 media files to {archive}.\n")
    assert restored.startswith("Restored ")
    assert f"rows and 1 media files from {archive}" in restored


def test_the_archive_holds_the_data_the_media_and_a_manifest_only_its_owner_reads(
    tmp_path, media_root
):
    festival = make_site_data()
    archive = tmp_path / "site.tar.gz"

    run("backup_site", str(archive))

    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names == [
        "manifest.json",
        "data.jsonl",
        f"media/{festival.images.get().image.name}",
    ]
    assert not (tmp_path / "site.tar.gz.part").exists()


def test_restore_refuses_a_database_that_already_has_a_site(tmp_path):
    make_site_data()
    archive = tmp_path / "site.tar.gz"
    run("backup_site", str(archive))
    Event.objects.filter(slug="salburyn").update(title_en="Changed")

    with pytest.raises(
        CommandError, match="The database is not empty, it holds rows of "
    ):
        run("restore_site", str(archive))

    assert Event.objects.get(slug="salburyn").title_en == "Changed"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"just some text")

    with pytest.raises(CommandError, match="is not a backup_site archive"):
        run("restore_site", str(not_a_backup))


def test_restore_refuses_a_media_path_outside_the_media_folder(tmp_path):
    archive = tmp_path / "site.tar.gz"
    run("backup_site", str(archive))
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(hostile, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        evil = tarfile.TarInfo("media/../../etc/cron.d/evil")
        evil.size = 2
        target.addfile(evil, io.BytesIO(b"x\n"))
    empty_the_database()

    with pytest.raises(CommandError, match="unsafe media path"):
        run("restore_site", str(hostile))

    assert not Event.objects.exists()


def test_a_backup_of_an_empty_site_restores(tmp_path):
    archive = tmp_path / "site.tar.gz"

    run("backup_site", str(archive))
    empty_the_database()
    output = run("restore_site", str(archive))

    assert "and 0 media files" in output
    assert District.objects.filter(slug="oskemen").count() == 1
    assert ActivityType.objects.filter(code="90.01").count() == 1
    assert Group.objects.count() == 2


def test_restore_runs_no_model_signal_receiver(tmp_path):
    # A receiver (history, e-mail, derived rows) must not add to what is restored.
    make_site_data()
    archive = tmp_path / "site.tar.gz"
    run("backup_site", str(archive))
    empty_the_database()
    calls = []

    def record(sender, **kwargs):
        calls.append(sender)

    for signal in (post_save, m2m_changed, post_delete):
        signal.connect(record, weak=False, dispatch_uid="restore-test")
    try:
        run("restore_site", str(archive))
    finally:
        for signal in (post_save, m2m_changed, post_delete):
            signal.disconnect(dispatch_uid="restore-test")

    assert calls == []
    # And they run again afterwards.
    post_save.connect(record, weak=False, dispatch_uid="after-restore")
    try:
        make_venue()
    finally:
        post_save.disconnect(dispatch_uid="after-restore")
    assert Venue in calls

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Group names as in backoffice/roles.py.
ROLE_PERMISSIONS = {
    "Moderators": {
        "events": [
            "add_event",
            "change_event",
            "delete_event",
            "view_event",
            "publish_event",
            "add_eventorganizer",
            "change_eventorganizer",
            "delete_eventorganizer",
            "view_eventorganizer",
            "add_eventimage",
            "change_eventimage",
            "delete_eventimage",
            "view_eventimage",
            "view_activitytype",
            "view_activitytypegroup",
        ],
        "venues": ["add_venue", "change_venue", "delete_venue", "view_venue", "view_district"],
        "organizations": [
            "add_organization",
            "change_organization",
            "delete_organization",
            "view_organization",
        ],
    },
    "Organization editors": {
        "events": [
            "add_event",
            "change_event",
            "view_event",
            "add_eventorganizer",
            "change_eventorganizer",
            "delete_eventorganizer",
            "view_eventorganizer",
            "add_eventimage",
            "change_eventimage",
            "delete_eventimage",
            "view_eventimage",
            "view_activitytype",
            "view_activitytypegroup",
        ],
        "venues": ["add_venue", "view_venue", "view_district"],
        "organizations": ["view_organization"],
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they
    # exist now so the groups can be given them.
    for app_label in ("events", "venues", "organizations"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions_by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codenames in permissions_by_app.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_initial"),
        ("venues", "0001_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

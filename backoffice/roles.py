"""The two staff roles, and the one rule of who may moderate.

Both groups and their permissions are created by migration
events/0002_roles. Moderators publish, cancel and edit any event, and manage
venues and organizations. Organization editors create and edit the events of
the organizations they belong to (`Organization.editors`) and submit them for
review; the admin narrows their querysets to those.
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

# The groups' names as stored in the database: code finds the groups by them.
MODERATORS = "Moderators"
ORGANIZATION_EDITORS = "Organization editors"

# The same names in the admin's language; the stored names stay English.
GROUP_LABELS = {
    MODERATORS: _("Moderators"),
    ORGANIZATION_EDITORS: _("Organization editors"),
}

# The permission that makes a moderator (superusers have every permission).
MODERATE_PERMISSION = "events.publish_event"


def can_moderate(user):
    """Moderators (and superusers) publish, return to draft and change statuses."""
    return user.is_active and user.has_perm(MODERATE_PERMISSION)


def group_label(name):
    """A group's name in the admin's language; a group of our own is shown as named."""
    return GROUP_LABELS.get(name, name)


class Role(models.TextChoices):
    """What a user's groups make of them, as the user list shows it."""

    ADMINISTRATOR = "administrator", _("Administrator")
    MODERATOR = "moderator", _("Moderator")
    ORGANIZATION_EDITOR = "organization_editor", _("Organization editor")
    NONE = "none", _("No role")


def role_expression():
    """A user's role as a query expression, so that a list shows it and filters
    by it without a query per user: a superuser is an administrator, then a
    member of Moderators a moderator, then a member of Organization editors an
    organization editor."""
    memberships = get_user_model().groups.through.objects.filter(
        user=models.OuterRef("pk")
    )
    return models.Case(
        models.When(is_superuser=True, then=models.Value(Role.ADMINISTRATOR.value)),
        models.When(
            models.Exists(memberships.filter(group__name=MODERATORS)),
            then=models.Value(Role.MODERATOR.value),
        ),
        models.When(
            models.Exists(memberships.filter(group__name=ORGANIZATION_EDITORS)),
            then=models.Value(Role.ORGANIZATION_EDITOR.value),
        ),
        default=models.Value(Role.NONE.value),
        output_field=models.CharField(),
    )

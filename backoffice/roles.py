"""The two staff roles, and the one rule of who may moderate.

Both groups and their permissions are created by migration
events/0002_roles. Moderators publish, cancel and edit any event, and manage
venues and organizations. Organization editors create and edit the events of
the organizations they belong to (`Organization.editors`) and submit them for
review; the admin narrows their querysets to those.
"""

MODERATORS = "Moderators"
ORGANIZATION_EDITORS = "Organization editors"

# The permission that makes a moderator (superusers have every permission).
MODERATE_PERMISSION = "events.publish_event"


def can_moderate(user):
    """Moderators (and superusers) publish, return to draft and change statuses."""
    return user.is_active and user.has_perm(MODERATE_PERMISSION)

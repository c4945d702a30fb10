"""The names of the two staff roles (auth groups).

Both groups and their permissions are created by migration
events/0002_roles. Moderators publish, cancel and edit any event. Organization
editors create and edit the events of the organizations they belong to
(`Organization.editors`) and submit them for review; the admin narrows their
querysets to those.
"""

MODERATORS = "Moderators"
ORGANIZATION_EDITORS = "Organization editors"

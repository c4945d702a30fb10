"""Why each workflow move's version of an event was recorded in its history."""

from django.utils.translation import gettext_noop


class Reason:
    """Why each move's version was recorded, translated when the history is read."""

    SUBMITTED = gettext_noop("Submitted for review")
    PROPOSED = gettext_noop("Proposed by a visitor, who confirmed their address")
    WITHDRAWN = gettext_noop("Withdrawn from review")
    PUBLISHED = gettext_noop("Published")
    RETURNED = gettext_noop("Returned to draft")
    CANCELLED = gettext_noop("Cancelled")
    CANCELLED_BY_ORGANIZER = gettext_noop("Cancelled by the organizer")
    POSTPONED = gettext_noop("Postponed")
    POSTPONED_BY_ORGANIZER = gettext_noop("Postponed by the organizer")
    RESCHEDULED = gettext_noop("Rescheduled")
    MOVED_ONLINE = gettext_noop("Moved online")
    RESTORED = gettext_noop("Restored after deletion")
    RESTORED_AS_DRAFT = gettext_noop(
        "Restored as a draft: it lacks what publishing needs"
    )

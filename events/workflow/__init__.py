"""Who may move an event through review and publishing, and what each move does.

Draft → in review (an editor submits) → published (a moderator publishes), or
back to draft with the moderator's comment; an editor may withdraw an event
from review. Event status (cancelled, postponed, rescheduled, moved online) is
moderators', except that an organization's editors may cancel or postpone its
published events themselves, the moderators being e-mailed.

The admin's actions and its event form both go through these functions, so
the rules hold whichever way staff take; `available_moves` asks the same
checks which moves to offer. A refusal raises PermissionDenied (not this
user's to make) or ValidationError (the event is not ready, or not in a state
to make it). Each move records its reason in the event's history.

This package is the entry point (`from events import workflow`): the moves of
review.py (submit, withdraw, publish, return to draft) and event_status.py
(cancel, postpone, reschedule, move online), the restoring of deleted events
(deletions.py), the reasons they record (reasons.py), and below, which moves
a user may make now.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from events.workflow.deletions import deleted_events, restore_deleted_event
from events.workflow.event_status import (
    cancel_event,
    check_may_cancel,
    check_may_move_online,
    check_may_postpone,
    check_may_reschedule,
    move_event_online,
    postpone_event,
    reschedule_event,
)
from events.workflow.reasons import Reason
from events.workflow.review import (
    change_publication_status,
    check_may_publish,
    check_may_return,
    check_may_submit,
    check_may_withdraw,
    publish_event,
    return_event_to_draft,
    saved_status,
    status_change_refusal,
    submit_event_for_review,
    submit_proposal_for_review,
    withdraw_event_from_review,
)

__all__ = [
    "Reason",
    "available_moves",
    "cancel_event",
    "change_publication_status",
    "deleted_events",
    "move_event_online",
    "move_refusal",
    "postpone_event",
    "publish_event",
    "reschedule_event",
    "restore_deleted_event",
    "return_event_to_draft",
    "saved_status",
    "status_change_refusal",
    "submit_event_for_review",
    "submit_proposal_for_review",
    "withdraw_event_from_review",
]


# What each move checks before it is made, in the order the admin offers them.
MOVE_CHECKS = {
    "submit": check_may_submit,
    "publish": check_may_publish,
    "return_to_draft": check_may_return,
    "withdraw": check_may_withdraw,
    "cancel": check_may_cancel,
    "postpone": check_may_postpone,
    "reschedule": check_may_reschedule,
    "move_online": check_may_move_online,
}


def move_refusal(*, event, user, move):
    """Why `user` may not make `move` on `event` now, or None if they may.

    Asks the move's own checks, not whether the event is complete enough to
    publish: that refusal names what is missing when the move is made.
    """
    try:
        MOVE_CHECKS[move](event=event, user=user)
    except (PermissionDenied, ValidationError) as error:
        return error
    return None


def available_moves(*, event, user):
    """The moves `user` may make on the saved `event`, by the moves' own rules."""
    if event.pk is None:
        return []
    return [
        move
        for move in MOVE_CHECKS
        if move_refusal(event=event, user=user, move=move) is None
    ]

"""Event status, as schema.org's EventStatusType: cancel, postpone, reschedule,
move online.

Moderators' moves, except that an organization's editors may cancel or
postpone its published event themselves, at once (visitors must know), the
moderators being e-mailed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from backoffice.history import save_with_reason
from backoffice.roles import can_moderate
from events import notifications
from events.models import Event
from events.workflow.reasons import Reason
from events.workflow.review import check_editable

EventStatus = Event.EventStatus


def check_may_change_status(*, event, user, allow_ended=False, organizers_too=False):
    check_editable(event=event, user=user)
    if not can_moderate(user):
        if not organizers_too:
            raise PermissionDenied(
                _("Only a moderator can reschedule an event or move it online.")
            )
        if not event.is_published:
            raise PermissionDenied(
                _("An organizer may cancel or postpone only a published event.")
            )
    if event.event_status == EventStatus.CANCELLED:
        raise ValidationError(
            _(
                "The event is cancelled. If that was a mistake, change its status "
                "in the event's form."
            )
            if can_moderate(user)
            else _(
                "The event is cancelled. If that was a mistake, ask a moderator "
                "to change its status."
            )
        )
    if not allow_ended and event.has_ended():
        raise ValidationError(_("The event has already ended."))


def check_may_cancel(*, event, user):
    check_may_change_status(event=event, user=user, organizers_too=True)


def cancel_event(*, event, user, request=None):
    """The event will not take place; it stays listed, marked as cancelled.

    An organizer's cancellation is e-mailed to the moderators.
    """
    check_may_cancel(event=event, user=user)
    return set_status_visitors_must_know(event, EventStatus.CANCELLED, user, request)


# Why each is recorded (by a moderator, by an organizer), and how an
# organizer's change reaches the moderators.
VISITORS_MUST_KNOW = {
    EventStatus.CANCELLED: (
        Reason.CANCELLED,
        Reason.CANCELLED_BY_ORGANIZER,
        notifications.event_cancelled_by_organizer,
    ),
    EventStatus.POSTPONED: (
        Reason.POSTPONED,
        Reason.POSTPONED_BY_ORGANIZER,
        notifications.event_postponed_by_organizer,
    ),
}


def set_status_visitors_must_know(event, status, user, request):
    """Cancelled or postponed: shown at once, whoever sets it; an organizer's
    change is recorded as such and the moderators are told of it."""
    by_moderator, by_organizer, tell_moderators = VISITORS_MUST_KNOW[status]
    event.event_status = status
    if can_moderate(user):
        save_with_reason(event, by_moderator)
    else:
        save_with_reason(event, by_organizer)
        tell_moderators(event=event, actor=user, request=request)
    return event


def check_may_postpone(*, event, user):
    check_may_change_status(event=event, user=user, organizers_too=True)
    if event.event_status == EventStatus.POSTPONED:
        raise ValidationError(_("The event is already postponed."))


def postpone_event(*, event, user, request=None):
    """The event will take place later, on a date not known yet.

    It keeps its original start, which the site shows as the one postponed.
    An organizer's postponement is e-mailed to the moderators, who reschedule
    the event once its new date is known.
    """
    check_may_postpone(event=event, user=user)
    return set_status_visitors_must_know(event, EventStatus.POSTPONED, user, request)


def check_may_reschedule(*, event, user):
    # A postponed event whose original date has passed can be rescheduled too.
    check_may_change_status(event=event, user=user, allow_ended=True)


def reschedule_event(*, event, user, starts_at, ends_at=None):
    """The event moves to a new date; the start it had is kept as the previous one.

    New dates the model's constraints refuse (an end before the start) are
    reported on `ends_at`, and the event is left as it was.
    """
    check_may_reschedule(event=event, user=user)
    if starts_at == event.starts_at:
        raise ValidationError(
            {"starts_at": _("The new start is the same as the current one.")}
        )
    saved_dates = event.starts_at, event.ends_at
    event.starts_at, event.ends_at = starts_at, ends_at
    try:
        event.validate_constraints()
    except ValidationError as error:
        # Only the dates changed, so the refusal is theirs: the constraint's
        # own message, on the field to correct.
        event.starts_at, event.ends_at = saved_dates
        raise ValidationError({"ends_at": error.messages}) from None
    event.previous_starts_at = saved_dates[0]
    event.event_status = EventStatus.RESCHEDULED
    save_with_reason(event, Reason.RESCHEDULED)
    return event


def check_may_move_online(*, event, user):
    check_may_change_status(event=event, user=user)


def move_event_online(*, event, user, online_url):
    """The event takes place online at `online_url` instead of at its venue.

    The venue is kept, so the site can say where it was to take place.
    """
    check_may_move_online(event=event, user=user)
    if not online_url:
        raise ValidationError(
            {"online_url": _("An event moved online needs its online link.")}
        )
    event.online_url = online_url
    event.event_status = EventStatus.MOVED_ONLINE
    save_with_reason(event, Reason.MOVED_ONLINE)
    return event

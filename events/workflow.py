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
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from backoffice.history import save_with_reason
from backoffice.roles import can_moderate
from events import notifications
from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import Venue

Status = Event.PublicationStatus
EventStatus = Event.EventStatus


class Reason:
    """Why each move's version was recorded, translated when the history is read."""

    SUBMITTED = gettext_noop("Submitted for review")
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


def saved_status(event):
    """The publication status the event has in the database (a new one: draft)."""
    if event.pk is None:
        return Status.DRAFT
    saved = Event.objects.filter(pk=event.pk).values_list("publication_status")
    return saved.first()[0] if saved.exists() else Status.DRAFT


def status_change_refusal(*, current, user, status):
    """Why `user` may not move an event from `current` to `status`, or None."""
    if status == current:
        return None
    if status == Status.PUBLISHED and not can_moderate(user):
        return _("Only a moderator can publish. Submit the event for review.")
    if status == Status.DRAFT and not can_moderate(user):
        return _("Only a moderator can return an event to draft.")
    if status == Status.REVIEW and current != Status.DRAFT:
        return _("Only a draft can be submitted for review.")
    return None


def check_editable(*, event, user):
    if not Event.objects.editable_by(user).filter(pk=event.pk).exists():
        raise PermissionDenied(_("This event is not yours to change."))


def check_may_change(*, event, user, status):
    check_editable(event=event, user=user)
    refusal = status_change_refusal(
        current=event.publication_status, user=user, status=status
    )
    if refusal:
        raise PermissionDenied(refusal)


def image_list(event):
    return list(event.images.all())


def check_may_submit(*, event, user):
    check_may_change(event=event, user=user, status=Status.REVIEW)
    if event.publication_status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))


def submit_event_for_review(*, event, user, request=None):
    """An editor hands a draft to the moderators, who are e-mailed."""
    check_may_submit(event=event, user=user)
    event.publication_status = Status.REVIEW
    save_with_reason(event, Reason.SUBMITTED)
    notifications.event_submitted(event=event, actor=user, request=request)
    return event


def check_may_withdraw(*, event, user):
    # The event's own editors, or a moderator: anyone who may change it.
    check_editable(event=event, user=user)
    if event.publication_status != Status.REVIEW:
        raise ValidationError(_("Only an event in review can be withdrawn from it."))


def withdraw_event_from_review(*, event, user):
    """The editor takes an event back from review, to change it before resubmitting.

    Nobody is e-mailed: the event simply leaves the moderators' review queue.
    """
    check_may_withdraw(event=event, user=user)
    event.publication_status = Status.DRAFT
    save_with_reason(event, Reason.WITHDRAWN)
    return event


def check_may_publish(*, event, user):
    check_may_change(event=event, user=user, status=Status.PUBLISHED)
    if event.is_published:
        raise ValidationError(_("The event is already published."))


def publish_event(*, event, user, request=None):
    """A moderator publishes a complete event; its editor is e-mailed.

    Raises ValidationError({field: message}) naming everything the event lacks.
    """
    check_may_publish(event=event, user=user)
    problems = event.publication_problems(
        activity_types=list(event.activity_types.all()), images=image_list(event)
    )
    if problems:
        raise ValidationError(problems)
    event.publication_status = Status.PUBLISHED
    # The comment asked for changes that have now been made.
    event.moderator_comment = ""
    save_with_reason(event, Reason.PUBLISHED)
    notifications.event_published(event=event, actor=user, request=request)
    return event


def check_may_return(*, event, user):
    check_may_change(event=event, user=user, status=Status.DRAFT)
    if event.publication_status == Status.DRAFT:
        raise ValidationError(_("The event is already a draft."))


def return_event_to_draft(*, event, user, comment, request=None):
    """A moderator sends an event back to its editor with a comment, e-mailed to them."""
    check_may_return(event=event, user=user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"moderator_comment": _("Say what the editor should change.")}
        )
    event.publication_status = Status.DRAFT
    event.moderator_comment = comment
    save_with_reason(event, Reason.RETURNED)
    notifications.event_returned(event=event, actor=user, request=request)
    return event


def change_publication_status(*, event, status, user, comment="", request=None):
    """Move `event` to the publication `status` asked for, by the move that leads there.

    For the event form, whose status field says where the event should stand:
    nothing if it stands there already; a comment is needed to return to draft.
    """
    if status == event.publication_status:
        return event
    if status == Status.REVIEW:
        return submit_event_for_review(event=event, user=user, request=request)
    if status == Status.PUBLISHED:
        return publish_event(event=event, user=user, request=request)
    return return_event_to_draft(
        event=event, user=user, comment=comment, request=request
    )


# Event status (schema.org's EventStatusType): moderators', except that the
# organizers may cancel or postpone their own published event at once.


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
    event.event_status = EventStatus.CANCELLED
    by_organizer = not can_moderate(user)
    save_with_reason(
        event, Reason.CANCELLED_BY_ORGANIZER if by_organizer else Reason.CANCELLED
    )
    if by_organizer:
        notifications.event_cancelled_by_organizer(
            event=event, actor=user, request=request
        )
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
    event.event_status = EventStatus.POSTPONED
    by_organizer = not can_moderate(user)
    save_with_reason(
        event, Reason.POSTPONED_BY_ORGANIZER if by_organizer else Reason.POSTPONED
    )
    if by_organizer:
        notifications.event_postponed_by_organizer(
            event=event, actor=user, request=request
        )
    return event


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


# Deleted events: django-simple-history keeps each one's last versions.


def deleted_events():
    """The last deletion of each event that no longer exists, newest first."""
    deletions = (
        Event.history.filter(history_type="-")
        .exclude(id__in=Event.objects.values("pk"))
        .select_related("history_user")
        .order_by("-history_date")
    )
    latest = {}
    for deletion in deletions:
        latest.setdefault(deletion.id, deletion)
    return list(latest.values())


def restore_deleted_event(*, event_id, user):
    """Bring a deleted event back as it was, with its organizers and types.

    Its images are not restored (their rows are not versioned). A venue,
    programme or organizer deleted since is left out; a published event that
    then lacks what publishing needs comes back as a draft.
    """
    if not can_moderate(user):
        raise PermissionDenied(_("Only a moderator can restore a deleted event."))
    if Event.objects.filter(pk=event_id).exists():
        raise ValidationError(_("The event exists: it has been restored already."))
    deletion = (
        Event.history.filter(id=event_id, history_type="-")
        .order_by("-history_date")
        .first()
    )
    if deletion is None:
        raise Event.DoesNotExist(f"No deleted event {event_id}.")
    event = deletion.instance
    if Event.objects.filter(slug=event.slug).exists():
        raise ValidationError(
            _(
                "Another event now has the address «%(slug)s»: change that "
                "event's slug first."
            )
            % {"slug": event.slug}
        )
    if event.venue_id and not Venue.objects.filter(pk=event.venue_id).exists():
        event.venue = None
    if event.parent_id and not Event.objects.filter(pk=event.parent_id).exists():
        event.parent = None
    if (
        event.created_by_id
        and not get_user_model().objects.filter(pk=event.created_by_id).exists()
    ):
        event.created_by = None
    # The organizers and types as the version before the deletion had them
    # (deleting removes them before the deletion is recorded).
    before = deletion.prev_record or deletion
    type_ids = apps.get_model("events", "HistoricalEvent_activity_types").objects
    type_ids = type_ids.filter(history=before)
    organizer_ids = apps.get_model("events", "HistoricalEventOrganizer").objects
    organizer_ids = organizer_ids.filter(history=before)

    event._history_user = user
    event._change_reason = Reason.RESTORED
    event.save(force_insert=True)
    event.activity_types.set(
        ActivityType.objects.filter(
            pk__in=type_ids.values_list("activitytype_id", flat=True)
        )
    )
    event.organizers.set(
        Organization.objects.filter(
            pk__in=organizer_ids.values_list("organization_id", flat=True)
        )
    )
    # Saving stamps the creation time anew; keep the original.
    Event.objects.filter(pk=event.pk).update(created_at=deletion.created_at)
    event.refresh_from_db()
    if event.is_published and event.publication_problems(
        activity_types=list(event.activity_types.all())
    ):
        event.publication_status = Status.DRAFT
        event._history_user = user
        save_with_reason(event, Reason.RESTORED_AS_DRAFT)
    return event

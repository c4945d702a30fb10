"""Deleted events: django-simple-history keeps each one's last versions, and a
moderator can bring one back."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from backoffice.history import save_with_reason
from backoffice.roles import can_moderate
from events.models import ActivityType, Event
from events.workflow.reasons import Reason
from organizations.models import Organization
from venues.models import Venue

Status = Event.PublicationStatus


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

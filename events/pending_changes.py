"""An editor's changes to a published event wait for a moderator.

Once an event is published, what visitors read is the moderators'
responsibility: an editor's save of it keeps the published event as it is and
records the fields that changed as a PendingChange (one per event; a later save
replaces it). The moderators are told; one of them approves the change, which
is then made on the event, or returns it with a comment. Images and organizers
of a published event are the moderators' to change, so nothing reaches
visitors unreviewed. Cancelling or postponing is not a change of this kind:
visitors must know at once (events/workflow/event_status.py).
"""

from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from backoffice.history import display_value, save_with_reason
from backoffice.roles import can_moderate
from events import notifications
from events.models import ActivityType, Event, PendingChange

ACTIVITY_TYPES = "activity_types"
# Where the event stands is the workflow's, never part of a change.
NOT_REVIEWED = {"publication_status", "event_status", "moderator_comment"}


def goes_to_review(*, event, user):
    """Whether `user`'s save of `event` becomes a change for a moderator to review."""
    if event.pk is None or can_moderate(user):
        return False
    saved = Event.objects.filter(pk=event.pk).values_list("publication_status")
    return saved.first() == (Event.PublicationStatus.PUBLISHED,)


def reviewed_fields(names):
    """Of the form's field `names`, the event's own fields a change may hold."""
    concrete = {field.name for field in Event._meta.concrete_fields}
    return [name for name in names if name in concrete and name not in NOT_REVIEWED]


def blank_as_none(value):
    # A form gives "" for a text the database may hold as NULL (no translation).
    return None if value == "" else value


def serialized(event, names):
    """The values of `names` on `event`, as Django's serializers write them."""
    [row] = serializers.serialize("python", [event], fields=names)
    return row["fields"]


def propose_change(*, event, proposed, field_names, activity_types, user, request):
    """Record `proposed` (the event with the form's values, unsaved) as a change.

    Only fields that differ from the published event are kept; a change that
    differs in nothing withdraws the one waiting. Returns the PendingChange or
    None.
    """
    if not Event.objects.editable_by(user).filter(pk=event.pk).exists():
        raise PermissionDenied(_("This event is not yours to change."))
    names = reviewed_fields(field_names)
    published, wanted = serialized(event, names), serialized(proposed, names)
    values = {
        name: wanted[name]
        for name in names
        if blank_as_none(wanted[name]) != blank_as_none(published[name])
    }
    if activity_types is not None:
        ids = sorted(activity_type.pk for activity_type in activity_types)
        if ids != sorted(event.activity_types.values_list("pk", flat=True)):
            values[ACTIVITY_TYPES] = ids
    if not values:
        PendingChange.objects.filter(event=event).delete()
        return None
    change, _created = PendingChange.objects.update_or_create(
        event=event, defaults={"values": values, "proposed_by": user}
    )
    notifications.change_proposed(event=event, actor=user, request=request)
    return change


def with_change(event, change):
    """A copy of `event` (unsaved) with the changed fields, and its activity types."""
    copy = Event.objects.get(pk=event.pk)
    types = None
    for name, value in change.values.items():
        if name == ACTIVITY_TYPES:
            types = list(ActivityType.objects.filter(pk__in=value))
            continue
        field = Event._meta.get_field(name)
        if field.is_relation:
            setattr(copy, field.attname, value)
        else:
            setattr(copy, name, field.to_python(value))
    return copy, types


def form_initial(change):
    """The form's initial values for an editor who reopens a changed event."""
    proposed, types = with_change(change.event, change)
    initial = {}
    for name in change.values:
        if name == ACTIVITY_TYPES:
            initial[name] = [activity_type.pk for activity_type in types]
        else:
            initial[name] = Event._meta.get_field(name).value_from_object(proposed)
    return initial


def change_rows(change):
    """(label, published, proposed) for each field the change holds, in form order."""
    event = change.event
    proposed, types = with_change(event, change)
    rows = []
    for name in change.values:
        if name == ACTIVITY_TYPES:
            label = Event._meta.get_field(ACTIVITY_TYPES).verbose_name
            before = display_value(None, list(event.activity_types.all()))
            after = display_value(None, types)
        else:
            field = Event._meta.get_field(name)
            label = field.verbose_name
            before = display_value(field, getattr(event, field.name))
            after = display_value(field, getattr(proposed, field.name))
        rows.append((capfirst(str(label)), before, after))
    return rows


def approve_change(*, event, user, request=None):
    """A moderator makes the change waiting on `event`; its editor is e-mailed."""
    if not can_moderate(user):
        raise PermissionDenied(_("Only a moderator can approve a change."))
    change = PendingChange.objects.filter(event=event).first()
    if change is None:
        raise ValidationError(_("No change of this event is waiting for review."))
    proposed, types = with_change(event, change)
    proposed.full_clean()
    if types is not None and (problem := proposed.publication_problems(types)):
        raise ValidationError(problem)
    with transaction.atomic():
        save_with_reason(proposed, gettext_noop("Change approved"))
        if types is not None:
            proposed.activity_types.set(types)
        change.delete()
    notifications.change_approved(
        event=proposed, actor=user, editor=change.proposed_by, request=request
    )
    return proposed


def return_change(*, event, user, comment, request=None):
    """A moderator refuses the change waiting on `event`, saying why to its editor."""
    if not can_moderate(user):
        raise PermissionDenied(_("Only a moderator can return a change."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the editor should change.")})
    change = PendingChange.objects.filter(event=event).first()
    if change is None:
        raise ValidationError(_("No change of this event is waiting for review."))
    with transaction.atomic():
        change.delete()
        event.moderator_comment = comment
        event._change_reason = gettext_noop("Change returned")
        event.save(update_fields=["moderator_comment", "updated_at"])
    notifications.change_returned(
        event=event, actor=user, editor=change.proposed_by, request=request
    )
    return event

"""Who may see an event's history, what it records of the form's organizer rows,
and the page of deleted events (moderators)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.db.models.signals import m2m_changed
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backoffice.roles import can_moderate
from events import workflow
from events.models import Event, EventOrganizer
from organizations.models import Organization


def check_history_access(request, object_id, *, model_admin):
    """Raise 404 unless this user may see the history of event `object_id`.

    Another organization's event is "not found"; a deleted event's history
    is for moderators.
    """
    try:
        pk = int(unquote(object_id))
    except ValueError:
        raise Http404(_("No such event.")) from None
    if model_admin.get_queryset(request).filter(pk=pk).exists():
        return
    if can_moderate(request.user) and not Event.objects.filter(pk=pk).exists():
        return
    raise Http404(_("No such event, or it is not yours to edit."))


def record_organizers(event, formset):
    """Record a version of `event` once its form's organizer rows are saved.

    django-simple-history keeps the organizers with each version, but records
    a version for a change of them only when it goes through the many-to-many
    manager (m2m_changed); the form saves the rows themselves. So the change
    is announced as the manager would, and the history lists it
    ("Organizers: — → Областная филармония").
    """
    added = {row.organization_id for row in formset.new_objects}
    added |= {row.organization_id for row, _fields in formset.changed_objects}
    removed = {row.organization_id for row in formset.deleted_objects}
    if not (added or removed):
        return
    m2m_changed.send(
        sender=EventOrganizer,
        instance=event,
        action="post_add" if added else "post_remove",
        reverse=False,
        model=Organization,
        pk_set=added or removed,
        using=router.db_for_write(EventOrganizer),
    )


def deleted_events_view(request, *, model_admin):
    """Deleted events, each restorable from its last version (moderators)."""
    if not (can_moderate(request.user) and model_admin.has_delete_permission(request)):
        raise PermissionDenied
    if request.method == "POST":
        restore_deleted_event(request, request.POST.get("event", ""), model_admin)
        return HttpResponseRedirect(request.path)
    return TemplateResponse(
        request,
        "admin/events/event/deleted.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Deleted events"),
            "opts": model_admin.opts,
            "deletions": workflow.deleted_events(),
        },
    )


def restore_deleted_event(request, event_id, model_admin):
    try:
        event = workflow.restore_deleted_event(
            event_id=int(event_id), user=request.user
        )
    except (ValueError, Event.DoesNotExist):
        model_admin.message_user(request, _("No such deleted event."), messages.ERROR)
        return
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    model_admin.message_user(
        request,
        format_html(
            _('«{}» restored. <a href="{}">Open it</a>.'),
            event,
            reverse("admin:events_event_change", args=[event.pk]),
        ),
    )

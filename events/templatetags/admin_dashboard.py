"""Counts of what needs staff attention, for the admin index's dashboard block.

Usage: {% load admin_dashboard %}{% workflow_dashboard %}
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from backoffice.roles import can_moderate
from events.models import Event

register = template.Library()


def changelist(**filters):
    return f"{reverse('admin:events_event_changelist')}?{urlencode(filters)}"


@register.inclusion_tag("admin/events/dashboard.html", takes_context=True)
def workflow_dashboard(context):
    """The review queue (moderators) and events awaiting attendance figures."""
    user = context["request"].user
    rows = []
    if not user.has_perm("events.view_event"):
        return {"rows": rows}
    events = Event.objects.editable_by(user)
    if can_moderate(user):
        rows.append(
            {
                "key": "review-queue",
                "label": _("Review queue"),
                "count": events.filter(
                    publication_status=Event.PublicationStatus.REVIEW
                ).count(),
                "url": changelist(publication_status__exact="review"),
            }
        )
        rows.append(
            {
                "key": "pending-changes",
                "label": _("Changes of published events waiting for review"),
                "count": events.filter(pending_change__isnull=False).count(),
                "url": changelist(pending_change="waiting"),
            }
        )
    rows.append(
        {
            "key": "attendance",
            "label": _("Ended, attendance not recorded"),
            "count": events.attendance_not_recorded().count(),
            "url": changelist(attendance="not-recorded"),
        }
    )
    return {"rows": rows}

"""The event list's columns: what staff scan, narrow enough to fit 1280 px
beside the navigation and the filters.

Each cell holds what belongs with it: a title its kind, a venue its district,
the publication status the event's own status when that is not "scheduled".
Statuses are labels coloured by a class (static/css/admin.css): the site's
Content Security Policy ignores inline styles. The status column keeps the
field's name, so its cells keep the class field-publication_status.
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from events.models import Event


def with_note(text, note):
    """Text with a quieter line under it."""
    return format_html('{}<span class="list-note">{}</span>', text, note)


def status_label(status, value, text):
    """A label for a status value, e.g. class "status-label event-status-cancelled"."""
    return format_html(
        '<span class="status-label {}-status-{}">{}</span>', status, value, text
    )


@admin.display(
    description=Event._meta.get_field("title").verbose_name, ordering="title"
)
def title(event):
    return with_note(event.title, event.get_kind_display())


@admin.display(description=_("venue"), ordering="venue")
def venue(event):
    """The venue and its district, or that it is outside the region."""
    if event.venue is None:
        return _("online") if event.online_url else "—"
    return with_note(event.venue, event.venue.district or _("outside the region"))


@admin.display(description=_("Status"), ordering="publication_status")
def publication_status(event):
    labels = [
        status_label(
            "publication",
            event.publication_status,
            event.get_publication_status_display(),
        )
    ]
    if event.event_status != Event.EventStatus.SCHEDULED:
        labels.append(
            status_label("event", event.event_status, event.get_event_status_display())
        )
    return format_html_join(" ", "{}", ((label,) for label in labels))

"""An event's search words, and the one way they are kept up to date.

`Event.search_title` and `Event.search_document` hold the words an event is
found by (events/search.py makes them): its own texts and those of its venue,
the venue's district, its organizers, its activity types and their groups, in
every language. `search_words()` says which texts; `refresh_search_words()`
stores them for some events in a fixed number of queries.

Every change reaches `refresh_search_words()` through the receivers below,
connected in events/apps.py: a save of any of those rows refreshes the events
that show it, wherever the save comes from (the admin, a history revert, an
import, a repeat, the ORM), and so does adding or removing an organizer or an
activity type. What sends no signal calls it directly: generate_events after
its `bulk_create()`, and `manage.py refresh_search_words`, to be run after
`loaddata` (whose raw saves are skipped here) or a queryset's `update()`.
"""

from django.conf import settings
from django.db.models import QuerySet

from events import search
from events.models import ActivityType, ActivityTypeGroup, Event
from organizations.models import Organization
from venues.models import District, Venue

# Events whose words are refreshed in one round of queries; bounds the memory a
# refresh of the whole catalog takes.
BATCH_SIZE = 500

# The rows an event's words are made of, each with the lookup from Event to it:
# saving one refreshes the events that this lookup finds.
SOURCES = {
    Event: "pk",
    Venue: "venue",
    District: "venue__district",
    Organization: "organizers",
    ActivityType: "activity_types",
    ActivityTypeGroup: "activity_types__group",
}


def search_words(event):
    """(title words, all words) of an event, in the canonical form of events/search.py.

    Reads the event's venue and district, organizers, activity types and their
    groups: select and prefetch them for many events (see refresh_search_words).
    """
    languages = [code for code, _name in settings.LANGUAGES]

    def texts(instance, *fields):
        return [
            getattr(instance, f"{field}_{code}") or ""
            for field in fields
            for code in languages
        ]

    title = search.document(*texts(event, "title"))
    related = texts(event, "summary", "description")
    if event.venue:
        related += texts(event.venue, "name", "locality", "address")
        if event.venue.district:
            related += texts(event.venue.district, "name", "centre")
            # Alternative and former names: words to find, never shown.
            related.append(event.venue.district.other_names)
    for organization in event.organizers.all():
        related += texts(organization, "name", "short_name")
    for activity_type in event.activity_types.all():
        related += [activity_type.code, *texts(activity_type, "name")]
        related += texts(activity_type.group, "name")
    return title, search.document(title, *related)


def refresh_search_words(events: QuerySet) -> int:
    """Recompute and store the search words of `events`; return how many.

    A fixed number of queries per BATCH_SIZE events. bulk_update() sends no
    signal, so a refresh never sets off another.
    """
    pks = list(dict.fromkeys(events.order_by().values_list("pk", flat=True)))
    for start in range(0, len(pks), BATCH_SIZE):
        batch = list(
            Event.objects.filter(pk__in=pks[start : start + BATCH_SIZE])
            .select_related("venue__district")
            .prefetch_related("organizers", "activity_types__group")
        )
        for event in batch:
            event.search_title, event.search_document = search_words(event)
        Event.objects.bulk_update(batch, ["search_title", "search_document"])
    return len(pks)


def source_saved(sender, instance, raw=False, **kwargs):
    """A row of SOURCES was saved: refresh the events that show it.

    A raw save (loaddata) is skipped: fixtures may name rows not loaded yet, and
    `manage.py refresh_search_words` follows them.
    """
    if raw:
        return
    refresh_search_words(Event.objects.filter(**{SOURCES[sender]: instance.pk}))


def organizer_saved_or_deleted(sender, instance, raw=False, origin=None, **kwargs):
    """An EventOrganizer row (the admin's organizers inline) was saved or deleted."""
    if raw:
        return
    if isinstance(origin, Event) or getattr(origin, "model", None) is Event:
        return  # the event itself is being deleted
    refresh_search_words(Event.objects.filter(pk=instance.event_id))


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Organizers or activity types were added to or removed from events.

    `instance` is the event, or (reverse) the organization or activity type
    with the events in `pk_set`. Links cleared from that side are first removed
    by name (backoffice.history.BothSidesHistoricalRecords), so the removal
    names the events.
    """
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        refresh_search_words(Event.objects.filter(pk__in=pk_set or ()))
    else:
        refresh_search_words(Event.objects.filter(pk=instance.pk))


def activity_type_deleting(sender, instance, **kwargs):
    """An activity type is being deleted: take it off its events first.

    The deletion removes its links in bulk, without a signal, after the last
    signal that could still find the events; so they are removed here, and the
    events' words refreshed.
    """
    links = Event.activity_types.through.objects.filter(activitytype=instance)
    events = list(links.values_list("event_id", flat=True))
    links.delete()
    refresh_search_words(Event.objects.filter(pk__in=events))

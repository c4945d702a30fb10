"""The map of the list's events: the venues where they happen, with counts.

It takes the list's parameters through the one FilterSet, so a map shows the
places of exactly the events the list with the same address shows.
"""

from django.db.models import Count, F
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from events.filters import EventFilterSet, Period
from events.models import Event
from events.views import filter_chips, with_value, without
from venues.maps import map_data, map_marker
from venues.models import Venue


def venues_of(events):
    """The venues where `events` happen, each with `event_count`, by district.

    One aggregate query, whatever the number of events; venues outside the
    region last.
    """
    return (
        Venue.objects.filter(events__in=events.order_by().values("pk"))
        .annotate(event_count=Count("events"))
        .select_related("district")
        .order_by(F("district__position").asc(nulls_last=True), "district", "name")
    )


def event_map(request):
    """The venues of the filtered events on a map, and listed by district."""
    public = Event.objects.published()
    filterset = EventFilterSet(request.GET, queryset=public, now=timezone.now())
    query = without(filterset.data, "page", None)
    list_url = reverse("events:list")
    venues = list(venues_of(filterset.qs))
    for venue in venues:
        in_venue = with_value(filterset.data, "venue", venue.slug)
        venue.events_url = f"{list_url}?{in_venue}"
        venue.count_label = ngettext(
            "%(counter)s event", "%(counter)s events", venue.event_count
        ) % {"counter": venue.event_count}
    markers = [
        {
            **map_marker(venue),
            "count": venue.event_count,
            "countLabel": venue.count_label,
            "eventsUrl": venue.events_url,
        }
        for venue in venues
        if venue.has_coordinates
    ]
    return render(
        request,
        "events/event_map.html",
        {
            "filterset": filterset,
            "chips": filter_chips(filterset, filterset.active()),
            "venues": venues,
            "event_count": sum(venue.event_count for venue in venues),
            "online_count": filterset.qs.filter(venue__isnull=True).count(),
            "map_data": map_data(markers) if markers else None,
            "view_query": query,
            # Nothing upcoming: the same places, for the events that were.
            "past_query": None
            if filterset.has_period
            else with_value(filterset.data, "when", Period.PAST),
        },
    )

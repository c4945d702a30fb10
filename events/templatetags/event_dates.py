"""How a span of days is written for people, used by includes/event_dates.html."""

from django import template
from django.utils import timezone

from events.models import Event

register = template.Library()

# Day, month, year in all three languages: "8 октября 2025", "8 қазан 2025",
# "8 October 2025" ("E" is the month as it stands in a date: the Russian
# genitive, the Kazakh month in lower case).
DAY = "j E Y"


@register.simple_tag
def day_span_formats(event):
    """(first day's format, separator, last day's format) of a multi-day event.

    What the two ends share is written once, on the last: "8–11 октября 2025",
    "30 сентября – 2 октября 2025", "30 December 2024 – 2 January 2025".
    """
    first = timezone.localdate(event.starts_at)
    last = timezone.localdate(event.ends_at)
    if first.year != last.year:
        return DAY, " – ", DAY
    if first.month != last.month:
        return "j E", " – ", DAY
    return "j", "–", DAY


@register.simple_tag
def first_planned(event):
    """A rescheduled event as it was first planned: its span, from its old start."""
    before = Event(
        date_precision=event.date_precision, starts_at=event.previous_starts_at
    )
    if event.ends_at is not None:
        before.ends_at = event.previous_starts_at + (event.ends_at - event.starts_at)
    return before


@register.filter
def locality_is_district(venue):
    """Whether the venue's locality only repeats its district's name (a city's)."""
    district = venue.district
    return district is not None and venue.locality.strip().casefold() == (
        district.name.strip().casefold()
    )

"""How a span of days is written for people, used by includes/event_dates.html."""

from django import template
from django.utils import timezone

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

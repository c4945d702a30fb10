"""The event list as an iCalendar feed and an RSS feed, and one event's .ics file.

Both feeds read the list's query parameters through `EventFilterSet`, so a
subscription shows what `/events/?...` shows.

Calendar apps poll feeds, and each distinct feed address is cold after every
edit. So with a shared cache (FRAGMENT_CACHE_SECONDS on) each event's entry,
its VEVENT or RSS item, is built once and kept under the event's last change
(`updated_at`), the surroundings version (events/cache.py: its venue, district
and types), the language and the site's address; a feed is assembled from
kept entries, and an edit rebuilds that event's entry only.
"""

import datetime
import re

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from events.cache import kept_per_event
from events.filters import EventFilterSet
from events.models import Event

# Enough for any real search; a feed is not an export of the catalog.
FEED_SIZE = 200
UID_DOMAIN = "creative-east"
CALENDAR_TIME_ZONE = "Asia/Almaty"

# XML 1.0 (RSS) allows no C0 control character but tab and line breaks, and
# iCalendar text none but tab: text pasted from a word processor may have some.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

ICALENDAR_STATUS = {
    Event.EventStatus.CANCELLED: "CANCELLED",
    Event.EventStatus.POSTPONED: "TENTATIVE",
}


def feed_text(text):
    """Text as feeds can carry it: without control characters."""
    return CONTROL_CHARACTERS.sub("", text)


def one_line(text):
    """A feed's or calendar's name: printable characters on one line."""
    return "".join(char if char.isprintable() else " " for char in text)


def event_uid(event):
    """The event's identity in calendars and feeds, whatever its slug becomes."""
    return f"event-{event.pk}@{UID_DOMAIN}"


def place_text(event):
    """Where, in one line: venue, locality, address; or the online link."""
    if event.venue is None:
        return event.online_url
    venue = event.venue
    return ", ".join(
        part for part in (venue.name, venue.locality, venue.address) if part
    )


def feed_filterset(request):
    filterset = EventFilterSet(request.GET, queryset=Event.objects.published())
    filterset.is_valid()  # cleans the parameters, which the title reads first
    return filterset


def with_entry_relations(events):
    """The events with what their feed entries show of other rows."""
    return events.select_related("venue__district").prefetch_related("activity_types")


def feed_events(filterset):
    """The events of the list, the first FEED_SIZE of them."""
    return with_entry_relations(filterset.qs)[:FEED_SIZE]


def kept_entries(request, filterset, kind, build):
    """build(event) of each event of the feed, in order, kept when possible."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return [build(event) for event in feed_events(filterset)]
    return kept_per_event(
        request,
        f"feed-{kind}",
        filterset.qs.values_list("pk", "updated_at")[:FEED_SIZE],
        lambda pks: with_entry_relations(Event.objects.filter(pk__in=pks)),
        build,
    )


def feed_title(filterset):
    """The feed's name with its active filters, to tell subscriptions apart."""
    title = f"{_('Events')} · {_('Creative East')}"
    filters = [str(label) for _parameter, _value, label in filterset.active()]
    # The search is among the filters, as it was typed.
    return one_line(f"{title}: {', '.join(filters)}" if filters else title)


def list_url(filterset):
    """The list page the feed follows: its understood parameters, no page."""
    query = filterset.data.copy()
    query.pop("page", None)
    query_string = query.urlencode()
    return reverse("events:list") + (f"?{query_string}" if query_string else "")


def build_vevent(event, *, url):
    """One event as a VEVENT; `url` is the absolute address of its page.

    Date-only events are all-day (VALUE=DATE) with an exclusive end, the day
    after their last local day; timed events are given in UTC.
    """
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    vevent.add("created", event.created_at.astimezone(datetime.UTC))
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    starts = event.local_date_or_datetime(event.starts_at)
    if isinstance(starts, datetime.datetime):
        vevent.add("dtstart", starts.astimezone(datetime.UTC))
        if event.ends_at:
            vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
    else:
        last_day = event.local_date_or_datetime(event.ends_at or event.starts_at)
        vevent.add("dtstart", starts)
        vevent.add("dtend", last_day + datetime.timedelta(days=1))
    vevent.add("summary", feed_text(event.title))
    description = "\n\n".join(filter(None, [event.summary, url]))
    vevent.add("description", feed_text(description))
    vevent.add("url", url)
    if location := place_text(event):
        vevent.add("location", feed_text(location))
    venue = event.venue
    if venue is not None and venue.latitude is not None:
        vevent.add("geo", (float(venue.latitude), float(venue.longitude)))
    vevent.add("status", ICALENDAR_STATUS.get(event.event_status, "CONFIRMED"))
    if categories := activity_type_names(event):
        vevent.add("categories", categories)
    return vevent


def activity_type_names(event):
    return [
        feed_text(activity_type.name) for activity_type in event.activity_types.all()
    ]


def event_vevent(request, event):
    """The event's VEVENT, serialised."""
    url = request.build_absolute_uri(event.get_absolute_url())
    return build_vevent(event, url=url).to_ical()


def calendar_response(request, vevents, *, name, filename=None):
    """An RFC 5545 calendar of the serialised VEVENTs, as a response."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Creative East//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is text to RFC 5545, but icalendar escapes only the
    # properties it knows: a vText escapes "," ";" and "\\" here too.
    calendar.add("x-wr-calname", icalendar.vText(one_line(name)))
    calendar.add("x-wr-timezone", CALENDAR_TIME_ZONE)
    # The calendar's frame serialised by icalendar, the entries put inside it.
    frame = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    response = HttpResponse(
        [frame.removesuffix(end), *vevents, end],
        content_type="text/calendar; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_list_ics(request):
    """The list as a calendar feed, with the same parameters."""
    filterset = feed_filterset(request)
    vevents = kept_entries(
        request, filterset, "ics", lambda event: event_vevent(request, event)
    )
    return calendar_response(request, vevents, name=feed_title(filterset))


def event_ics(request, slug):
    """One event's calendar file: what "Add to calendar" downloads."""
    events = Event.objects.visible_to(request.user).select_related("venue__district")
    event = get_object_or_404(events, slug=slug)
    return calendar_response(
        request,
        [event_vevent(request, event)],
        name=event.title,
        filename=f"{event.slug}.ics",
    )


def entry_value(key):
    """A Feed's item_* method that reads `key` of the kept entry."""

    def value(feed, entry):
        return entry[key]

    return value


class EventListFeed(Feed):
    """The list as RSS 2.0, with the same parameters, in the page's language."""

    def get_object(self, request):
        return feed_filterset(request)

    def title(self, filterset):
        return feed_title(filterset)

    def link(self, filterset):
        return list_url(filterset)

    def description(self, filterset):
        return _(
            "Festivals, concerts, exhibitions, fairs and courses of the creative "
            "industries in the East Kazakhstan Region."
        )

    def get_feed(self, obj, request):
        self.request = request  # items() builds the entries with it
        return super().get_feed(obj, request)

    def items(self, filterset):
        return kept_entries(self.request, filterset, "rss", rss_entry)

    # Each item is a kept entry (rss_entry): what the feed shows of an event.
    item_title = entry_value("title")
    item_link = entry_value("link")
    item_guid = entry_value("guid")

    def item_guid_is_permalink(self, entry):
        return False

    item_description = entry_value("description")
    item_pubdate = entry_value("pubdate")
    item_updateddate = entry_value("updateddate")
    item_categories = entry_value("categories")


def rss_entry(event):
    """What the RSS feed shows of an event, as plain values that can be kept."""
    # The description is HTML: the dates as the pages show them, then the
    # place and the summary, which are plain text. The title is plain text:
    # the XML writer escapes it, once (Django's default escape() on top of it
    # sent "&amp;lt;" to feed readers).
    dates = render_to_string("includes/event_dates.html", {"event": event})
    parts = [dates, feed_text(place_text(event)), feed_text(event.summary)]
    return {
        "title": feed_text(event.title),
        "link": event.get_absolute_url(),
        "guid": event_uid(event),
        "description": format_html_join(
            "", "<p>{}</p>", ((part,) for part in parts if part)
        ),
        "pubdate": event.published_at or event.created_at,
        "updateddate": event.updated_at,
        "categories": activity_type_names(event),
    }

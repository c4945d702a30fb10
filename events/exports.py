"""The event list as a CSV file a spreadsheet opens as it is.

`/<lang>/events/export.csv` reads the list's parameters through
`EventFilterSet`, so the file holds the events the page lists, in its order,
with the header and labels in the page's language. A value the filters cannot
read is left out, as on the page.

The rows are streamed from a server-side cursor (PostgreSQL), so memory stays
flat. One answer holds at most EXPORT_MAX_ROWS rows; when more match, its
`Link: <...&page=2>; rel="next"` header names the next part.
"""

import csv
import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.template.defaultfilters import yesno
from django.utils.text import capfirst
from modeltranslation.utils import get_translation_fields

from events.filters import EventFilterSet
from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import Venue

# Excel reads a UTF-8 file as such only when it starts with a byte-order mark.
BYTE_ORDER_MARK = "\ufeff"
# Rows are read from the database this many at a time, with their relations.
CHUNK_SIZE = 2000
# An organization's names in every language (its cell shows one, str()).
ORGANIZATION_NAMES = [
    "pk",
    "name",
    *get_translation_fields("name"),
    "short_name",
    *get_translation_fields("short_name"),
]
# A cell that starts with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object whose write() hands back the line it is given."""

    def write(self, value):
        return value


def text_cell(value):
    """Text as a spreadsheet shows it, never run as a formula."""
    value = value or ""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def moment_cell(event, moment):
    """Local date and time, or the date alone for an event without a time."""
    if moment is None:
        return ""
    value = event.local_date_or_datetime(moment)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def number_cell(value):
    return "" if value is None else value


def label(model, field_name):
    return capfirst(model._meta.get_field(field_name).verbose_name)


def header():
    """Column names in the active language: the fields' own translated names."""
    return [
        "id",
        *(
            label(Event, name)
            for name in ("title", "kind", "starts_at", "ends_at", "date_precision")
        ),
        label(Event, "venue"),
        label(Venue, "locality"),
        label(Venue, "district"),
        *(
            label(Event, name)
            for name in (
                "organizers",
                "activity_types",
                "is_free",
                "price_from",
                "price_to",
                "guests",
                "participants",
                "participating_countries",
                "event_status",
            )
        ),
        "URL",
    ]


def choice_labels():
    """{field: {value: label}} of the choice fields a row shows, in the active
    language: read once an export, not once a cell (get_FOO_display())."""
    return {
        name: {
            value: str(text) for value, text in Event._meta.get_field(name).flatchoices
        }
        for name in ("kind", "date_precision", "event_status")
    }


def row(event, request, labels):
    venue = event.venue
    district = venue.district if venue else None
    return [
        event.pk,
        text_cell(event.title),
        labels["kind"].get(event.kind, event.kind),
        moment_cell(event, event.starts_at),
        moment_cell(event, event.ends_at),
        labels["date_precision"].get(event.date_precision, event.date_precision),
        text_cell(venue.name if venue else ""),
        text_cell(venue.locality if venue else ""),
        district.name if district else "",
        text_cell(
            "; ".join(str(organization) for organization in event.organizers.all())
        ),
        "; ".join(activity_type.code for activity_type in event.activity_types.all()),
        yesno(event.is_free),
        number_cell(event.price_from),
        number_cell(event.price_to),
        number_cell(event.guests),
        number_cell(event.participants),
        "; ".join(country.code for country in event.participating_countries),
        labels["event_status"].get(event.event_status, event.event_status),
        request.build_absolute_uri(event.get_absolute_url()),
    ]


def page_number(request):
    """The part of the export asked for: `page`, 1 when missing or malformed."""
    value = request.GET.get("page", "")
    return int(value) if value.isascii() and value.isdigit() and int(value) else 1


def next_page_link(request, page):
    query = request.GET.copy()
    query["page"] = page + 1
    url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return f'<{url}>; rel="next"'


def event_list_csv(request):
    """The filtered published events, one row each, header in the page's language."""
    filterset = EventFilterSet(request.GET, queryset=Event.objects.published())
    size, page = settings.EXPORT_MAX_ROWS, page_number(request)
    start = (page - 1) * size
    matching = filterset.qs
    has_next = matching[start + size : start + size + 1].exists()
    events = (
        matching.select_related("venue__district")
        .prefetch_related(
            # What the cells show of them, no more: a chunk has thousands.
            Prefetch("organizers", Organization.objects.only(*ORGANIZATION_NAMES)),
            Prefetch("activity_types", ActivityType.objects.only("pk", "code")),
        )[start : start + size]
        .iterator(chunk_size=CHUNK_SIZE)
    )
    writer = csv.writer(Echo())
    labels = choice_labels()

    def lines():
        yield BYTE_ORDER_MARK + writer.writerow(header())
        for event in events:
            yield writer.writerow(row(event, request, labels))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = "events.csv" if page == 1 else f"events-{page}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if has_next:
        response["Link"] = next_page_link(request, page)
    return response

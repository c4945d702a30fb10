"""The API's parameters: pagination, errors that name a parameter, their schema."""

import datetime
import re
from functools import partial

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, pagination, status

from events.api.serializers import DetailSerializer, ErrorsSerializer
from events.cache import cached_fragment
from events.filters import OUTSIDE_REGION, Period
from events.models import ActivityType, ActivityTypeGroup, Event
from venues.models import District

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SLUG_OR_ID = "[-a-zA-Z0-9_]+"

PARAMETER_MESSAGES = {
    "q": _("The search text holds control characters."),
    "district": _("Not a district slug (see /api/v1/districts/) nor “outside”."),
    "activity_type": _("Not the OKED code of an activity type."),
    "group": _("Not the slug of an activity-type group."),
    "kind": _("Not a kind of event."),
    "when": _("Not one of today, tomorrow, weekend, week, month, upcoming, past."),
    "date_from": _("Not a date written as YYYY-MM-DD, or out of range."),
    "date_to": _(
        "Not a date written as YYYY-MM-DD, out of range, or before date_from."
    ),
    "venue": _("No venue has this slug."),
    "organization": _("No organization has this slug."),
    "free": _("The only value is 1."),
    "updated_since": _(
        "Not a date and time in ISO 8601, e.g. 2025-10-01T00:00:00+05:00."
    ),
    "page": _("Not a page number (1, 2, ...)."),
    "page_size": _("Not a whole number from 1 to %(max)s."),
}


class BadParameters(exceptions.APIException):
    """A 400 answer that names every parameter whose value could not be read."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, errors):
        super().__init__({"errors": errors})


def parameter_error(parameter, value):
    return {
        "parameter": parameter,
        "value": value,
        "message": str(PARAMETER_MESSAGES[parameter]) % {"max": MAX_PAGE_SIZE},
    }


def positive_number(value, maximum=None):
    """The value as an int if it is a plain number from 1 to `maximum`, else None."""
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        return None
    number = int(value)
    if number < 1 or (maximum is not None and number > maximum):
        return None
    return number


class Pagination(pagination.PageNumberPagination):
    """`page` and `page_size` (at most 100); a malformed one answers 400.

    A page beyond the last answers 404, as Django REST framework does.
    """

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    @classmethod
    def parameter_errors(cls, request):
        errors = []
        for parameter, maximum in (("page", None), ("page_size", MAX_PAGE_SIZE)):
            value = request.query_params.get(parameter, "")
            if value and positive_number(value, maximum) is None:
                errors.append(parameter_error(parameter, value))
        return errors

    def paginate_queryset(self, queryset, request, view=None):
        if errors := self.parameter_errors(request):
            raise BadParameters(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Page number, from 1; beyond the last page: 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Results per page, {PAGE_SIZE} unless given.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


# Allowed values of the list's parameters that are rows of the database, put
# in the schema when it is served (a drf-spectacular hook, SPECTACULAR_SETTINGS).
# Making the schema reads no table: the deploy check does, before migrations.
DATABASE_VALUES = {
    "district": lambda: [
        *District.objects.values_list("slug", flat=True),
        OUTSIDE_REGION,
    ],
    "activity_type": lambda: ActivityType.objects.values_list("code", flat=True),
    "group": lambda: ActivityTypeGroup.objects.values_list("slug", flat=True),
}


def add_database_values(result, generator, request, public):
    """The schema served to `request` with DATABASE_VALUES as its enums."""
    if request is None:  # the deploy check or the spectacular command
        return result
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if read := DATABASE_VALUES.get(parameter["name"]):
                    parameter["schema"]["items"]["enum"] = sorted(read())
    return result


def repeatable(name, values, description):
    """A parameter of EventFilterSet.MULTIPLE: given again, it selects any of them.

    Without `values`, those in the database are added when the schema is
    served (DATABASE_VALUES).
    """
    return OpenApiParameter(
        name,
        str,
        many=True,
        explode=True,
        style="form",
        enum=values,
        description=f"{description}; repeatable (any of them).",
    )


EVENT_LIST_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description=(
            "Search in titles, summaries, descriptions, venues, organizers and "
            "activity types, in Kazakh (Cyrillic or Latin), Russian or English."
        ),
    ),
    repeatable(
        "district",
        None,
        "District slug, or `outside` for venues outside the region",
    ),
    repeatable("activity_type", None, "OKED code of an activity type"),
    repeatable("group", None, "Activity-type group slug"),
    repeatable("kind", Event.Kind.values, "Kind of event"),
    OpenApiParameter(
        "when",
        str,
        enum=Period.values,
        description=(
            "A period in local time (Asia/Almaty): `week` is the next 7 days, "
            "`month` the next 30, `past` lists the latest first. Without `when` "
            "or dates: upcoming events, ongoing ones included."
        ),
    ),
    OpenApiParameter(
        "date_from",
        {"type": "string", "format": "date"},
        description="First day (YYYY-MM-DD); events that overlap the period.",
    ),
    OpenApiParameter(
        "date_to",
        {"type": "string", "format": "date"},
        description="Last day (YYYY-MM-DD), inclusive; not before `date_from`.",
    ),
    OpenApiParameter("venue", str, description="Venue slug: events there."),
    OpenApiParameter(
        "organization", str, description="Organization slug: events it organizes."
    ),
    OpenApiParameter("free", str, enum=["1"], description="`1`: free entry only."),
    OpenApiParameter(
        "updated_since",
        {"type": "string", "format": "date-time"},
        description=(
            "Events changed at or after this moment (ISO 8601; encode `+` as "
            "`%2B`), for incremental sync. It narrows the other parameters: "
            "without `when` that is upcoming events, so a full sync asks twice, "
            "once more with `when=past`."
        ),
    ),
]

BAD_PARAMETERS = OpenApiResponse(
    ErrorsSerializer, description="A parameter's value could not be read."
)
NOT_FOUND = OpenApiResponse(DetailSerializer, description="No such object or page.")
ID_OR_SLUG = OpenApiParameter(
    "id_or_slug",
    str,
    OpenApiParameter.PATH,
    pattern=f"^{SLUG_OR_ID}$",
    description="The object's id or its slug.",
)


def storable(moment):
    """Whether a moment can be turned into UTC, as the database needs it."""
    try:
        moment.astimezone(datetime.UTC)
    except OverflowError:  # a first or last moment of the calendar
        return False
    return True


def read_moment(value):
    """An ISO 8601 date and time, aware (local time when no offset), or None."""
    # An unencoded "+05:00" arrives as " 05:00": take it as the "+" it was.
    value = re.sub(r"(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d:?\d\d)$", r"\1+\2", value)
    try:
        moment = parse_datetime(value)
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    except (ValueError, OverflowError):
        return None
    if moment is None or not storable(moment):
        return None
    # PostgreSQL takes offsets up to 15:59 only; ISO 8601 allows more.
    return moment.astimezone(datetime.UTC)


class CountKeptPaginator(Paginator):
    """Django's paginator, its count kept under `name` (cached_fragment)."""

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    @cached_property
    def count(self):
        return cached_fragment(self.name, self.object_list.count)


class EventPagination(Pagination):
    """The events' pages, their count kept like the event list's: under the
    catalog version and the filters' query string (without the page), so the
    next pages of a query, and the same query from another client, are not
    counted again (at 100,000 events a count of a district with a type took
    9 ms of PostgreSQL)."""

    def paginate_queryset(self, queryset, request, view=None):
        query = request.query_params.copy()
        for parameter in ("page", "page_size"):
            query.pop(parameter, None)
        self.django_paginator_class = partial(
            CountKeptPaginator, name=f"api-event-count?{query.urlencode()}"
        )
        return super().paginate_queryset(queryset, request, view)

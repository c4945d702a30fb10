"""The read-only open-data API, /api/v1/ (wired in creative_east/api_urls.py).

The events endpoint reads the public list's parameters through the list's own
`EventFilterSet`, so a filter selects and orders the same events on the page,
in the feeds, in the CSV export and here. Where the page ignores a value it
cannot read and says so, the API answers 400 and names the parameter.
"""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets

from events.api.parameters import (
    BAD_PARAMETERS,
    EVENT_LIST_PARAMETERS,
    ID_OR_SLUG,
    NOT_FOUND,
    BadParameters,
    EventPagination,
    Pagination,
    parameter_error,
    positive_number,
    read_moment,
)
from events.api.serializers import (
    ActivityTypeSerializer,
    DistrictSerializer,
    EventSerializer,
    OrganizationSerializer,
    VenueSerializer,
)
from events.cache import kept_per_event
from events.filters import EventFilterSet
from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import District, Venue


class IdOrSlugMixin:
    """Detail by id (digits) or by slug, the public page's address."""

    lookup_url_kwarg = "id_or_slug"
    # Any segment reaches the view, so that a value no slug can have still
    # answers the API's JSON 404 rather than the site's HTML page.
    lookup_value_regex = "[^/]+"

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        queryset = self.get_queryset()
        found = None
        if positive_number(value) is not None:
            found = queryset.filter(pk=value).first()
        if found is None:
            found = queryset.filter(slug=value).first()
        if found is None:
            raise Http404
        return found


def by_id_or_slug(serializer, list_summary, one_summary, list_parameters=()):
    """The schema of a paginated list and of its detail by id or slug."""
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary,
            parameters=list(list_parameters),
            responses={
                200: serializer(many=True),
                400: BAD_PARAMETERS,
                404: NOT_FOUND,
            },
        ),
        retrieve=extend_schema(
            summary=one_summary,
            parameters=[ID_OR_SLUG],
            responses={200: serializer, 404: NOT_FOUND},
        ),
    )


def events_for_api(events):
    """Everything EventSerializer shows, in a fixed number of queries."""
    return events.select_related("venue", "parent").prefetch_related(
        "activity_types",
        Prefetch("organizers", Organization.objects.only("pk", "slug")),
    )


@by_id_or_slug(
    EventSerializer,
    "Published events, filtered as the public list",
    "One published event",
    list_parameters=EVENT_LIST_PARAMETERS,
)
class EventViewSet(IdOrSlugMixin, viewsets.ReadOnlyModelViewSet):
    """Published events only: drafts and events in review never appear."""

    serializer_class = EventSerializer
    pagination_class = EventPagination

    def get_queryset(self):
        return events_for_api(Event.objects.published())

    def list(self, request, *args, **kwargs):
        filterset = EventFilterSet(request.GET, queryset=Event.objects.published())
        # "q=" or an empty choice means "no filter", as on the page.
        errors = [
            parameter_error(parameter, value)
            for parameter, value in filterset.ignored
            if value != ""
        ]
        since = request.query_params.get("updated_since", "")
        moment = read_moment(since) if since else None
        if since and moment is None:
            errors.append(parameter_error("updated_since", since))
        errors += Pagination.parameter_errors(request)
        if errors:
            raise BadParameters(errors)
        events = filterset.qs
        if moment is not None:
            events = events.filter(updated_at__gte=moment)
        # The page's events by their last change (and their programme's, which
        # an entry names), each event's entry kept (events/cache.py): a page
        # after an edit serializes the edited event only.
        page = self.paginate_queryset(events.only("pk", "updated_at", "parent_id"))
        parent_changes = Event.objects.last_changes(
            {event.parent_id for event in page} - {None}
        )
        entries = kept_per_event(
            request,
            "api-event",
            [(e.pk, e.updated_at, parent_changes.get(e.parent_id)) for e in page],
            lambda pks: events_for_api(Event.objects.filter(pk__in=pks)),
            lambda event: self.get_serializer(event).data,
        )
        return self.get_paginated_response(entries)


@by_id_or_slug(VenueSerializer, "Venues, by id", "One venue")
class VenueViewSet(IdOrSlugMixin, viewsets.ReadOnlyModelViewSet):
    """Places where events happen; `district` is null outside the region."""

    serializer_class = VenueSerializer
    pagination_class = Pagination
    queryset = Venue.objects.select_related("district").order_by("pk")


@by_id_or_slug(OrganizationSerializer, "Organizations, by id", "One organization")
class OrganizationViewSet(IdOrSlugMixin, viewsets.ReadOnlyModelViewSet):
    """Organizations behind the events: support centres, theatres, libraries..."""

    serializer_class = OrganizationSerializer
    pagination_class = Pagination
    queryset = Organization.objects.select_related("parent", "district").order_by("pk")


@extend_schema_view(
    list=extend_schema(
        summary="The creative-industry activity types (OKED classes), not paginated"
    )
)
class ActivityTypeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The creative-industry types of economic activity; deprecated ones stay."""

    serializer_class = ActivityTypeSerializer
    pagination_class = None
    queryset = ActivityType.objects.select_related("group")


@extend_schema_view(
    list=extend_schema(summary="The region's cities and districts, not paginated")
)
class DistrictViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The two cities of regional significance and the districts of the region."""

    serializer_class = DistrictSerializer
    pagination_class = None
    queryset = District.objects.all()

"""What pages, feeds, the API and the admin ask of events: one place for each rule."""

import datetime

from django.db import connection, models
from django.db.models import Case, Func, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from modeltranslation.utils import get_translation_fields

from backoffice.roles import can_moderate
from events import duplicates
from events import search as text_search
from events.models.activity_types import ActivityType
from events.models.slugs import RESERVED_SLUGS


def start_of_local_day(moment):
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def overlaps(start=None, end=None):
    """The condition of an event taking place at any moment of [start, end].

    Either end may be open. An event without an end lasts until the end of its
    first local day. A Q, so that conditional aggregates (the Figures report)
    count by the same rule as EventQuerySet.overlapping() filters.
    """
    condition = Q()
    if end is not None:
        condition &= Q(starts_at__lte=end)
    if start is not None:
        condition &= Q(ends_at__gte=start) | Q(
            ends_at__isnull=True, starts_at__gte=start_of_local_day(start)
        )
    return condition


# How many events at one place and time are compared for duplicates, at most.
DUPLICATE_CANDIDATES = 200


def earliest_start_going_on(events, moment, first_day):
    """The earliest start of any event not over at `moment` (SQL, for a filter).

    Events that began before `first_day` (moment's local day) and are not
    over have an end, and their span holds `moment`; any other event not over
    starts on `first_day` or later. On PostgreSQL a GiST index on the span
    (migration 0010) finds the few that hold `moment`; elsewhere the index on
    (ends_at, starts_at) gives the earliest start of those not over. `events`
    is the Event model's manager.
    """
    if connection.vendor == "postgresql":
        going_on = events.filter(
            RawSQL(
                "tstzrange(starts_at, ends_at, '[]') @> %s",
                # In UTC, as Django sends datetimes: a local time of 1520 has
                # the zone's mean-time offset, which PostgreSQL refuses.
                [moment.astimezone(datetime.UTC)],
                output_field=models.BooleanField(),
            ),
            ends_at__isnull=False,
        )
    else:
        going_on = events.filter(ends_at__gte=moment)
    # MIN() as a plain function, not an aggregate: no GROUP BY in the subquery.
    earliest = (
        going_on.order_by()
        .annotate(earliest=Func("starts_at", function="MIN"))
        .values("earliest")
    )
    first_day = Value(first_day, output_field=models.DateTimeField())
    return Least(Coalesce(Subquery(earliest), first_day), first_day)


# Columns of an event that cards do not show (see EventQuerySet.for_cards).
CARD_LEAVES_OUT = [
    *get_translation_fields("description"),
    "search_document",
    "search_title",
    "moderator_comment",
]


class EventQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        """What the public may see: published events, cancelled ones included."""
        return self.filter(publication_status=self.model.PublicationStatus.PUBLISHED)

    def overlapping(self, start=None, end=None):
        """Events that take place at any moment of [start, end] (either may be open).

        The rule is `overlaps()`; this adds a bound the database's index needs.
        """
        events = self.filter(overlaps(start, end))
        if start is not None:
            # Implied by the rule, but it gives the index on the start a lower
            # bound: without it, the database walks every past event to find
            # the first upcoming one.
            events = events.filter(
                starts_at__gte=earliest_start_going_on(
                    self.model.objects, start, start_of_local_day(start)
                )
            )
        return events

    def upcoming(self, now=None):
        """Events not over yet; one without an end stays upcoming all its day."""
        return self.overlapping(start=now or timezone.now())

    def past(self, now=None):
        """Events that are over, the latest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__lt=now)
            | Q(ends_at__isnull=True, starts_at__lt=start_of_local_day(now)),
            # Implied (an event ends after it starts): the index on the start
            # is then walked back from now, not from the last event planned.
            starts_at__lt=now,
        ).order_by("-starts_at", "-pk")

    def attendance_not_recorded(self, now=None):
        """Published events that are over and took place, without their guests count.

        Cancelled events did not take place, and postponed ones have not yet.
        """
        return (
            self.published()
            .past(now=now)
            .exclude(
                event_status__in=[
                    self.model.EventStatus.CANCELLED,
                    self.model.EventStatus.POSTPONED,
                ]
            )
            .filter(guests__isnull=True)
        )

    def likely_duplicates(
        self, *, titles, starts_at, ends_at=None, venue=None, district_id=None
    ):
        """Events at the same venue or in its district (or, without a venue, in
        `district_id`), overlapping these dates, whose title looks like one of
        `titles` in any language (or alphabet).
        """
        district_id = venue.district_id if venue is not None else district_id
        if starts_at is None or (venue is None and district_id is None):
            return []
        ends_at = ends_at or start_of_local_day(starts_at) + datetime.timedelta(days=1)
        place = Q(venue=venue) if venue is not None else Q()
        if district_id:
            place |= Q(venue__district_id=district_id)
        ours = duplicates.canonical_titles(titles)
        if not ours:
            return []
        candidates = (
            self.overlapping(starts_at, ends_at)
            .filter(place)
            .select_related("venue")
            .order_by("starts_at", "pk")[:DUPLICATE_CANDIDATES]
        )
        return [
            event
            for event in candidates
            if duplicates.titles_look_alike(
                ours, duplicates.canonical_titles(event.titles())
            )
        ]

    def search(self, query):
        """Events whose words begin with every word of the query, title matches first."""
        prefixes = text_search.query_prefixes(query)
        if not prefixes:
            return self
        events, in_title = self, Q()
        for prefix in prefixes:
            events = events.filter(search_document__contains=prefix)
            in_title &= Q(search_title__contains=prefix)
        ordering = events.query.order_by or events.model._meta.ordering
        return events.alias(
            title_match=Case(When(in_title, then=Value(0)), default=Value(1))
        ).order_by("title_match", *ordering)

    def free_slug(self, base, *, also_taken=()):
        """`base`, or `base-2`, `base-3`... : the first slug no event has (nor
        is in `also_taken`)."""
        base = base[:110].strip("-")
        taken = (
            set(also_taken)
            | RESERVED_SLUGS
            | set(
                self.model.objects.filter(slug__startswith=base).values_list(
                    "slug", flat=True
                )
            )
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def editable_by(self, user):
        """Events this staff user may change: all for moderators, else their own."""
        if can_moderate(user):
            return self
        own = self.model.objects.filter(organizers__editors=user).values("pk")
        return self.filter(pk__in=own)

    def visible_to(self, user):
        """Published events, plus the drafts a staff user may preview."""
        if not user.is_staff:
            return self.published()
        own = self.model.objects.editable_by(user).values("pk")
        return self.filter(
            Q(publication_status=self.model.PublicationStatus.PUBLISHED) | Q(pk__in=own)
        )

    def last_changes(self, pks):
        """{pk: updated_at} of these events (what kept entries are keyed by)."""
        if not pks:
            return {}
        return dict(self.filter(pk__in=pks).values_list("pk", "updated_at"))

    def for_kept_cards(self):
        """Which events, with their last changes: what {% event_cards %} needs
        to find their kept cards (events/templatetags/event_cards.py), which
        then reads in full only the events of the cards not kept."""
        return self.only("pk", "updated_at")

    def with_page_changes(self):
        """Each event with the last changes its page shows besides its own:
        its parent's (`parent_changed`) and its programme's
        (`programme_changed`, the latest of its sub-events, and
        `programme_size`, so that one taken away counts too)."""
        return self.annotate(
            parent_changed=models.F("parent__updated_at"),
            programme_changed=models.Max("sub_events__updated_at"),
            programme_size=models.Count("sub_events"),
        )

    def for_cards(self):
        """Everything an event card shows, in a fixed number of queries.

        Not the long texts a card does not show: at a page of twenty events
        their transfer would cost more than the rest of the query.
        """
        return (
            self.select_related("venue__district")
            .prefetch_related("images")
            .defer(*CARD_LEAVES_OUT)
            .with_cover_group()
        )

    def with_cover_group(self):
        """Each event with `cover_group`, the slug of its first activity group.

        The group of its first type in the official order, which its generated
        cover shows (events/covers/): a subquery, so a page of cards knows
        its covers without a query of its own.
        """
        types = ActivityType.objects.filter(events=models.OuterRef("pk"))
        first_group = types.order_by("group__position", "position", "code")
        return self.annotate(
            cover_group=Subquery(first_group.values("group__slug")[:1])
        )

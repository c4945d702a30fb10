"""The culture department's figures: events, guests, districts, groups, months.

`figures_for()` computes every number of the staff report once, in the database
(a fixed number of aggregate queries whatever the number of events), into one
`Figures` structure; the report page, its XLSX and its CSV are all rendered
from that structure, so they cannot disagree.

Counting rules, shown on the page as footnotes:

- An event is counted when it is published, not cancelled and overlaps the
  period (the public list's rule, through its FilterSet's `date_from`/`date_to`).
- An event tagged with types of two groups counts once in each group's column
  and once in its district's total; the columns may add up to more than the
  total.
- An event at a venue outside the region, or online only, has its own row.
- A month counts every event that overlaps it, so an event from 28 February to
  2 March counts in both months; its guests are counted once, in the month it
  starts (or the period's first month), so the months' guests add up to the
  total.
- An event dated only by its year (`Event.date_precision`) is in no month: it
  is counted once, with its guests, as "date within the year not known". One
  dated to the month knows its month and counts there.
- With no period asked for, the report is of the latest year, up to this one,
  in which some event is counted (`latest_year()`): a new year is empty for
  weeks.
"""

import datetime
from collections import Counter

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.figures.tables import (
    Cell,
    CountryCount,
    Figures,
    Heading,
    Month,
    PeriodFigures,
)
from events.filters import OUTSIDE_REGION, EventFilterSet, local_days
from events.models import ActivityTypeGroup, Event
from events.models.querysets import overlaps
from venues.models import District

# The public list's parameters the report understands.
FILTER_PARAMETERS = ("district", "activity_type", "group", "kind", "organization")
HOME_COUNTRY = "KZ"
ONE_DAY = datetime.timedelta(days=1)


def previous_period(start, end):
    """The period of equal length just before [start, end].

    Whole calendar months step back by as many months (a year to the year
    before, a quarter to the quarter before, a month to the month before);
    any other period by as many days.
    """
    if start.day == 1 and (end + ONE_DAY).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        return datetime.date(index // 12, index % 12 + 1, 1), start - ONE_DAY
    return start - (end - start) - ONE_DAY, start - ONE_DAY


def month_spans(start, end):
    """(first day, last day) of each calendar month of [start, end], clipped."""
    spans = []
    first = start
    while first <= end:
        next_month = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        spans.append((first, min(end, next_month - ONE_DAY)))
        first = next_month
    return spans


def held_events():
    """Every event the report may count: published and not cancelled."""
    return Event.objects.published().exclude(event_status=Event.EventStatus.CANCELLED)


def latest_year(*, today):
    """The latest year, up to today's, in which a counted event takes place.

    Today's year when there is none. A later year is not offered: its events
    have not taken place, and have no guests recorded.
    """
    next_year = timezone.make_aware(datetime.datetime(today.year + 1, 1, 1))
    # An event without an end takes place on its first day (`overlaps()`).
    latest = (
        held_events()
        .filter(starts_at__lt=next_year)
        .aggregate(latest=Max(Coalesce("ends_at", "starts_at")))["latest"]
    )
    if latest is None:
        return today.year
    return min(today.year, timezone.localtime(latest).year)


def counted_events(*, start, end, filters):
    """The events a period counts: published, not cancelled, overlapping, filtered.

    Also returns the FilterSet, whose `active()` names the filters in use.
    """
    data = QueryDict(mutable=True)
    for name in FILTER_PARAMETERS:
        values = filters.get(name)
        if values in (None, "", [], ()):
            continue
        data.setlist(name, [values] if isinstance(values, str) else list(values))
    data["date_from"], data["date_to"] = start.isoformat(), end.isoformat()
    filterset = EventFilterSet(data, queryset=held_events())
    if filterset.ignored:
        # The caller validates; never count silently without a filter asked for.
        raise ValueError(f"Filters not understood: {filterset.ignored}")
    return filterset.qs.order_by(), filterset


def period_figures(*, start, end, events):
    """Every figure of one period over its counted events: four aggregate queries."""
    tagged = Event.activity_types.through.objects
    untyped = ~Exists(tagged.filter(event=OuterRef("pk")))

    # Dated only by the year: in no month, counted once on a row of its own.
    year_only = Q(date_precision=Event.DatePrecision.YEAR)
    spans = month_spans(start, end)
    months = {}
    for index, (first, last) in enumerate(spans):
        month_start, month_end = local_days(first, last)
        months[f"month_{index}_events"] = Count(
            "pk", filter=overlaps(month_start, month_end) & ~year_only
        )
        # Guests once, in the month the event starts (or the period's first).
        starts_here = Q(starts_at__lte=month_end) & ~year_only
        if index:
            starts_here &= Q(starts_at__gte=month_start)
        months[f"month_{index}_guests"] = Sum("guests", filter=starts_here)

    kinds = {
        f"kind_{index}": Count("pk", filter=Q(kind=kind))
        for index, kind in enumerate(Event.Kind.values)
    }
    totals = events.aggregate(
        # Aliases unlike the field names, which the filtered sums refer to.
        all_events=Count("pk"),
        all_guests=Sum("guests"),
        all_participants=Sum("participants"),
        without_guests=Count("pk", filter=Q(guests__isnull=True)),
        without_participants=Count("pk", filter=Q(participants__isnull=True)),
        year_only_events=Count("pk", filter=year_only),
        year_only_guests=Sum("guests", filter=year_only),
        **kinds,
        **months,
    )

    # Rows: online events (no venue) and venues outside the region give None.
    cells, row_totals = {}, {}
    by_row = events.values("venue__district").annotate(
        all_events=Count("pk"),
        all_guests=Sum("guests"),
        untyped_events=Count("pk", filter=untyped),
        untyped_guests=Sum("guests", filter=untyped),
    )
    for row in by_row:
        district = row["venue__district"]
        row_totals[district] = Cell(row["all_events"], row["all_guests"] or 0)
        if row["untyped_events"]:
            cells[district, None] = Cell(
                row["untyped_events"], row["untyped_guests"] or 0
            )

    # Cells: one tag per event and group (its group's first type), so that an
    # event with two types of one group counts, with its guests, once there.
    first_in_group = ~Exists(
        tagged.filter(
            event=OuterRef("event"),
            activitytype__group=OuterRef("activitytype__group"),
            activitytype__lt=OuterRef("activitytype"),
        )
    )
    by_cell = (
        tagged.filter(first_in_group, event__in=events.values("pk"))
        .values_list("event__venue__district", "activitytype__group")
        .annotate(Count("event"), Sum("event__guests"))
        .order_by()
    )
    for district, group, number, guests in by_cell:
        cells[district, group] = Cell(number, guests or 0)
    # Each event is in one row: a column's total is the sum of its cells.
    column_totals = {}
    for (_district, column), cell in cells.items():
        total = column_totals.get(column, Cell())
        column_totals[column] = Cell(
            total.events + cell.events, total.guests + cell.guests
        )

    # The country lists are grouped in the database: one row per distinct list.
    country_lists = (
        events.exclude(participating_countries="")
        .values_list("participating_countries")
        .annotate(Count("pk"))
    )
    per_country, international = Counter(), 0
    for codes, number in country_lists:
        codes = set(codes.split(","))
        if codes - {HOME_COUNTRY}:
            international += number
            for code in codes:
                per_country[code] += number

    return PeriodFigures(
        start=start,
        end=end,
        events=totals["all_events"],
        guests=totals["all_guests"] or 0,
        participants=totals["all_participants"] or 0,
        without_guests=totals["without_guests"],
        without_participants=totals["without_participants"],
        by_kind={
            kind: totals[f"kind_{index}"]
            for index, kind in enumerate(Event.Kind.values)
        },
        international_events=international,
        countries=tuple(
            CountryCount(code, number)
            for code, number in sorted(
                per_country.items(), key=lambda item: (-item[1], item[0])
            )
        ),
        cells=cells,
        row_totals=row_totals,
        column_totals=column_totals,
        months=tuple(
            Month(
                first,
                last,
                totals[f"month_{index}_events"],
                totals[f"month_{index}_guests"] or 0,
            )
            for index, (first, last) in enumerate(spans)
        ),
        year_only=Cell(totals["year_only_events"], totals["year_only_guests"] or 0),
    )


def figures_for(*, start, end, filters=None):
    """The report for [start, end] (dates, inclusive) and the period before it.

    `filters` maps the public list's parameters (district, activity_type, group,
    kind, organization) to a value or a list of values; a value the FilterSet
    does not understand raises ValueError.
    """
    filters = filters or {}
    if end < start:
        raise ValueError("The period ends before it starts.")
    groups = list(ActivityTypeGroup.objects.all())
    events, filterset = counted_events(start=start, end=end, filters=filters)
    current = period_figures(start=start, end=end, events=events)
    before_start, before_end = previous_period(start, end)
    before, _filterset = counted_events(
        start=before_start, end=before_end, filters=filters
    )
    previous = period_figures(start=before_start, end=before_end, events=before)
    # All the districts, so that a district with nothing shows as such; with a
    # district filter, only the chosen ones.
    chosen = filterset.form.cleaned_data.get("district") or []
    rows = [
        Heading(district.pk, district.name)
        for district in District.objects.all()
        if not chosen or district.slug in chosen
    ]
    if not chosen or OUTSIDE_REGION in chosen:
        rows.append(Heading(None, str(_("outside the region / online"))))
    columns = [Heading(group.pk, group.name) for group in groups]
    if None in current.column_totals or None in previous.column_totals:
        columns.append(Heading(None, str(_("no activity type"))))
    return Figures(
        current=current,
        previous=previous,
        filters=tuple(
            (str(filterset.filters[name].label), str(label))
            for name, _value, label in filterset.active()
            if name in FILTER_PARAMETERS
        ),
        rows=tuple(rows),
        columns=tuple(columns),
    )

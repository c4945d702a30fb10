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
"""

import datetime
import itertools
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from events.filters import OUTSIDE_REGION, EventFilterSet, local_days
from events.models import ActivityTypeGroup, Event, start_of_local_day
from venues.models import District

# The public list's parameters the report understands.
FILTER_PARAMETERS = ("district", "activity_type", "group", "kind", "organization")
HOME_COUNTRY = "KZ"
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Heading:
    """A row or column of the districts × groups table; key None is the catch-all."""

    key: int | None
    label: str


@dataclass(frozen=True)
class Cell:
    events: int = 0
    guests: int = 0


@dataclass(frozen=True)
class Month:
    """One month of a period (clipped to the period), with its figures."""

    first_day: datetime.date
    last_day: datetime.date
    events: int
    guests: int

    @property
    def label(self):
        return self.first_day.strftime("%Y-%m")


@dataclass(frozen=True)
class CountryCount:
    code: str
    events: int

    @property
    def name(self):
        return country_names.name(self.code)


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure of one period, from the database."""

    start: datetime.date
    end: datetime.date
    events: int
    guests: int
    participants: int
    without_guests: int
    without_participants: int
    by_kind: dict[str, int]
    international_events: int
    countries: tuple[CountryCount, ...]
    cells: dict[tuple[int | None, int | None], Cell]
    row_totals: dict[int | None, Cell]
    column_totals: dict[int | None, Cell]
    months: tuple[Month, ...]

    @property
    def days(self):
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Change:
    """One figure in this period and the previous one."""

    label: str
    current: int
    previous: int

    @property
    def difference(self):
        return self.current - self.previous

    @property
    def percent(self):
        """The change in percent, one decimal; None when the previous was 0."""
        if not self.previous:
            return None
        return round(self.difference * 100 / self.previous, 1)


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[Cell, ...]
    total: Cell
    previous_total: Cell

    @property
    def events_change(self):
        return Change(self.label, self.total.events, self.previous_total.events)

    @property
    def guests_change(self):
        return Change(self.label, self.total.guests, self.previous_total.guests)


@dataclass(frozen=True)
class MonthRow:
    current: Month | None
    previous: Month | None


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    events: int
    previous_events: int


@dataclass(frozen=True)
class Figures:
    """The report: a period's figures beside the previous period's."""

    current: PeriodFigures
    previous: PeriodFigures
    # (filter label, value label) of the filters in use, for headings.
    filters: tuple[tuple[str, str], ...]
    rows: tuple[Heading, ...]
    columns: tuple[Heading, ...]

    def totals(self):
        names = [
            ("events", _("Events held")),
            ("guests", _("Guests recorded")),
            ("without_guests", _("Events with no guests recorded yet")),
            ("participants", _("Participants recorded")),
            ("without_participants", _("Events with no participants recorded yet")),
            ("international_events", _("International events")),
        ]
        changes = [
            Change(
                str(label), getattr(self.current, name), getattr(self.previous, name)
            )
            for name, label in names
        ]
        changes.append(
            Change(
                str(_("Countries represented")),
                len(self.current.countries),
                len(self.previous.countries),
            )
        )
        return changes

    def kinds(self):
        """Each kind held in either period, in the order of Event.Kind."""
        return [
            Change(
                capfirst(str(label)),
                self.current.by_kind[kind],
                self.previous.by_kind[kind],
            )
            for kind, label in Event.Kind.choices
            if self.current.by_kind[kind] or self.previous.by_kind[kind]
        ]

    def table(self):
        """The districts × groups rows, then the row of column totals."""
        rows = [
            TableRow(
                label=row.label,
                cells=tuple(
                    self.current.cells.get((row.key, column.key), Cell())
                    for column in self.columns
                ),
                total=self.current.row_totals.get(row.key, Cell()),
                previous_total=self.previous.row_totals.get(row.key, Cell()),
            )
            for row in self.rows
        ]
        rows.append(
            TableRow(
                label=str(_("Total")),
                cells=tuple(
                    self.current.column_totals.get(column.key, Cell())
                    for column in self.columns
                ),
                total=Cell(self.current.events, self.current.guests),
                previous_total=Cell(self.previous.events, self.previous.guests),
            )
        )
        return rows

    def months(self):
        """This period's months beside the previous period's, in order."""
        return [
            MonthRow(current, previous)
            for current, previous in itertools.zip_longest(
                self.current.months, self.previous.months
            )
        ]

    def countries(self):
        """Countries of either period, the most events first."""
        current = {country.code: country.events for country in self.current.countries}
        previous = {country.code: country.events for country in self.previous.countries}
        rows = [
            CountryRow(
                code,
                country_names.name(code),
                current.get(code, 0),
                previous.get(code, 0),
            )
            for code in current.keys() | previous.keys()
        ]
        return sorted(
            rows, key=lambda row: (-row.events, -row.previous_events, row.name)
        )


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


def overlapping(start, end):
    """The Q of EventQuerySet.overlapping(start, end), for conditional aggregates."""
    return Q(starts_at__lte=end) & (
        Q(ends_at__gte=start)
        | Q(ends_at__isnull=True, starts_at__gte=start_of_local_day(start))
    )


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
    held = Event.objects.published().exclude(event_status=Event.EventStatus.CANCELLED)
    filterset = EventFilterSet(data, queryset=held)
    if filterset.ignored:
        # The caller validates; never count silently without a filter asked for.
        raise ValueError(f"Filters not understood: {filterset.ignored}")
    return filterset.qs.order_by(), filterset


def period_figures(*, start, end, events):
    """Every figure of one period over its counted events: four aggregate queries."""
    tagged = Event.activity_types.through.objects
    untyped = ~Exists(tagged.filter(event=OuterRef("pk")))

    spans = month_spans(start, end)
    months = {}
    for index, (first, last) in enumerate(spans):
        month_start, month_end = local_days(first, last)
        months[f"month_{index}_events"] = Count(
            "pk", filter=overlapping(month_start, month_end)
        )
        # Guests once, in the month the event starts (or the period's first).
        starts_here = Q(starts_at__lte=month_end)
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

"""The report's structure: a period's figures beside the previous period's.

Filled by compute.py; the page, the XLSX and the CSV are rendered from it.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from events.models import Event


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
    # The events dated only by their year: in none of the months.
    year_only: Cell

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
class YearOnlyRow:
    """The events dated only by their year, after the months: in none of them."""

    current: Cell
    previous: Cell

    @property
    def label(self):
        return str(_("date within the year not known"))


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

    def year_only(self):
        """The months' last row, when either period has events dated only by year."""
        if not (self.current.year_only.events or self.previous.year_only.events):
            return None
        return YearOnlyRow(self.current.year_only, self.previous.year_only)

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

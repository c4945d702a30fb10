"""The month calendar of the event list: which events show on which day.

A day shows the events that take place at any moment of it, by the overlap rule
of the list (`EventQuerySet.overlapping()`), so that a day's "+N" link, the list
of `date_from=D&date_to=D`, finds the same events. Events known only to the
month or year are listed apart: on the grid they would fill every day.
"""

import calendar
import dataclasses
import datetime

from django.utils import timezone

from events.filters import is_queryable_day, local_days
from events.models import Event

# Events shown in a day's cell; the rest are a "+N" link to the day's list.
SHOWN_PER_DAY = 3
# Events known only roughly shown under the month; the rest are in its list.
SHOWN_APPROXIMATE = 10

APPROXIMATE = (Event.DatePrecision.MONTH, Event.DatePrecision.YEAR)


@dataclasses.dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = dataclasses.field(default_factory=list)
    # How many more take place that day than `events` shows.
    more: int = 0
    # The events to show, by primary key, before they are read.
    shown_ids: list = dataclasses.field(default_factory=list)
    # The day's list, where "+N" leads.
    list_url: str = ""

    @property
    def total(self):
        return len(self.events) + self.more


class MonthConverter:
    """`YYYY-MM` in a URL, as the first day of that month; a month whose days
    cannot all be queried (0001-01, 9999-12) or that does not exist (2024-13)
    does not match, so its address answers 404."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        year, month = (int(part) for part in value.split("-"))
        first = datetime.date(year, month, 1)  # ValueError: no such month
        if not is_queryable_month(first):
            raise ValueError(value)
        return first

    def to_url(self, value):
        return f"{value.year:04d}-{value.month:02d}"


def last_day(first: datetime.date) -> datetime.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def is_queryable_month(first: datetime.date) -> bool:
    return is_queryable_day(first) and is_queryable_day(last_day(first))


def month_bounds(first: datetime.date):
    """From the first moment of the month to its last, local time."""
    return local_days(first, last_day(first))


def adjacent_month(first: datetime.date, step: int):
    """The first day of the month before (-1) or after (+1), or None past the
    months that can be shown."""
    try:
        if step < 0:
            other = (first - datetime.timedelta(days=1)).replace(day=1)
        else:
            other = last_day(first) + datetime.timedelta(days=1)
    except OverflowError:
        return None
    return other if is_queryable_month(other) else None


def local_span(starts_at, ends_at):
    """The first and last local day an event takes place, by the overlap rule:
    it lasts until its end, or to the end of its first day without one."""
    first = timezone.localdate(starts_at)
    last = timezone.localdate(ends_at) if ends_at is not None else first
    return first, last


def month_grid(first: datetime.date, spans, *, today: datetime.date):
    """The weeks of the month (Monday first, seven Days each), and the events
    known only roughly, as primary keys.

    `spans` are (pk, starts_at, ends_at, date_precision) of the events to place,
    in the order a day shows them. Each Day gets `shown_ids` and `more`; the
    events themselves are read afterwards for the shown ones only
    (`fill_events`), so a month of thousands of events reads few whole rows.
    """
    weeks = [
        [
            Day(date=date, in_month=date.month == first.month, is_today=date == today)
            for date in week
        ]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            first.year, first.month
        )
    ]
    days = {day.date: day for week in weeks for day in week if day.in_month}
    approximate = []
    for pk, starts_at, ends_at, precision in spans:
        if precision in APPROXIMATE:
            approximate.append(pk)
            continue
        start, end = local_span(starts_at, ends_at)
        date = max(start, first)
        last = min(end, last_day(first))
        while date <= last:
            day = days[date]
            if len(day.shown_ids) < SHOWN_PER_DAY:
                day.shown_ids.append(pk)
            else:
                day.more += 1
            date += datetime.timedelta(days=1)
    return weeks, approximate


def fill_events(weeks, events_by_id):
    """Put the events read (by primary key) into the days that show them."""
    for week in weeks:
        for day in week:
            day.events = [events_by_id[pk] for pk in day.shown_ids]

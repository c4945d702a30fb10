"""The Figures page's month charts: bar geometry for an inline SVG."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# The axis label of the bar of events dated only by their year.
YEAR_ONLY_MARK = "?"


@dataclass(frozen=True)
class Column:
    """What one bar shows: a month's figure, or the year-only events'."""

    name: str  # in full, for the bar's tooltip
    label: str
    year: str
    value: int
    previous: int | None
    year_only: bool = False


@dataclass(frozen=True)
class Bar:
    """One bar, in the chart's coordinates."""

    x: float
    y: float
    width: float
    height: float
    value: int
    name: str
    label: str
    year: str
    previous: int | None
    previous_y: float | None
    year_only: bool

    @property
    def right(self):
        return self.x + self.width

    @property
    def middle(self):
        return self.x + self.width / 2

    @property
    def value_y(self):
        return self.y - 4


def bar_chart(*, title, key, columns):
    """The geometry of a bar chart with the previous period as a tick per bar.

    The bar of year-only events stands apart from the months', half a step on.
    """
    top, plot, step, gap = 16, 130, 44, 6
    values = [column.value for column in columns]
    previous = [column.previous for column in columns if column.previous is not None]
    highest = max([*values, *previous, 1])

    def y(value):
        return top + plot - plot * value / highest

    bars, x = [], 0
    for column in columns:
        if column.year_only:
            x += step / 2
        bars.append(
            Bar(
                x=x + gap,
                y=y(column.value),
                width=step - 2 * gap,
                height=plot * column.value / highest,
                value=column.value,
                name=column.name,
                label=column.label,
                year=column.year,
                previous=column.previous,
                previous_y=None if column.previous is None else y(column.previous),
                year_only=column.year_only,
            )
        )
        x += step
    return {
        "id": f"chart-{key}",
        "title": title,
        "width": x,
        "height": top + plot + 34,
        "baseline": top + plot,
        "month_y": top + plot + 14,
        "year_y": top + plot + 28,
        "bars": bars,
    }


def month_charts(figures):
    """Two charts, events and guests, of this period's months (and year-only events)."""
    rows = [row for row in figures.months() if row.current]
    year_only = figures.year_only()
    charts = []
    for measure, title in (
        ("events", _("Events by month")),
        ("guests", _("Guests by month")),
    ):
        columns = [
            Column(
                name=date_format(row.current.first_day, "YEAR_MONTH_FORMAT"),
                label=date_format(row.current.first_day, "M"),
                year=str(row.current.first_day.year)
                if index == 0 or row.current.first_day.month == 1
                else "",
                value=getattr(row.current, measure),
                previous=getattr(row.previous, measure) if row.previous else None,
            )
            for index, row in enumerate(rows)
        ]
        if year_only is not None:
            columns.append(
                Column(
                    name=year_only.label,
                    label=YEAR_ONLY_MARK,
                    year="",
                    value=getattr(year_only.current, measure),
                    previous=getattr(year_only.previous, measure),
                    year_only=True,
                )
            )
        charts.append(bar_chart(title=title, key=measure, columns=columns))
    return charts

"""The Figures page's month charts: bar geometry for an inline SVG."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Bar:
    """One month's bar, in the chart's coordinates."""

    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    year: str
    previous: int | None
    previous_y: float | None

    @property
    def right(self):
        return self.x + self.width

    @property
    def middle(self):
        return self.x + self.width / 2

    @property
    def value_y(self):
        return self.y - 4


def bar_chart(*, title, key, months, values, previous):
    """The geometry of a bar chart with the previous period as a tick per bar."""
    top, plot, step, gap = 16, 130, 44, 6
    highest = max([*values, *(v for v in previous if v is not None), 1])

    def y(value):
        return top + plot - plot * value / highest

    bars = [
        Bar(
            x=index * step + gap,
            y=y(value),
            width=step - 2 * gap,
            height=plot * value / highest,
            value=value,
            label=date_format(month, "M"),
            year=str(month.year) if index == 0 or month.month == 1 else "",
            previous=before,
            previous_y=None if before is None else y(before),
        )
        for index, (month, value, before) in enumerate(
            zip(months, values, previous, strict=True)
        )
    ]
    return {
        "id": f"chart-{key}",
        "title": title,
        "width": step * len(bars),
        "height": top + plot + 34,
        "baseline": top + plot,
        "month_y": top + plot + 14,
        "year_y": top + plot + 28,
        "bars": bars,
    }


def month_charts(figures):
    """Two charts, events and guests, of this period's months."""
    rows = [row for row in figures.months() if row.current]
    months = [row.current.first_day for row in rows]
    return [
        bar_chart(
            title=title,
            key=measure,
            months=months,
            values=[getattr(row.current, measure) for row in rows],
            previous=[
                getattr(row.previous, measure) if row.previous else None for row in rows
            ],
        )
        for measure, title in (
            ("events", _("Events by month")),
            ("guests", _("Guests by month")),
        )
    ]

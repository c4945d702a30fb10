"""The staff "Figures" page and its XLSX and CSV downloads, all from figures_for()."""

import csv
import datetime
import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from events.figures import FILTER_PARAMETERS, figures_for
from events.filters import OUTSIDE_REGION
from events.models import ActivityType, ActivityTypeGroup, Event
from organizations.models import Organization
from venues.models import District

FIRST_YEAR, LAST_YEAR = 2000, 2100
LONGEST_PERIOD = datetime.timedelta(days=3653)  # ten years


def may_see_figures(user):
    """Moderators and administrators."""
    return user.is_active and user.is_staff and user.has_perm("events.publish_event")


class FiguresForm(forms.Form):
    """The period (a year, quarter or month of it, or any dates) and the filters."""

    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", gettext_lazy("whole year")),
            (1, gettext_lazy("1st quarter")),
            (2, gettext_lazy("2nd quarter")),
            (3, gettext_lazy("3rd quarter")),
            (4, gettext_lazy("4th quarter")),
        ],
    )
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *MONTHS.items()],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "Any period: give both dates. They take precedence over the year."
        ),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    group = forms.ChoiceField(label=gettext_lazy("Activity-type group"), required=False)
    activity_type = forms.ChoiceField(
        label=gettext_lazy("Activity type"), required=False
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    organization = forms.ChoiceField(label=gettext_lazy("Organization"), required=False)

    def __init__(self, data=None, *, today=None):
        self.today = today or timezone.localdate()
        # Without parameters: this year, as if asked for.
        super().__init__(data or {"year": str(self.today.year)})
        everything = ("", _("all"))
        self.fields["district"].choices = [
            everything,
            *District.objects.values_list("slug", "name"),
            (OUTSIDE_REGION, _("outside the region")),
        ]
        self.fields["group"].choices = [
            everything,
            *ActivityTypeGroup.objects.values_list("slug", "name"),
        ]
        self.fields["activity_type"].choices = [
            everything,
            *(
                (activity_type.code, str(activity_type))
                for activity_type in ActivityType.objects.all()
            ),
        ]
        self.fields["kind"].choices = [everything, *Event.Kind.choices]
        self.fields["organization"].choices = [
            everything,
            *(
                (organization.slug, str(organization))
                for organization in Organization.objects.all()
            ),
        ]

    def clean_date_from(self):
        return self.clean_day("date_from")

    def clean_date_to(self):
        return self.clean_day("date_to")

    def clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a day from %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return day

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first, last = data.get("date_from"), data.get("date_to")
        if first or last:
            if not first:
                self.add_error("date_from", _("Give the first day of the period too."))
            elif not last:
                self.add_error("date_to", _("Give the last day of the period too."))
            elif last < first:
                self.add_error("date_to", _("The period cannot end before it starts."))
            elif last - first > LONGEST_PERIOD:
                self.add_error("date_to", _("A period can be at most ten years long."))
            else:
                data["period"] = first, last
            return data
        year = data.get("year") or self.today.year
        quarter, month = data.get("quarter"), data.get("month")
        if quarter and month:
            self.add_error("month", _("Choose a quarter or a month, not both."))
            return data
        first_month, months = 1, 12
        if quarter:
            first_month, months = quarter * 3 - 2, 3
        elif month:
            first_month, months = month, 1
        first = datetime.date(year, first_month, 1)
        after = datetime.date(
            year + (first_month + months - 1) // 12,
            (first_month + months - 1) % 12 + 1,
            1,
        )
        data["period"] = first, after - datetime.timedelta(days=1)
        return data

    PERIOD_FIELDS = ("year", "quarter", "month", "date_from", "date_to")

    def period_fields(self):
        return [self[name] for name in self.PERIOD_FIELDS]

    def filter_fields(self):
        return [
            self[name]
            for name in ("district", "group", "activity_type", "kind", "organization")
        ]

    @property
    def period(self):
        return self.cleaned_data["period"]

    @property
    def filters(self):
        return {
            name: self.cleaned_data[name]
            for name in FILTER_PARAMETERS
            if self.cleaned_data.get(name)
        }

    def query(self):
        """The form's values as a query string, for the download links."""
        return urlencode(
            {
                name: value
                for name, value in self.data.items()
                if name in self.fields and value not in ("", None)
            }
        )


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


def _figures_page(request):
    if not may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresForm(request.GET)
    figures = charts = None
    if form.is_valid():
        start, end = form.period
        figures = figures_for(start=start, end=end, filters=form.filters)
        charts = month_charts(figures)
    return TemplateResponse(
        request,
        "admin/figures.html",
        {
            **admin.site.each_context(request),
            "title": _("Figures"),
            "form": form,
            "figures": figures,
            "charts": charts,
            "download_query": form.query() if figures else "",
        },
    )


def export_tables(figures):
    """The figures as (sheet name, title, header, rows), for XLSX and CSV alike."""
    current, previous = figures.current, figures.previous
    this_period, previous_period = _("This period"), _("Previous period")
    change = pgettext("compared with the previous period", "Change")
    percent = _("Change, %")

    def compared(changes):
        return [
            [c.label, c.current, c.previous, c.difference, c.percent] for c in changes
        ]

    period_rows = [
        [this_period, current.start, current.end],
        [previous_period, previous.start, previous.end],
        *([label, value, None] for label, value in figures.filters),
    ]
    groups = [column.label for column in figures.columns]

    def table(measure):
        return [
            [
                row.label,
                *(getattr(cell, measure) for cell in row.cells),
                getattr(row.total, measure),
                getattr(row.previous_total, measure),
                getattr(row.total, measure) - getattr(row.previous_total, measure),
            ]
            for row in figures.table()
        ]

    table_header = [_("District"), *groups, _("Total"), previous_period, change]
    return [
        (_("Period"), _("Figures"), ["", _("From"), _("To")], period_rows),
        (
            _("Totals"),
            _("Totals"),
            ["", this_period, previous_period, change, percent],
            compared(figures.totals()),
        ),
        (
            _("Kinds"),
            _("Events by kind"),
            [_("Kind"), this_period, previous_period, change, percent],
            compared(figures.kinds()),
        ),
        (
            _("Events by district"),
            _("Events by district and activity-type group"),
            table_header,
            table("events"),
        ),
        (
            _("Guests by district"),
            _("Guests by district and activity-type group"),
            table_header,
            table("guests"),
        ),
        (
            _("Months"),
            _("Events and guests by month"),
            [
                _("Month"),
                _("Events"),
                _("Guests"),
                _("Month of the previous period"),
                _("Events"),
                _("Guests"),
            ],
            [
                month_cells(row.current) + month_cells(row.previous)
                for row in figures.months()
            ],
        ),
        (
            _("Countries"),
            _("Countries represented at international events"),
            [_("Country"), _("Code"), this_period, previous_period],
            [
                [row.name, row.code, row.events, row.previous_events]
                for row in figures.countries()
            ],
        ),
    ]


def month_cells(month):
    if month is None:
        return [None, None, None]
    return [month.label, month.events, month.guests]


def download_name(figures, extension):
    return f"figures-{figures.current.start}-{figures.current.end}.{extension}"


def as_csv(figures):
    """UTF-8 with a BOM, so Excel reads Cyrillic and Kazakh letters right."""
    text = io.StringIO()
    writer = csv.writer(text)
    for _sheet, title, header, rows in export_tables(figures):
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(
            ["" if value is None else value for value in row] for row in rows
        )
        writer.writerow([])
    response = HttpResponse(
        "\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{download_name(figures, "csv")}"'
    )
    return response


def as_xlsx(figures):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, title, header, rows in export_tables(figures):
        # Excel's limits: 31 characters, none of []:*?/\ in a sheet name.
        name = "".join(c for c in str(sheet_name) if c not in "[]:*?/\\")[:31]
        sheet = workbook.create_sheet(name)
        sheet.append([title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B3"
    content = io.BytesIO()
    workbook.save(content)
    response = HttpResponse(
        content.getvalue(),
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{download_name(figures, "xlsx")}"'
    )
    return response


def _figures_download(request, file_format):
    if not may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresForm(request.GET)
    if not form.is_valid():
        problems = "\n".join(
            f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        return HttpResponse(
            problems, status=400, content_type="text/plain; charset=utf-8"
        )
    start, end = form.period
    figures = figures_for(start=start, end=end, filters=form.filters)
    return as_xlsx(figures) if file_format == "xlsx" else as_csv(figures)


# The admin's wrapper: anonymous and non-staff users go to its login page.
figures_page = admin.site.admin_view(_figures_page)
figures_download = admin.site.admin_view(_figures_download)

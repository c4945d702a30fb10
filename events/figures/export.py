"""The figures as spreadsheets: XLSX and CSV from the same tables."""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


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
                *(
                    month_cells(row.current) + month_cells(row.previous)
                    for row in figures.months()
                ),
                *year_only_cells(figures.year_only()),
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


def year_only_cells(row):
    """The months' last row, of the events dated only by their year (if any)."""
    if row is None:
        return []
    return [
        [
            row.label,
            row.current.events,
            row.current.guests,
            row.label,
            row.previous.events,
            row.previous.guests,
        ]
    ]


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

"""Importing events from a CSV file or an iCalendar (.ics) file.

Importing is two steps: `import_plan()` reads the file and says, row by row,
what would be created or updated and what is wrong, saving nothing;
`events_import()` saves a plan's rows that have no errors. A second import of
the same file finds the events again (by slug in a CSV file, by UID in an .ics
file) and creates nothing new.

The readers (csv_file.py, ics_file.py) turn a file into PlannedRows
(rows.py); plan.py matches each row to its event, checks it and saves it.
"""

from events.imports.csv_file import CSV_HEADER, csv_columns_help, csv_template
from events.imports.plan import CSV, ICS, events_import, import_plan, match_row
from events.imports.rows import MAX_ROWS, PlannedRow

__all__ = [
    "CSV",
    "CSV_HEADER",
    "ICS",
    "MAX_ROWS",
    "PlannedRow",
    "csv_columns_help",
    "csv_template",
    "events_import",
    "import_plan",
    "match_row",
]

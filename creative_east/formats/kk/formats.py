# Kazakh date and time formats, which Django does not ship: without them kk
# falls back to the American defaults ("Oct. 8, 2025, 7 p.m.").
# Dates are day, month, year with the month in lower case ("8 қазан 2025": the
# "E" format takes the "alt. month" names of admin_locale/kk); times are 24-hour.
# Russian needs no module of ours: Django's is already 24-hour.
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first of each list is how the admin's widgets show a value: ISO, as the
# event form's help text asks for, and with seconds, so that saving a form
# keeps a time such as 23:59:59 whole; day.month.year is accepted too.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2025-10-08'
    "%d.%m.%Y",  # '08.10.2025'
    "%d.%m.%y",  # '08.10.25'
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # '19:00:59'
    "%H:%M:%S.%f",  # '19:00:59.000200'
    "%H:%M",  # '19:00'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # '2025-10-08 19:00:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2025-10-08 19:00:59.000200'
    "%Y-%m-%d %H:%M",  # '2025-10-08 19:00'
    "%d.%m.%Y %H:%M:%S",  # '08.10.2025 19:00:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '08.10.2025 19:00:59.000200'
    "%d.%m.%Y %H:%M",  # '08.10.2025 19:00'
    "%d.%m.%y %H:%M",  # '08.10.25 19:00'
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3

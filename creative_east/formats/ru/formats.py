# Only what differs from Django's Russian formats, which are read after these:
# a day and month in a date, as the admin's date hierarchy shows them, takes the
# genitive ("8 октября"), not the nominative ("8 Октябрь").
MONTH_DAY_FORMAT = "j E"

"""The iCalendar reader: each VEVENT as a row, found again by its UID.

Its texts go into the language the import page names; its LOCATION is matched
to a venue by name, in any language.
"""

import datetime

import icalendar
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from events.imports.rows import MAX_ROWS, TEXTS, PlannedRow, too_many_rows
from events.models import Event
from venues.models import Venue


def ics_rows(content, *, language):
    """PlannedRows of the VEVENTs of an iCalendar file; raises ValidationError."""
    try:
        calendar = icalendar.Calendar.from_ical(content)
    except Exception:  # icalendar raises ValueError and others on bad input.
        raise ValidationError(
            _("This is not an iCalendar (.ics) file that can be read.")
        ) from None
    rows = []
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        if number > MAX_ROWS:
            raise too_many_rows()
        uid = str(component.get("UID", "")).strip()
        row = PlannedRow(number=number, key=uid, values={})
        values = row.values
        if not uid:
            row.errors.append(_("UID: the entry has no UID, so it cannot be matched."))
        values.update(dict.fromkeys(get_translation_fields(*TEXTS), ""))
        title = build_localized_fieldname("title", language)
        values[title] = str(component.get("SUMMARY", "")).strip()
        values[build_localized_fieldname("description", language)] = str(
            component.get("DESCRIPTION", "")
        ).strip()
        if not values[title]:
            row.errors.append(_("SUMMARY: the entry has no title."))
        try:
            starts = component.decoded("DTSTART")
            ends = component.decoded("DTEND") if "DTEND" in component else None
        except Exception:  # A date icalendar cannot read.
            starts = ends = None
        if not isinstance(starts, datetime.date):
            row.errors.append(_("DTSTART: the entry has no start that can be read."))
        elif isinstance(starts, datetime.datetime):
            values["starts_at"] = localize(starts)
            values["date_precision"] = Event.DatePrecision.TIME
            values["ends_at"] = (
                localize(ends) if isinstance(ends, datetime.datetime) else None
            )
        else:
            values["starts_at"] = localize(starts)
            values["date_precision"] = Event.DatePrecision.DAY
            if isinstance(ends, datetime.datetime):
                ends = ends.date()
            # An all-day entry ends the day before its DTEND.
            last = (ends - datetime.timedelta(days=1)) if ends else starts
            values["ends_at"] = localize(last) if last > starts else None
        location = str(component.get("LOCATION", "")).strip()
        values["venue"] = find_venue(location) if location else None
        rows.append(row)
    return rows


def localize(moment):
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time())
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return timezone.localtime(moment)


def find_venue(name):
    for column in get_translation_fields("name"):
        venue = Venue.objects.filter(**{f"{column}__iexact": name}).first()
        if venue:
            return venue
    return None

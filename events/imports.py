"""Importing events from a CSV file or an iCalendar (.ics) file.

Importing is two steps: `import_plan()` reads the file and says, row by row,
what would be created or updated and what is wrong, saving nothing;
`events_import()` saves a plan's rows that have no errors. A second import of
the same file finds the events again (by slug in a CSV file, by UID in an .ics
file) and creates nothing new.
"""

import csv
import dataclasses
import datetime
import io

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from backoffice.history import save_with_reason
from events.models import ActivityType, Event
from venues.models import Venue

CSV = "csv"
ICS = "ics"
MAX_ROWS = 1000
TEXTS = ["title", "summary", "description"]

# The CSV columns, in the template's order, each with what goes in it (shown
# on the import page).
CSV_COLUMNS = [
    (
        "slug",
        gettext_lazy(
            "Required. The event's address on the site, in Latin letters, digits "
            "and hyphens (aitys-2025). A second import finds the event by it."
        ),
    ),
    *[
        (
            build_localized_fieldname(name, code),
            gettext_lazy("Title in %(language)s; at least one title is required.")
            if name == "title"
            else gettext_lazy("Optional, in %(language)s."),
        )
        for name in TEXTS
        for code in AVAILABLE_LANGUAGES
    ],
    (
        "kind",
        gettext_lazy("Required. One of: %(kinds)s."),
    ),
    (
        "starts_at",
        gettext_lazy(
            "Required. Local time as 2025-03-21 19:00, or a date only as 2025-03-21."
        ),
    ),
    ("ends_at", gettext_lazy("Optional, as starts_at.")),
    ("venue", gettext_lazy("Optional. The venue's slug, as in its address.")),
    ("online_url", gettext_lazy("Optional. The stream or video-call address.")),
    (
        "activity_types",
        gettext_lazy("Optional. OKED codes separated by «;», e.g. 90.01;90.02."),
    ),
    ("price_from", gettext_lazy("Optional. Lowest price in tenge, digits only.")),
    ("price_to", gettext_lazy("Optional. Highest price in tenge, digits only.")),
    ("ticket_url", gettext_lazy("Optional. Where tickets are sold.")),
]
CSV_HEADER = [name for name, _help in CSV_COLUMNS]


def csv_columns_help():
    """(column, what goes in it) for the import page."""
    language_names = dict(settings.LANGUAGES)
    rows = []
    for name, help_text in CSV_COLUMNS:
        language = language_names.get(name.rsplit("_", 1)[-1], "")
        rows.append(
            (
                name,
                str(help_text)
                % {
                    "language": str(language),
                    "kinds": ", ".join(Event.Kind.values),
                },
            )
        )
    return rows


def csv_template():
    """The CSV template: the header and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    example = dict.fromkeys(CSV_HEADER, "")
    example.update(
        slug="aitys-2025",
        title_ru="Айтыс акынов",
        title_kk="Ақындар айтысы",
        summary_ru="Состязание акынов-импровизаторов.",
        kind="contest",
        starts_at="2025-03-21 15:00",
        ends_at="2025-03-21 18:00",
        activity_types="90.01",
    )
    writer.writerow([example[name] for name in CSV_HEADER])
    return buffer.getvalue()


@dataclasses.dataclass
class PlannedRow:
    """One row of an import: what it would do, or why it cannot."""

    number: int
    key: str
    values: dict
    activity_types: list | None = None
    errors: list = dataclasses.field(default_factory=list)
    action: str = ""  # "create", "update" or "unchanged"
    event: Event | None = None

    @property
    def title(self):
        titles = (self.values.get(name) for name in get_translation_fields("title"))
        return next(filter(None, titles), "")


def parse_local(text):
    """(aware datetime, is date only) from 2025-03-21 19:00 or 2025-03-21."""
    text = text.strip()
    for pattern, date_only in (("%Y-%m-%d %H:%M", False), ("%Y-%m-%d", True)):
        try:
            moment = datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return timezone.make_aware(moment), date_only
    raise ValueError(text)


def csv_rows(content):
    """(row number, {column: value}) of a CSV text; raises ValidationError."""
    try:
        return read_csv(content)
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read (%(error)s); start from the template.")
            % {"error": error}
        ) from None


def read_csv(content):
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = [(name or "").strip() for name in reader.fieldnames or []]
    missing = [name for name in ("slug", "kind", "starts_at") if name not in header]
    if missing:
        raise ValidationError(
            _("The file lacks the columns %(columns)s; start from the template.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    rows = []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise ValidationError(
                _("Import at most %(count)d events at a time.") % {"count": MAX_ROWS}
            )
        values = {k: (v or "").strip() for k, v in row.items() if k in CSV_HEADER}
        if any(values.values()):
            rows.append((number, values))
    return rows


def plan_csv_row(number, raw):
    row = PlannedRow(number=number, key=raw.get("slug", ""), values={})
    values = row.values
    try:
        validate_slug(row.key)
    except ValidationError:
        row.errors.append(
            _("slug: give it in Latin letters, digits and hyphens (aitys-2025).")
        )
    if len(row.key) > 120:
        row.errors.append(_("slug: at most 120 characters."))
    for column in get_translation_fields(*TEXTS):
        values[column] = raw.get(column, "")
    if not any(values[column] for column in get_translation_fields("title")):
        row.errors.append(_("title: give the title in at least one language."))
    values["kind"] = raw.get("kind", "")
    if values["kind"] not in Event.Kind.values:
        row.errors.append(
            _("kind: «%(kind)s» is not one of %(kinds)s.")
            % {"kind": values["kind"], "kinds": ", ".join(Event.Kind.values)}
        )
    for name in ("starts_at", "ends_at"):
        text = raw.get(name, "")
        if not text:
            values[name] = None
            if name == "starts_at":
                row.errors.append(_("starts_at: the start is required."))
            continue
        try:
            values[name], date_only = parse_local(text)
        except ValueError:
            row.errors.append(
                _("%(column)s: «%(value)s» is not a date like 2025-03-21 19:00.")
                % {"column": name, "value": text}
            )
            continue
        if name == "starts_at":
            values["date_precision"] = (
                Event.DatePrecision.DAY if date_only else Event.DatePrecision.TIME
            )
    venue_slug = raw.get("venue", "")
    values["venue"] = None
    if venue_slug:
        values["venue"] = Venue.objects.filter(slug=venue_slug).first()
        if values["venue"] is None:
            row.errors.append(
                _("venue: no venue has the slug «%(slug)s».") % {"slug": venue_slug}
            )
    values["online_url"] = raw.get("online_url", "")
    values["ticket_url"] = raw.get("ticket_url", "")
    for name in ("price_from", "price_to"):
        text = raw.get(name, "")
        values[name] = None
        if text:
            if text.isdigit():
                values[name] = int(text)
            else:
                row.errors.append(
                    _("%(column)s: «%(value)s» is not a whole number of tenge.")
                    % {"column": name, "value": text}
                )
    codes = [
        code.strip()
        for code in raw.get("activity_types", "").replace(",", ";").split(";")
        if code.strip()
    ]
    found = {t.code: t for t in ActivityType.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        row.errors.append(
            _("activity_types: no activity type has the code %(codes)s.")
            % {"codes": ", ".join(f"«{code}»" for code in unknown)}
        )
    row.activity_types = [found[code] for code in codes if code in found]
    return row


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
            raise ValidationError(
                _("Import at most %(count)d events at a time.") % {"count": MAX_ROWS}
            )
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


def import_plan(*, content, file_format, organization, language="ru"):
    """What importing `content` for `organization` would do, row by row.

    Raises ValidationError when the file as a whole cannot be read.
    """
    if file_format == CSV:
        rows = [plan_csv_row(number, raw) for number, raw in csv_rows(content)]
    else:
        rows = ics_rows(content, language=language)
    seen = set()
    for row in rows:
        if row.key and row.key in seen:
            row.errors.append(_("The same event is in the file twice."))
        seen.add(row.key)
        match_row(
            row,
            file_format=file_format,
            organization=organization,
            planned_slugs={r.event.slug for r in rows if r.event is not None},
        )
    return rows


def match_row(row, *, file_format, organization, planned_slugs=()):
    """Find the event `row` updates, decide its action and check the result."""
    lookup = {"slug": row.key} if file_format == CSV else {"import_uid": row.key}
    existing = Event.objects.filter(**lookup).first() if row.key else None
    if (
        existing is not None
        and not existing.organizers.filter(pk=organization.pk).exists()
    ):
        # Said without naming whose it is: it may be another organization's draft.
        message = (
            _("The slug «%(key)s» is taken: give this row another slug.")
            if file_format == CSV
            else _("The calendar entry «%(key)s» cannot be imported: its UID is taken.")
        )
        row.errors.append(message % {"key": row.key})
        return
    if row.errors:
        return
    if existing is None:
        row.action = "create"
        event = Event(publication_status=Event.PublicationStatus.DRAFT)
        if file_format == CSV:
            event.slug = row.key
        else:
            event.import_uid = row.key
            event.kind = Event.Kind.OTHER
            event.slug = Event.objects.free_slug(
                slugify(row.title)
                or f"event-{timezone.localdate(row.values['starts_at']).isoformat()}",
                also_taken=planned_slugs,
            )
    else:
        event = existing
        changed = any(
            (getattr(event, name) or None) != (value or None)
            for name, value in row.values.items()
        )
        if row.activity_types is not None:
            changed = changed or set(row.activity_types) != set(
                event.activity_types.all()
            )
        row.action = "update" if changed else "unchanged"
    for name, value in row.values.items():
        setattr(event, name, value)
    try:
        event.full_clean()
    except ValidationError as error:
        row.action = ""
        for field, messages in error.message_dict.items():
            for message in messages:
                row.errors.append(
                    message if field == "__all__" else f"{field}: {message}"
                )
        return
    row.event = event


def events_import(*, rows, organization, user):
    """Save the planned rows without errors; return {action: count}."""
    counts = {"create": 0, "update": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            if row.errors or row.event is None:
                continue
            counts[row.action] += 1
            if row.action == "unchanged":
                continue
            event = row.event
            if row.action == "create":
                event.created_by = user
            save_with_reason(event, gettext_noop("Imported"))
            if row.action == "create":
                event.organizers.set([organization])
            if row.activity_types is not None:
                event.activity_types.set(row.activity_types)
    return counts

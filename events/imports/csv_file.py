"""The CSV reader: its columns, the template, and each row's values checked.

A row names its event by slug; its venue by slug and its activity types by
OKED code. What cannot be read is said on the row, column first.
"""

import csv
import datetime
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from events.imports.rows import MAX_ROWS, TEXTS, PlannedRow, too_many_rows
from events.models import ActivityType, Event
from venues.models import Venue

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
            raise too_many_rows()
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

"""An import's two steps: plan a file's rows (match each to its event and check
it, saving nothing), then save the rows without errors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from backoffice.history import save_with_reason
from events.imports.csv_file import csv_rows, plan_csv_row
from events.imports.ics_file import ics_rows
from events.models import Event

CSV = "csv"
ICS = "ics"


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

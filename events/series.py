"""Repeated events: a course or a regular show and its dates.

The event repeated is the series and its first date; each later date is an
event of its own (`Event.series`), a draft until published, editable alone. Saving the
series copies its texts to the dates that still follow it (`Event.follows_series`).
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from modeltranslation.utils import get_translation_fields

from backoffice.history import save_with_reason
from events.models import Event

WEEKLY = "weekly"
MONTHLY = "monthly"
MAX_OCCURRENCES = 200
# What a date takes from its series, as long as it follows it.
SERIES_TEXTS = ["title", "summary", "description"]
# What a new date copies from the series besides the texts.
COPIED_FIELDS = [
    "kind",
    "date_precision",
    "venue",
    "online_url",
    "is_free",
    "price_from",
    "price_to",
    "ticket_url",
    "age_rating",
    "parent",
]


def series_text_fields():
    """The model fields of SERIES_TEXTS in every language (title_kk, ...)."""
    return get_translation_fields(*SERIES_TEXTS)


def add_months(day, months, *, on_day):
    """`day` moved `months` ahead, on day `on_day` or the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(on_day, calendar.monthrange(year, month)[1]))


def repeat_dates(*, first, frequency, until):
    """The dates after `first` up to `until` (inclusive): every week, or every
    month on the same day (the last day of a shorter month)."""
    dates = []
    step = 1
    while True:
        if frequency == WEEKLY:
            day = first + datetime.timedelta(weeks=step)
        else:
            day = add_months(first, step, on_day=first.day)
        if day > until:
            return dates
        dates.append(day)
        step += 1
        if len(dates) > MAX_OCCURRENCES:
            return dates


def event_repeat(*, event, frequency, until, user=None):
    """Create `event`'s dates after its own up to `until`, as drafts of its series.

    A date the series already has is skipped. Returns the new events.
    """
    if event.series_id:
        raise ValidationError(
            _("This event is one date of a series: repeat the series instead.")
        )
    starts = timezone.localtime(event.starts_at)
    dates = repeat_dates(first=starts.date(), frequency=frequency, until=until)
    if not dates:
        raise ValidationError(
            _("Choose a date after the event's own date, %(date)s.")
            % {"date": starts.date().isoformat()}
        )
    if len(dates) > MAX_OCCURRENCES:
        raise ValidationError(
            _("That makes more than %(count)d dates; choose an earlier end.")
            % {"count": MAX_OCCURRENCES}
        )
    duration = event.ends_at - event.starts_at if event.ends_at else None
    existing = {
        timezone.localtime(starts_at).date()
        for starts_at in event.occurrences.values_list("starts_at", flat=True)
    }
    organizers = list(event.organizers.all())
    activity_types = list(event.activity_types.all())
    created = []
    with transaction.atomic():
        for day in dates:
            if day in existing:
                continue
            occurrence_starts = timezone.make_aware(
                datetime.datetime.combine(day, starts.time().replace(tzinfo=None))
            )
            occurrence = Event(
                series=event,
                slug=Event.objects.free_slug(f"{event.slug}-{day.isoformat()}"),
                starts_at=occurrence_starts,
                ends_at=occurrence_starts + duration if duration else None,
                publication_status=Event.PublicationStatus.DRAFT,
                created_by=user,
            )
            for name in [*series_text_fields(), *COPIED_FIELDS]:
                setattr(occurrence, name, getattr(event, name))
            save_with_reason(occurrence, gettext_noop("Made as a date of a series"))
            occurrence.organizers.set(organizers)
            occurrence.activity_types.set(activity_types)
            created.append(occurrence)
    return created


def series_update_occurrences(*, series):
    """Copy the series' texts to its dates that still follow it; return how many."""
    names = series_text_fields()
    updated = 0
    for occurrence in series.occurrences.filter(follows_series=True):
        if all(getattr(occurrence, n) == getattr(series, n) for n in names):
            continue
        for name in names:
            setattr(occurrence, name, getattr(series, name))
        save_with_reason(occurrence, gettext_noop("Texts copied from its series"))
        updated += 1
    return updated

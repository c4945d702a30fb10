"""Small builders of test data with readable defaults; override any field."""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from backoffice.roles import MODERATORS, ORGANIZATION_EDITORS
from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import District, Venue

_numbers = itertools.count(1)


def local(year, month, day, hour=0, minute=0):
    """An aware datetime in the site's time zone (Asia/Almaty)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def make_venue(**overrides):
    number = next(_numbers)
    values = {
        "name": f"Venue {number}",
        "slug": f"venue-{number}",
        "district": District.objects.get(slug="oskemen"),
    }
    values.update(overrides)
    return Venue.objects.create(**values)


def make_organization(**overrides):
    number = next(_numbers)
    values = {
        "name": f"Organization {number}",
        "slug": f"organization-{number}",
        "kind": Organization.Kind.LIBRARY,
    }
    values.update(overrides)
    return Organization.objects.create(**values)


def make_event(*, activity_types=("90.01",), organizers=(), **overrides):
    """A published concert tomorrow at 19:00 at a new venue, unless overridden."""
    number = next(_numbers)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    values = {
        "title": f"Event {number}",
        "slug": f"event-{number}",
        "kind": Event.Kind.CONCERT,
        "starts_at": local(tomorrow.year, tomorrow.month, tomorrow.day, 19),
        "publication_status": Event.PublicationStatus.PUBLISHED,
    }
    if not any(name.startswith("summary") for name in overrides):
        # A published event needs a summary in some language.
        values["summary_ru"] = f"Описание {number}."
    values.update(overrides)
    if "venue" not in values and not values.get("online_url"):
        values["venue"] = make_venue()
    event = Event.objects.create(**values)
    event.activity_types.set(ActivityType.objects.filter(code__in=activity_types))
    event.organizers.set(organizers)
    Event.objects.filter(pk=event.pk).refresh_search()
    event.refresh_from_db()
    return event


def make_user(*, username=None, is_superuser=False):
    username = username or f"user{next(_numbers)}"
    return User.objects.create_user(
        username=username,
        password="a long test password",
        is_staff=True,
        is_superuser=is_superuser,
    )


def make_moderator(**overrides):
    user = make_user(**overrides)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def make_editor(*organizations, **overrides):
    """An organization editor for the given organizations."""
    user = make_user(**overrides)
    user.groups.add(Group.objects.get(name=ORGANIZATION_EDITORS))
    for organization in organizations:
        organization.editors.add(user)
    return user


def event_form_data(*, organizers=(), **overrides):
    """What the admin's event form posts, with a complete valid event.

    A copy of tests/events/test_admin.py's, for the modules that may not import
    from another test module.
    """
    data = {
        "title_ru": "Айтыс акынов",
        "title_kk": "Ақындар айтысы",
        "title_en": "",
        "slug": "aitys",
        "summary_ru": "",
        "summary_kk": "",
        "summary_en": "",
        "description_ru": "",
        "description_kk": "",
        "description_en": "",
        "kind": "contest",
        "activity_types": [],
        "date_precision": "time",
        "starts_at_0": "2025-03-21",
        "starts_at_1": "15:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "previous_starts_at_0": "",
        "previous_starts_at_1": "",
        "venue": "",
        "online_url": "",
        "event_organizers-TOTAL_FORMS": "0",
        "event_organizers-INITIAL_FORMS": "0",
        "event_organizers-MIN_NUM_FORMS": "0",
        "event_organizers-MAX_NUM_FORMS": "1000",
        "parent": "",
        "price_from": "",
        "price_to": "",
        "ticket_url": "",
        "age_rating": "",
        "publication_status": "draft",
        "event_status": "scheduled",
        "guests": "",
        "participants": "",
        "participating_countries": [],
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    for index, organization in enumerate(organizers):
        data[f"event_organizers-{index}-organization"] = organization.pk
    data["event_organizers-TOTAL_FORMS"] = str(len(organizers))
    data.update(overrides)
    return data


def change_form_data(event, **overrides):
    """What the change form of the saved `event` posts back unchanged, plus overrides."""
    rows = list(event.event_organizers.all())
    data = event_form_data(
        title_ru=event.title_ru or "",
        title_kk=event.title_kk or "",
        title_en=event.title_en or "",
        slug=event.slug,
        summary_ru=event.summary_ru or "",
        summary_kk=event.summary_kk or "",
        summary_en=event.summary_en or "",
        kind=event.kind,
        activity_types=[t.pk for t in event.activity_types.all()],
        date_precision=event.date_precision,
        starts_at_0=timezone.localtime(event.starts_at).date().isoformat(),
        starts_at_1=timezone.localtime(event.starts_at).strftime("%H:%M"),
        venue=event.venue_id or "",
        online_url=event.online_url,
        publication_status=event.publication_status,
        event_status=event.event_status,
        moderator_comment=event.moderator_comment,
    )
    data["event_organizers-TOTAL_FORMS"] = str(len(rows))
    data["event_organizers-INITIAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        data[f"event_organizers-{index}-id"] = row.pk
        data[f"event_organizers-{index}-event"] = event.pk
        data[f"event_organizers-{index}-organization"] = row.organization_id
    data.update(overrides)
    return data

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event
from tests.factories import local, make_event

pytestmark = pytest.mark.django_db

# Monday 10 March 2025, noon in Ust-Kamenogorsk.
MONDAY_NOON = local(2025, 3, 10, 12)


def test_local_time_is_stored_as_utc_plus_five():
    event = make_event(starts_at=local(2024, 10, 12, 10))

    event.refresh_from_db()

    assert event.starts_at == datetime.datetime(2024, 10, 12, 5, tzinfo=datetime.UTC)
    assert timezone.localtime(event.starts_at).hour == 10


def test_database_refuses_an_event_ending_before_it_starts():
    event = make_event(starts_at=local(2025, 3, 1, 18))
    event.ends_at = local(2025, 3, 1, 17)

    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_validation_reports_an_event_ending_before_it_starts():
    event = make_event(starts_at=local(2025, 3, 1, 18))
    event.ends_at = local(2025, 3, 1, 17)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.messages == ["The event cannot end before it starts."]


def test_an_event_may_end_when_it_starts():
    event = make_event(starts_at=local(2025, 3, 1, 18), ends_at=local(2025, 3, 1, 18))

    event.full_clean()


@pytest.mark.parametrize("field", ["guests", "participants", "price_from"])
def test_database_refuses_negative_counts(field):
    event = make_event()
    setattr(event, field, -1)

    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_database_refuses_a_duplicate_slug():
    make_event(slug="shygys-salburyny")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(slug="shygys-salburyny")


def test_database_refuses_a_price_for_a_free_event():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(is_free=True, price_from=1000)


def test_published_event_without_venue_or_link_is_refused_on_the_venue_field():
    event = make_event(online_url="https://example.org/stream")
    event.online_url = ""

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict == {
        "venue": ["A published event needs a venue or an online link."]
    }


def test_draft_without_venue_is_allowed():
    event = make_event(
        online_url="https://example.org/stream",
        publication_status=Event.PublicationStatus.DRAFT,
    )
    event.online_url = ""

    event.full_clean()


def test_publication_problems_name_the_missing_activity_type():
    event = make_event(activity_types=())

    problems = event.publication_problems(
        activity_types=list(event.activity_types.all())
    )

    assert problems == {
        "activity_types": "A published event needs at least one activity type."
    }


def test_publishing_records_when():
    event = make_event(publication_status=Event.PublicationStatus.DRAFT)
    assert event.published_at is None

    event.publication_status = Event.PublicationStatus.PUBLISHED
    event.save()

    assert event.published_at is not None


def test_published_excludes_drafts_and_events_in_review():
    published = make_event(title="Published")
    make_event(title="Draft", publication_status=Event.PublicationStatus.DRAFT)
    make_event(title="In review", publication_status=Event.PublicationStatus.REVIEW)
    cancelled = make_event(title="Cancelled", event_status=Event.EventStatus.CANCELLED)

    assert list(Event.objects.published()) == [published, cancelled]


def test_upcoming_and_past_split_at_the_end_of_an_event():
    ended = make_event(starts_at=local(2025, 3, 10, 9), ends_at=local(2025, 3, 10, 11))
    running = make_event(
        starts_at=local(2025, 3, 10, 11), ends_at=local(2025, 3, 10, 13)
    )
    later = make_event(starts_at=local(2025, 3, 11, 19))

    assert list(Event.objects.upcoming(now=MONDAY_NOON)) == [running, later]
    assert list(Event.objects.past(now=MONDAY_NOON)) == [ended]


def test_a_long_event_begun_months_ago_is_upcoming_and_overlaps_each_period():
    """The lower bound on the start that lets the index serve these queries
    (events.models.querysets.earliest_start_going_on) must keep a long exhibition."""
    exhibition = make_event(
        starts_at=local(2024, 12, 1, 10), ends_at=local(2025, 4, 30, 18)
    )
    ended_this_morning = make_event(
        starts_at=local(2024, 11, 1, 10), ends_at=local(2025, 3, 10, 11)
    )
    today_without_end = make_event(starts_at=local(2025, 3, 10, 9))
    concert = make_event(starts_at=local(2025, 3, 20, 19))

    assert list(Event.objects.upcoming(now=MONDAY_NOON)) == [
        exhibition,
        today_without_end,
        concert,
    ]
    assert list(
        Event.objects.overlapping(local(2025, 4, 1), local(2025, 4, 7, 23, 59))
    ) == [exhibition]
    assert list(
        Event.objects.overlapping(local(2025, 3, 10), local(2025, 3, 10, 23, 59))
    ) == [ended_this_morning, exhibition, today_without_end]


def test_past_events_are_those_over_latest_first():
    long_ago = make_event(
        starts_at=local(2024, 11, 1, 10), ends_at=local(2025, 3, 10, 11)
    )
    yesterday = make_event(starts_at=local(2025, 3, 9, 19))
    make_event(starts_at=local(2025, 3, 10, 9))  # lasts all today
    make_event(starts_at=local(2024, 12, 1, 10), ends_at=local(2025, 4, 30, 18))

    assert list(Event.objects.past(now=MONDAY_NOON)) == [yesterday, long_ago]


def test_event_without_end_stays_upcoming_until_its_day_is_over():
    event = make_event(starts_at=local(2025, 3, 10, 9))

    assert list(Event.objects.upcoming(now=local(2025, 3, 10, 23, 59))) == [event]
    assert list(Event.objects.past(now=local(2025, 3, 10, 23, 59))) == []
    assert list(Event.objects.upcoming(now=local(2025, 3, 11, 0, 0))) == []
    assert list(Event.objects.past(now=local(2025, 3, 11, 0, 0))) == [event]

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.factories import admin_dashboard, in_days, make_event

pytestmark = pytest.mark.django_db

EventStatus = Event.EventStatus


@pytest.fixture
def events():
    """One event of each kind the attendance filter must tell apart."""
    return {
        "missing": make_event(title="Missing", starts_at=in_days(-3)),
        "missing_no_end": make_event(title="Missing, no end", starts_at=in_days(-1)),
        "recorded": make_event(title="Recorded", starts_at=in_days(-3), guests=250),
        "zero_guests": make_event(title="Nobody came", starts_at=in_days(-4), guests=0),
        "cancelled": make_event(
            title="Cancelled", starts_at=in_days(-3), event_status=EventStatus.CANCELLED
        ),
        "postponed": make_event(
            title="Postponed", starts_at=in_days(-3), event_status=EventStatus.POSTPONED
        ),
        "draft": make_event(
            title="Draft",
            starts_at=in_days(-3),
            publication_status=Event.PublicationStatus.DRAFT,
        ),
        "today": make_event(title="Today", starts_at=in_days(0, hour=0)),
        "upcoming": make_event(title="Upcoming"),
    }


def test_the_filter_lists_ended_published_events_without_guests(
    client, events, moderator
):
    client.force_login(moderator)

    response = client.get(
        reverse("admin:events_event_changelist"), {"attendance": "not-recorded"}
    )

    assert [event.title for event in response.context["cl"].result_list] == [
        "Missing, no end",
        "Missing",
    ]


def test_an_event_with_an_end_is_over_once_it_ends(events):
    now = timezone.now()
    ending = make_event(
        title="Ending", starts_at=now - datetime.timedelta(hours=3), ends_at=now
    )

    before = Event.objects.attendance_not_recorded(now=now)
    after = Event.objects.attendance_not_recorded(
        now=now + datetime.timedelta(seconds=1)
    )

    assert ending not in before
    assert ending in after


def test_the_filter_is_offered_in_the_sidebar(client, moderator):
    client.force_login(moderator)

    page = client.get(reverse("admin:events_event_changelist")).content.decode()

    assert "By attendance" in page
    assert "?attendance=not-recorded" in page
    assert "Ended, attendance not recorded" in page


AWAITING_ATTENDANCE = (
    "Ended, attendance not recorded",
    "/admin/events/event/?attendance=not-recorded",
)


def test_the_admin_index_shows_how_many_await_attendance(moderator_client, events):
    dashboard = admin_dashboard(moderator_client)

    assert dashboard["attendance"] == (*AWAITING_ATTENDANCE, 2)


def test_an_editor_counts_only_their_organizations_events(
    client, editor, library, events
):
    make_event(title="Library reading", starts_at=in_days(-2), organizers=[library])
    client.force_login(editor)

    dashboard = admin_dashboard(client)

    assert dashboard["attendance"] == (*AWAITING_ATTENDANCE, 1)


def test_recording_the_guests_takes_the_event_off_the_list(events):
    event = events["missing"]

    event.guests = 120
    event.participants = 12
    event.participating_countries = ["KZ", "MN"]
    event.save()

    assert list(Event.objects.attendance_not_recorded()) == [events["missing_no_end"]]

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from events import workflow
from events.models import Event
from tests.events.test_admin import event_form_data
from tests.factories import (
    local,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
)

pytestmark = pytest.mark.django_db

EventStatus = Event.EventStatus


@pytest.fixture
def moderator():
    return make_moderator()


def in_days(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def action(client, name, events, **extra):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": name, "_selected_action": [event.pk for event in events], **extra},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Cancel


def test_cancelling_keeps_the_event_published_and_its_date(client, moderator):
    event = make_event(starts_at=in_days(3))
    client.force_login(moderator)

    response = action(client, "cancel", [event], apply="yes")

    event.refresh_from_db()
    assert event.event_status == EventStatus.CANCELLED
    assert event.publication_status == Event.PublicationStatus.PUBLISHED
    assert event.starts_at == in_days(3)
    assert messages_of(response) == ["1 event marked as cancelled."]


def test_an_event_that_has_ended_is_not_cancelled(client, moderator):
    event = make_event(title="Aitys", starts_at=in_days(-3))
    client.force_login(moderator)

    response = action(client, "cancel", [event], apply="yes")

    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED
    assert messages_of(response) == [
        "«Aitys» was not cancelled: The event has already ended.",
        "0 events marked as cancelled.",
    ]


# Postpone


def test_postponing_keeps_the_original_start_and_sets_no_new_date(client, moderator):
    event = make_event(starts_at=in_days(3), ends_at=in_days(3, hour=21))
    client.force_login(moderator)

    response = action(client, "postpone", [event], apply="yes")

    event.refresh_from_db()
    assert event.event_status == EventStatus.POSTPONED
    assert event.starts_at == in_days(3)
    assert event.ends_at == in_days(3, hour=21)
    assert event.previous_starts_at is None
    assert messages_of(response) == ["1 event marked as postponed."]


def test_a_cancelled_event_is_not_postponed(moderator):
    event = make_event(event_status=EventStatus.CANCELLED)

    with pytest.raises(ValidationError) as error:
        workflow.postpone_event(event=event, user=moderator)

    assert error.value.messages == [
        "The event is cancelled. If that was a mistake, change its status in the "
        "event's form."
    ]


# Reschedule


def test_reschedule_asks_for_the_new_date_on_a_page_of_its_own(client, moderator):
    event = make_event(starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    page = action(client, "reschedule", [event])

    assert page.templates[0].name == "admin/events/action_form.html"
    form = page.context["form"]
    assert form.initial == {"starts_at": event.starts_at, "ends_at": None}
    content = page.content.decode()
    assert "New start" in content
    assert 'name="starts_at_0" value="2030-05-01"' in content
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


def test_rescheduling_keeps_the_previous_start(client, moderator):
    event = make_event(title="Aitys", starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    response = action(
        client,
        "reschedule",
        [event],
        apply="1",
        starts_at_0="2030-06-15",
        starts_at_1="18:00",
        ends_at_0="2030-06-15",
        ends_at_1="21:00",
    )

    event.refresh_from_db()
    assert event.event_status == EventStatus.RESCHEDULED
    assert event.previous_starts_at == local(2030, 5, 1, 19)
    assert event.starts_at == local(2030, 6, 15, 18)
    assert event.ends_at == local(2030, 6, 15, 21)
    assert messages_of(response) == ["«Aitys» rescheduled; the previous start is kept."]


def test_a_postponed_event_gets_its_new_date_by_rescheduling(moderator):
    event = make_event(starts_at=in_days(-10), event_status=EventStatus.POSTPONED)

    workflow.reschedule_event(
        event=event, user=moderator, starts_at=in_days(20), ends_at=None
    )

    event.refresh_from_db()
    assert event.event_status == EventStatus.RESCHEDULED
    assert event.previous_starts_at == in_days(-10)
    assert event.starts_at == in_days(20)


def test_a_new_end_before_the_new_start_is_refused_on_the_field(client, moderator):
    event = make_event(starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    page = action(
        client,
        "reschedule",
        [event],
        apply="1",
        starts_at_0="2030-06-15",
        starts_at_1="18:00",
        ends_at_0="2030-06-15",
        ends_at_1="17:00",
    )

    assert page.context["form"].errors == {
        "ends_at": ["The event cannot end before it starts."]
    }
    event.refresh_from_db()
    assert event.starts_at == local(2030, 5, 1, 19)


def test_rescheduling_to_the_same_start_is_refused(client, moderator):
    event = make_event(starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    page = action(
        client,
        "reschedule",
        [event],
        apply="1",
        starts_at_0="2030-05-01",
        starts_at_1="19:00",
    )

    assert page.context["form"].errors == {
        "starts_at": ["The new start is the same as the current one."]
    }
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


def test_a_malformed_new_date_is_refused_without_an_error_page(client, moderator):
    event = make_event(starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    page = action(
        client, "reschedule", [event], apply="1", starts_at_0="soon", starts_at_1="x"
    )

    assert page.status_code == 200
    assert page.context["form"].errors["starts_at"] == [
        "Enter a valid date.",
        "Enter a valid time.",
    ]


def test_several_events_are_rescheduled_one_at_a_time(client, moderator):
    events = [make_event(), make_event()]
    client.force_login(moderator)

    response = action(client, "reschedule", events)

    assert messages_of(response) == [
        "Reschedule one event at a time: each has its own new date."
    ]
    assert not Event.objects.filter(event_status=EventStatus.RESCHEDULED).exists()


def test_the_form_refuses_rescheduled_without_a_previous_start(client, moderator):
    event = make_event()
    client.force_login(moderator)

    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_data(
            slug=event.slug,
            venue=event.venue.pk,
            activity_types=[t.pk for t in event.activity_types.all()],
            summary_ru="Описание.",
            publication_status="published",
            event_status="rescheduled",
        ),
    )

    assert response.context["adminform"].form.errors["previous_starts_at"] == [
        "A rescheduled event needs the start it had before."
    ]


# Move online


def test_moving_online_asks_for_the_link(client, moderator):
    event = make_event()
    client.force_login(moderator)

    page = action(client, "move_online", [event], apply="1", online_url="")

    assert page.context["form"].errors == {"online_url": ["This field is required."]}
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


def test_moving_online_sets_the_link_and_keeps_the_venue(client, moderator):
    event = make_event()
    venue = event.venue
    client.force_login(moderator)

    response = action(
        client, "move_online", [event], apply="1", online_url="youtube.com/live/aitys"
    )

    event.refresh_from_db()
    assert event.event_status == EventStatus.MOVED_ONLINE
    assert event.online_url == "https://youtube.com/live/aitys"
    assert event.venue == venue
    assert messages_of(response) == ["1 event moved online."]


def test_the_form_refuses_moved_online_without_a_link(client, moderator):
    event = make_event()
    client.force_login(moderator)

    response = client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_data(
            slug=event.slug,
            venue=event.venue.pk,
            activity_types=[t.pk for t in event.activity_types.all()],
            summary_ru="Описание.",
            publication_status="published",
            event_status="moved-online",
        ),
    )

    assert response.context["adminform"].form.errors["online_url"] == [
        "An event moved online needs its online link."
    ]


# Who may


def test_editors_have_only_the_organizers_status_actions(client):
    library = make_organization()
    client.force_login(make_editor(library))

    response = client.get(reverse("admin:events_event_changelist"))

    actions = [
        name for name, _ in response.context["action_form"].fields["action"].choices
    ]
    assert "cancel" in actions
    assert "postpone" in actions
    for name in ("reschedule", "move_online"):
        assert name not in actions


def test_an_editor_cannot_reschedule_with_the_workflow(client):
    library = make_organization()
    editor = make_editor(library)
    event = make_event(organizers=[library])

    with pytest.raises(PermissionDenied):
        workflow.reschedule_event(event=event, user=editor, starts_at=in_days(9))

    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED

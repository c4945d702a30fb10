import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import workflow
from events.models import Event
from tests.factories import (
    changelist_action,
    in_days,
    local,
    make_event,
    messages_of,
    offered_actions,
    post_change_form,
)

pytestmark = pytest.mark.django_db

EventStatus = Event.EventStatus


# Cancel


def test_cancelling_keeps_the_event_published_and_its_date(client, moderator):
    event = make_event(starts_at=in_days(3))
    client.force_login(moderator)

    response = changelist_action(client, "cancel", [event], apply="yes")

    event.refresh_from_db()
    assert event.event_status == EventStatus.CANCELLED
    assert event.publication_status == Event.PublicationStatus.PUBLISHED
    assert event.starts_at == in_days(3)
    assert messages_of(response) == ["1 event marked as cancelled."]


def test_an_event_that_has_ended_is_not_cancelled(client, moderator):
    event = make_event(title="Aitys", starts_at=in_days(-3))
    client.force_login(moderator)

    response = changelist_action(client, "cancel", [event], apply="yes")

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

    response = changelist_action(client, "postpone", [event], apply="yes")

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

    page = changelist_action(client, "reschedule", [event])

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

    response = changelist_action(
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


@pytest.mark.parametrize(
    ("new_date", "errors"),
    [
        pytest.param(
            {
                "starts_at_0": "2030-06-15",
                "starts_at_1": "18:00",
                "ends_at_0": "2030-06-15",
                "ends_at_1": "17:00",
            },
            {"ends_at": ["The event cannot end before it starts."]},
            id="end before start",
        ),
        pytest.param(
            {"starts_at_0": "2030-05-01", "starts_at_1": "19:00"},
            {"starts_at": ["The new start is the same as the current one."]},
            id="same start",
        ),
        pytest.param(
            {"starts_at_0": "soon", "starts_at_1": "x"},
            {"starts_at": ["Enter a valid date.", "Enter a valid time."]},
            id="malformed",
        ),
    ],
)
def test_a_bad_new_date_is_refused_on_the_field(client, moderator, new_date, errors):
    event = make_event(starts_at=local(2030, 5, 1, 19))
    client.force_login(moderator)

    page = changelist_action(client, "reschedule", [event], apply="1", **new_date)

    assert page.status_code == 200
    assert page.context["form"].errors == errors
    event.refresh_from_db()
    assert (event.starts_at, event.event_status) == (
        local(2030, 5, 1, 19),
        EventStatus.SCHEDULED,
    )


def test_several_events_are_rescheduled_one_at_a_time(client, moderator):
    events = [make_event(), make_event()]
    client.force_login(moderator)

    response = changelist_action(client, "reschedule", events)

    assert messages_of(response) == [
        "Reschedule one event at a time: each has its own new date."
    ]
    assert not Event.objects.filter(event_status=EventStatus.RESCHEDULED).exists()


# Move online


def test_moving_online_asks_for_the_link(client, moderator):
    event = make_event()
    client.force_login(moderator)

    page = changelist_action(client, "move_online", [event], apply="1", online_url="")

    assert page.context["form"].errors == {"online_url": ["This field is required."]}
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


def test_moving_online_sets_the_link_and_keeps_the_venue(client, moderator):
    event = make_event()
    venue = event.venue
    client.force_login(moderator)

    response = changelist_action(
        client, "move_online", [event], apply="1", online_url="youtube.com/live/aitys"
    )

    event.refresh_from_db()
    assert event.event_status == EventStatus.MOVED_ONLINE
    assert event.online_url == "https://youtube.com/live/aitys"
    assert event.venue == venue
    assert messages_of(response) == ["1 event moved online."]


@pytest.mark.parametrize(
    ("event_status", "field", "message"),
    [
        (
            "rescheduled",
            "previous_starts_at",
            "A rescheduled event needs the start it had before.",
        ),
        ("moved-online", "online_url", "An event moved online needs its online link."),
    ],
)
def test_the_form_refuses_a_status_without_what_it_needs(
    client, moderator, event_status, field, message
):
    event = make_event()
    client.force_login(moderator)

    response = post_change_form(
        client,
        event,
        venue=event.venue.pk,
        activity_types=[t.pk for t in event.activity_types.all()],
        summary_ru="Описание.",
        publication_status="published",
        event_status=event_status,
    )

    assert response.context["adminform"].form.errors[field] == [message]
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


# Who may


def test_editors_have_only_the_organizers_status_actions(client, editor):
    client.force_login(editor)

    actions = offered_actions(client)

    assert "cancel" in actions
    assert "postpone" in actions
    for name in ("reschedule", "move_online"):
        assert name not in actions


def test_an_editor_cannot_reschedule_with_the_workflow(editor, library):
    event = make_event(organizers=[library])

    with pytest.raises(PermissionDenied):
        workflow.reschedule_event(event=event, user=editor, starts_at=in_days(9))

    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED

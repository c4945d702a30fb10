""" "An event ends at or after its start": the model's constraint, the one rule."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events import workflow
from events.models import Event
from tests.factories import local, make_event, make_moderator

pytestmark = pytest.mark.django_db


def test_rescheduling_to_an_end_before_the_start_gives_the_constraints_message():
    event = make_event(starts_at=local(2030, 5, 1, 19), ends_at=local(2030, 5, 1, 21))

    with pytest.raises(ValidationError) as error:
        workflow.reschedule_event(
            event=event,
            user=make_moderator(),
            starts_at=local(2030, 6, 15, 18),
            ends_at=local(2030, 6, 15, 17),
        )

    constraint = next(
        c for c in Event._meta.constraints if c.name == "event_ends_after_start"
    )
    assert error.value.message_dict == {
        "ends_at": [str(constraint.violation_error_message)]
    }


def test_a_refused_reschedule_leaves_the_event_as_it_was():
    event = make_event(starts_at=local(2030, 5, 1, 19), ends_at=local(2030, 5, 1, 21))

    with pytest.raises(ValidationError):
        workflow.reschedule_event(
            event=event,
            user=make_moderator(),
            starts_at=local(2030, 6, 15, 18),
            ends_at=local(2030, 6, 15, 17),
        )

    assert (event.starts_at, event.ends_at, event.previous_starts_at) == (
        local(2030, 5, 1, 19),
        local(2030, 5, 1, 21),
        None,
    )
    assert event.event_status == Event.EventStatus.SCHEDULED
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at, event.event_status) == (
        local(2030, 5, 1, 19),
        local(2030, 5, 1, 21),
        Event.EventStatus.SCHEDULED,
    )


def test_rescheduling_to_an_end_equal_to_the_start_is_allowed():
    event = make_event(starts_at=local(2030, 5, 1, 19))

    workflow.reschedule_event(
        event=event,
        user=make_moderator(),
        starts_at=local(2030, 6, 15, 18),
        ends_at=local(2030, 6, 15, 18),
    )

    event.refresh_from_db()
    assert event.starts_at == event.ends_at == local(2030, 6, 15, 18)
    assert event.previous_starts_at == local(2030, 5, 1, 19)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Мероприятие не может закончиться раньше, чем начнётся."),
        ("kk", "Іс-шара басталмай тұрып аяқтала алмайды."),
    ],
)
def test_the_reschedule_refusal_is_in_the_staffs_language(language, message):
    event = make_event(starts_at=local(2030, 5, 1, 19))

    with translation.override(language), pytest.raises(ValidationError) as error:
        workflow.reschedule_event(
            event=event,
            user=make_moderator(),
            starts_at=local(2030, 6, 15, 18),
            ends_at=local(2030, 6, 15, 17),
        )

    [text] = error.value.message_dict["ends_at"]
    assert text == message

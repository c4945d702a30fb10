import datetime

import pytest

from events import series
from events.models import Event
from tests.factories import (
    changelist_action,
    local,
    make_aitys,
    organizer_rows,
    post_change_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(library):
    return make_aitys(
        kind=Event.Kind.COURSE,
        starts_at=local(2025, 1, 6, 19),
        ends_at=local(2025, 1, 6, 21),
        description_ru="Занятия для начинающих.",
        organizers=[library],
    )


def repeat(client, event, **form):
    return changelist_action(client, "repeat", [event], follow=False, **form)


def test_the_repeat_action_asks_how_often_and_until_when(client, course, moderator):
    client.force_login(moderator)

    response = repeat(client, course)

    assert response.status_code == 200
    assert response.context["title"] == "Repeat weekly or monthly"
    assert list(response.context["form"].fields) == ["frequency", "until"]
    assert course.occurrences.count() == 0


def test_weekly_until_a_date_makes_a_draft_each_week_at_the_same_local_time(
    client, course, library, editor
):
    client.force_login(editor)

    response = repeat(client, course, apply="1", frequency="weekly", until="2025-02-03")

    assert response.status_code == 302
    dates = list(course.occurrences.order_by("starts_at"))
    assert [(e.slug, e.starts_at, e.ends_at) for e in dates] == [
        ("aitys-2025-01-13", local(2025, 1, 13, 19), local(2025, 1, 13, 21)),
        ("aitys-2025-01-20", local(2025, 1, 20, 19), local(2025, 1, 20, 21)),
        ("aitys-2025-01-27", local(2025, 1, 27, 19), local(2025, 1, 27, 21)),
        ("aitys-2025-02-03", local(2025, 2, 3, 19), local(2025, 2, 3, 21)),
    ]
    first = dates[0]
    assert (first.title_ru, first.title_kk, first.description_ru) == (
        "Айтыс акынов",
        "Ақындар айтысы",
        "Занятия для начинающих.",
    )
    assert (first.kind, first.venue, first.created_by) == (
        Event.Kind.COURSE,
        course.venue,
        editor,
    )
    assert [e.publication_status for e in dates] == [Event.PublicationStatus.DRAFT] * 4
    assert list(first.organizers.all()) == [library]
    assert list(first.activity_types.values_list("code", flat=True)) == ["90.01"]


def test_repeating_again_makes_only_the_missing_dates(course):
    series.event_repeat(
        event=course, frequency=series.WEEKLY, until=datetime.date(2025, 1, 20)
    )

    created = series.event_repeat(
        event=course, frequency=series.WEEKLY, until=datetime.date(2025, 1, 27)
    )

    assert [e.slug for e in created] == ["aitys-2025-01-27"]
    assert course.occurrences.count() == 3


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months(course):
    course.starts_at, course.ends_at = local(2025, 1, 31, 10), None
    course.save()

    created = series.event_repeat(
        event=course, frequency=series.MONTHLY, until=datetime.date(2025, 5, 31)
    )

    assert [e.starts_at for e in created] == [
        local(2025, 2, 28, 10),
        local(2025, 3, 31, 10),
        local(2025, 4, 30, 10),
        local(2025, 5, 31, 10),
    ]


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2025-01-06", "Choose a date after the event&#x27;s own date, 2025-01-06."),
        ("2029-01-01", "That makes more than 200 dates; choose an earlier end."),
        ("6 January", "Enter a valid date."),
    ],
)
def test_a_repeat_with_a_bad_end_is_refused_on_the_field(
    client, course, until, message, moderator
):
    client.force_login(moderator)

    response = repeat(client, course, apply="1", frequency="weekly", until=until)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert course.occurrences.count() == 0


def test_a_date_of_a_series_is_not_repeated_itself(client, course, moderator):
    occurrence = series.event_repeat(
        event=course, frequency=series.WEEKLY, until=datetime.date(2025, 1, 13)
    )[0]
    client.force_login(moderator)

    response = repeat(
        client, occurrence, apply="1", frequency="weekly", until="2025-03-01"
    )

    assert response.status_code == 200
    assert "This event is one date of a series: repeat the series instead." in (
        response.content.decode()
    )
    assert occurrence.occurrences.count() == 0


def post_event(client, event, **overrides):
    start = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=5)))
    values = {
        "kind": event.kind,
        "venue": event.venue_id,
        "starts_at_0": start.date().isoformat(),
        "starts_at_1": start.strftime("%H:%M"),
        "activity_types": list(event.activity_types.values_list("pk", flat=True)),
        **{
            f"{name}_{code}": getattr(event, f"{name}_{code}") or ""
            for name in series.SERIES_TEXTS
            for code in ("kk", "ru", "en")
        },
        "publication_status": event.publication_status,
        "save_anyway": "on",
        **organizer_rows(event),
        **overrides,
    }
    return post_change_form(client, event, **values)


def test_editing_the_series_description_updates_the_dates_not_edited_alone(
    client, course, moderator
):
    _first, second, _third = series.event_repeat(
        event=course, frequency=series.WEEKLY, until=datetime.date(2025, 1, 27)
    )
    client.force_login(moderator)

    response = post_event(
        client, second, title_ru="Айтыс акынов: финал", follows_series="on"
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.follows_series is False

    response = post_event(client, course, description_ru="Занятия для всех.")

    assert response.status_code == 302
    descriptions = [
        (e.slug, e.title_ru, e.description_ru)
        for e in course.occurrences.order_by("starts_at")
    ]
    assert descriptions == [
        ("aitys-2025-01-13", "Айтыс акынов", "Занятия для всех."),
        ("aitys-2025-01-20", "Айтыс акынов: финал", "Занятия для начинающих."),
        ("aitys-2025-01-27", "Айтыс акынов", "Занятия для всех."),
    ]
    assert "2 dates of the series updated." in [
        str(m) for m in response.wsgi_request._messages
    ]


def test_a_date_edited_outside_its_texts_still_follows_the_series(
    client, course, moderator
):
    occurrence = series.event_repeat(
        event=course, frequency=series.WEEKLY, until=datetime.date(2025, 1, 13)
    )[0]
    client.force_login(moderator)

    response = post_event(client, occurrence, starts_at_1="18:00", follows_series="on")

    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.starts_at, occurrence.follows_series) == (
        local(2025, 1, 13, 18),
        True,
    )

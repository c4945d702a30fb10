"""How an event's dates are written, at each precision: for people, for machines."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from events.models import Event
from tests.factories import local

Precision = Event.DatePrecision


def written(language, **fields):
    """The dates as templates/includes/event_dates.html writes them."""
    with translation.override(language):
        return render_to_string("includes/event_dates.html", {"event": Event(**fields)})


EVENING = {
    "date_precision": Precision.TIME,
    "starts_at": local(2025, 10, 8, 19),
    "ends_at": local(2025, 10, 8, 21, 30),
}
NIGHT = {**EVENING, "ends_at": local(2025, 10, 9, 2)}
FOUR_DAYS = {
    "date_precision": Precision.DAY,
    "starts_at": local(2025, 10, 8),
    "ends_at": local(2025, 10, 11),
}
A_MONTH = {
    "date_precision": Precision.MONTH,
    "starts_at": local(2025, 10, 1),
    "ends_at": local(2025, 10, 31, 23, 59),
}
A_YEAR = {
    "date_precision": Precision.YEAR,
    "starts_at": local(2025, 1, 1),
    "ends_at": local(2025, 12, 31, 23, 59),
}

START_AT_SEVEN = '<time datetime="2025-10-08T19:00:00+05:00">{}</time>'
EIGHTH, ELEVENTH = (
    '<time datetime="2025-10-08">{}</time>',
    '<time datetime="2025-10-11">{}</time>',
)


@pytest.mark.parametrize(
    ("language", "start", "end"),
    [
        ("ru", "8 октября 2025, 19:00", "21:30"),
        ("kk", "8 қазан 2025, 19:00", "21:30"),
        ("en", "8 October 2025, 19:00", "21:30"),
    ],
)
def test_a_timed_event_ending_the_same_day_gives_the_end_as_a_time(
    language, start, end
):
    assert written(language, **EVENING) == (
        START_AT_SEVEN.format(start)
        + f'–<time datetime="2025-10-08T21:30:00+05:00">{end}</time>\n'
    )


@pytest.mark.parametrize(
    ("language", "start", "end"),
    [
        ("ru", "8 октября 2025, 19:00", "9 октября 2025, 02:00"),
        ("kk", "8 қазан 2025, 19:00", "9 қазан 2025, 02:00"),
        ("en", "8 October 2025, 19:00", "9 October 2025, 02:00"),
    ],
)
def test_a_timed_event_ending_another_day_gives_the_ends_date(language, start, end):
    assert written(language, **NIGHT) == (
        START_AT_SEVEN.format(start)
        + f' – <time datetime="2025-10-09T02:00:00+05:00">{end}</time>\n'
    )


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("ru", "8 октября 2025, 19:00"),
        ("kk", "8 қазан 2025, 19:00"),
        ("en", "8 October 2025, 19:00"),
    ],
)
def test_a_timed_event_without_an_end_gives_its_start_alone(language, start):
    assert written(language, **{**EVENING, "ends_at": None}) == (
        START_AT_SEVEN.format(start) + "\n"
    )


@pytest.mark.parametrize(
    ("language", "first", "last"),
    [
        ("ru", "8", "11 октября 2025"),
        ("kk", "8", "11 қазан 2025"),
        ("en", "8", "11 October 2025"),
    ],
)
def test_a_date_only_event_within_a_month_gives_the_month_and_year_once(
    language, first, last
):
    assert written(language, **FOUR_DAYS) == (
        f"{EIGHTH.format(first)}–{ELEVENTH.format(last)}\n"
    )


@pytest.mark.parametrize(
    ("language", "first", "last"),
    [
        ("ru", "30 сентября", "2 октября 2025"),
        ("kk", "30 қыркүйек", "2 қазан 2025"),
        ("en", "30 September", "2 October 2025"),
    ],
)
def test_a_date_only_event_across_months_gives_the_year_once(language, first, last):
    across = {
        **FOUR_DAYS,
        "starts_at": local(2025, 9, 30),
        "ends_at": local(2025, 10, 2),
    }

    assert written(language, **across) == (
        f'<time datetime="2025-09-30">{first}</time> – '
        f'<time datetime="2025-10-02">{last}</time>\n'
    )


@pytest.mark.parametrize(
    ("language", "first", "last"),
    [
        ("ru", "30 декабря 2024", "2 января 2025"),
        ("kk", "30 желтоқсан 2024", "2 қаңтар 2025"),
        ("en", "30 December 2024", "2 January 2025"),
    ],
)
def test_a_date_only_event_across_years_gives_both_dates_whole(language, first, last):
    across = {
        **FOUR_DAYS,
        "starts_at": local(2024, 12, 30),
        "ends_at": local(2025, 1, 2),
    }

    assert written(language, **across) == (
        f'<time datetime="2024-12-30">{first}</time> – '
        f'<time datetime="2025-01-02">{last}</time>\n'
    )


@pytest.mark.parametrize(
    ("language", "day"),
    [("ru", "8 октября 2025"), ("kk", "8 қазан 2025"), ("en", "8 October 2025")],
)
def test_a_date_only_event_of_one_day_gives_that_day(language, day):
    one_day = {**FOUR_DAYS, "ends_at": local(2025, 10, 8, 23, 59)}

    assert written(language, **one_day) == EIGHTH.format(day) + "\n"
    assert written(language, **{**one_day, "ends_at": None}) == (
        EIGHTH.format(day) + "\n"
    )


@pytest.mark.parametrize(
    ("language", "written_out"),
    [
        ("ru", "12 октября 2024, 10:00–18:00"),
        ("kk", "12 қазан 2024, 10:00–18:00"),
        ("en", "12 October 2024, 10:00–18:00"),
    ],
)
def test_one_day_with_times_reads_as_the_day_then_the_hours(language, written_out):
    day = {
        "date_precision": Precision.TIME,
        "starts_at": local(2024, 10, 12, 10),
        "ends_at": local(2024, 10, 12, 18),
    }

    assert re.sub(r"<[^>]+>", "", written(language, **day)) == written_out + "\n"


@pytest.mark.parametrize(
    ("language", "month", "approximate"),
    [
        ("ru", "Октябрь 2025", "дата приблизительная"),
        ("kk", "Қазан 2025", "күні шамамен"),
        ("en", "October 2025", "date approximate"),
    ],
)
def test_a_month_only_event_gives_the_month_and_says_it_is_approximate(
    language, month, approximate
):
    assert written(language, **A_MONTH) == (
        f'<time datetime="2025-10">{month}</time> ({approximate})\n'
    )


@pytest.mark.parametrize(
    ("language", "approximate"),
    [
        ("ru", "дата приблизительная"),
        ("kk", "күні шамамен"),
        ("en", "date approximate"),
    ],
)
def test_a_year_only_event_gives_the_year_and_says_it_is_approximate(
    language, approximate
):
    assert written(language, **A_YEAR) == (
        f'<time datetime="2025">2025</time> ({approximate})\n'
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (EVENING, local(2025, 10, 8, 19)),
        (FOUR_DAYS, datetime.date(2025, 10, 8)),
        (A_MONTH, datetime.date(2025, 10, 1)),
        (A_YEAR, datetime.date(2025, 1, 1)),
    ],
)
def test_machines_get_a_local_date_and_time_only_for_a_timed_event(fields, expected):
    event = Event(**fields)

    value = event.local_date_or_datetime(event.starts_at)

    assert value == expected
    assert type(value) is type(expected)


def test_machines_get_the_local_date_not_the_utc_one():
    # 00:30 in Oskemen is still the day before in UTC.
    event = Event(date_precision=Precision.DAY, starts_at=local(2025, 10, 8, 0, 30))

    assert event.local_date_or_datetime(event.starts_at) == datetime.date(2025, 10, 8)


def test_machines_get_a_timed_event_in_local_time():
    event = Event(**EVENING)

    assert event.local_date_or_datetime(event.starts_at).isoformat() == (
        "2025-10-08T19:00:00+05:00"
    )

"""The month calendar of the event list: /<lang>/events/calendar/[YYYY-MM/]."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from events.calendar import month_grid
from events.filters import local_days
from events.models import Event
from tests.factories import count_queries, local, make_event, make_venue, whole_days

pytestmark = pytest.mark.django_db

CELL = re.compile(
    r'<td(?P<attributes>[^>]*)>\s*<span class="day-number">(?P<day>\d+)</span>'
    r"(?P<body>.*?)</td>",
    re.S,
)
LINK_TEXT = re.compile(r"<a [^>]*>(.*?)</a>", re.S)
TAG = re.compile(r"<[^>]+>")


def text(html):
    return " ".join(TAG.sub("", html).split())


def cells(page):
    """{day of the month: (the <td>'s attributes, [text of each link in it])}."""
    return {
        int(match["day"]): (
            match["attributes"],
            [text(link) for link in LINK_TEXT.findall(match["body"])],
        )
        for match in CELL.finditer(page)
    }


def days_showing(page, title):
    return sorted(day for day, (_, links) in cells(page).items() if title in links)


def test_the_event_of_12_october_2024_is_on_its_day_with_the_district_filter(client):
    make_event(
        title_ru="Фестиваль беркутчи",
        district="ulan",
        **whole_days((2024, 10, 12), (2024, 10, 12)),
    )
    make_event(
        title_ru="Концерт в Риддере",
        district="ridder",
        starts_at=local(2024, 10, 12, 19),
    )

    page = client.get("/ru/events/calendar/2024-10/?district=ulan").content.decode()

    assert days_showing(page, "Фестиваль беркутчи") == [12]
    assert "Концерт в Риддере" not in page
    assert '<h2 id="results-heading">Октябрь 2024</h2>' in page


def test_a_multi_day_event_shows_on_each_day_it_spans_in_the_month(client):
    make_event(
        title_en="Falconry festival", **whole_days((2025, 10, 8), (2025, 10, 11))
    )
    make_event(
        title_en="Theatre week",
        starts_at=local(2025, 9, 28, 10),
        ends_at=local(2025, 10, 2, 18),
    )
    make_event(
        title_en="Night concert",
        starts_at=local(2025, 10, 14, 22),
        ends_at=local(2025, 10, 15, 2),
    )
    make_event(title_en="Evening lecture", starts_at=local(2025, 10, 20, 19))

    page = client.get("/en/events/calendar/2025-10/").content.decode()

    assert days_showing(page, "Falconry festival") == [8, 9, 10, 11]
    assert days_showing(page, "Theatre week") == [1, 2]
    # A timed event shows its time on its first day.
    assert days_showing(page, "22:00 Night concert") == [14]
    assert days_showing(page, "Night concert") == [15]
    assert days_showing(page, "19:00 Evening lecture") == [20]


def test_the_days_follow_the_overlap_rule_of_the_list():
    """Each day shows exactly the events the list of that day finds."""
    make_event(**whole_days((2025, 10, 8), (2025, 10, 11)))
    make_event(starts_at=local(2025, 9, 30, 23), ends_at=local(2025, 10, 1, 0))
    make_event(starts_at=local(2025, 10, 14, 22), ends_at=local(2025, 10, 15, 0))
    make_event(starts_at=local(2025, 10, 31, 23, 30))  # no end: its first day
    make_event(starts_at=local(2025, 10, 20), ends_at=local(2025, 11, 3, 12))
    make_event(starts_at=local(2025, 11, 1, 0))
    first = datetime.date(2025, 10, 1)
    spans = Event.objects.overlapping(
        *local_days(first, datetime.date(2025, 10, 31))
    ).values_list("pk", "starts_at", "ends_at", "date_precision")

    weeks, _ = month_grid(first, spans, today=first)

    for day in (day for week in weeks for day in week if day.in_month):
        that_day = Event.objects.overlapping(*local_days(day.date, day.date))
        assert sorted(day.shown_ids) == sorted(that_day.values_list("pk", flat=True))


def test_a_busy_day_shows_three_events_and_links_the_rest_to_its_list(client):
    for hour in (10, 12, 14, 16, 18):
        make_event(
            title_en=f"Concert at {hour}",
            district="ulan",
            starts_at=local(2024, 10, 12, hour),
        )

    page = client.get(
        "/en/events/calendar/2024-10/?district=ulan&kind=concert"
    ).content.decode()

    _, links = cells(page)[12]
    assert links[:3] == [
        "10:00 Concert at 10",
        "12:00 Concert at 12",
        "14:00 Concert at 14",
    ]
    assert links[3] == "+2 · all events of 12 October"
    day_list = (
        "/en/events/?district=ulan&amp;kind=concert"
        "&amp;date_from=2024-10-12&amp;date_to=2024-10-12"
    )
    assert f'<a class="day-more" href="{day_list}">+2' in page
    listed = client.get(day_list.replace("&amp;", "&")).content.decode()
    assert "5 events" in listed


def test_previous_and_next_months_keep_the_filters(client):
    page = client.get(
        "/en/events/calendar/2024-01/?district=ulan&free=1&page=3&when=upcoming"
    ).content.decode()

    assert (
        '<a rel="prev nofollow" href="/en/events/calendar/2023-12/?district=ulan&amp;free=1">'
        in page
    )
    assert (
        '<a rel="next nofollow" href="/en/events/calendar/2024-02/?district=ulan&amp;free=1">'
        in page
    )
    assert (
        '<a href="/en/events/calendar/?district=ulan&amp;free=1">This month</a>' in page
    )


def test_a_period_of_the_list_is_cut_to_the_month(client):
    make_event(title_en="Early", starts_at=local(2024, 10, 5, 10))
    make_event(title_en="Inside", starts_at=local(2024, 10, 12, 10))

    page = client.get(
        "/en/events/calendar/2024-10/?date_from=2024-10-10&date_to=2024-11-20"
    ).content.decode()

    assert days_showing(page, "10:00 Inside") == [12]
    assert "Early" not in page


def test_upcoming_the_lists_default_period_leaves_the_whole_month(client):
    make_event(title_en="Autumn fair", starts_at=local(2024, 10, 12, 10))

    page = client.get("/en/events/calendar/2024-10/?when=upcoming").content.decode()

    assert days_showing(page, "10:00 Autumn fair") == [12]
    assert 'class="chip">upcoming' not in page


def test_events_known_only_to_the_month_are_listed_apart(client):
    make_event(
        title_en="Drama theatres festival",
        **whole_days((2024, 9, 1), (2024, 9, 30), precision=Event.DatePrecision.MONTH),
    )

    page = client.get("/en/events/calendar/2024-09/").content.decode()

    assert days_showing(page, "Drama theatres festival") == []
    assert "Dates known only approximately" in page
    assert "Drama theatres festival" in page


def test_past_ten_events_known_only_roughly_the_rest_are_in_the_months_list(client):
    for number in range(12):
        make_event(
            title_en=f"Course {number:02d}",
            district="ulan",
            **whole_days(
                (2024, 1, 1), (2024, 12, 31), precision=Event.DatePrecision.YEAR
            ),
        )

    page = client.get("/en/events/calendar/2024-09/?district=ulan").content.decode()

    assert re.findall(r">(Course \d+)</a>", page) == [
        f"Course {number:02d}" for number in range(10)
    ]
    month_list = (
        "/en/events/?district=ulan&amp;date_from=2024-09-01&amp;date_to=2024-09-30"
    )
    assert f'<a href="{month_list}">and 2 more: the month as a list</a>' in page


def test_today_is_marked_on_this_months_calendar(client):
    today = timezone.localdate()

    this_month = cells(client.get("/en/events/calendar/").content.decode())
    another_month = client.get(
        f"/en/events/calendar/{today.year - 1}-{today.month:02d}/"
    ).content.decode()

    assert [
        day
        for day, (attributes, _) in this_month.items()
        if "aria-current" in attributes
    ] == [today.day]
    assert this_month[today.day][0] == ' class="today" aria-current="date"'
    assert 'aria-current="date"' not in another_month
    assert "<p>No events this month.</p>" in another_month


@pytest.mark.parametrize(
    "month", ["2024-13", "2024-00", "0000-01", "0001-01", "9999-12", "2024-1", "24-10"]
)
def test_a_month_that_cannot_be_shown_answers_404(client, month):
    assert client.get(f"/en/events/calendar/{month}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "weekdays", "month"),
    [
        (
            "kk",
            [
                "Дүйсенбі",
                "Сейсенбі",
                "Сәрсенбі",
                "Бейсенбі",
                "Жұма",
                "Сенбі",
                "Жексенбі",
            ],
            "Қазан 2024",
        ),
        (
            "ru",
            [
                "Понедельник",
                "Вторник",
                "Среда",
                "Четверг",
                "Пятница",
                "Суббота",
                "Воскресенье",
            ],
            "Октябрь 2024",
        ),
        (
            "en",
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
            "October 2024",
        ),
    ],
)
def test_the_weekdays_start_on_monday_in_the_pages_language(
    client, language, weekdays, month
):
    page = client.get(f"/{language}/events/calendar/2024-10/").content.decode()

    assert re.findall(r'<th scope="col">(.*?)</th>', page) == weekdays
    assert f'<h2 id="results-heading">{month}</h2>' in page
    # 1 October 2024 was a Tuesday: one empty cell before it.
    assert re.search(
        r"<tr>\s*<td class=\"outside\"></td>\s*<td>\s*<span class=\"day-number\">1<",
        page,
    )


def test_on_a_phone_the_days_with_events_are_a_list(client):
    make_event(title_ru="Ярмарка", starts_at=local(2024, 10, 12, 10))

    page = client.get("/kk/events/calendar/2024-10/").content.decode()

    days = re.findall(r'<ul class="month-days">(.*?)</ul>\s*</div>', page, re.S)[0]
    assert re.findall(r"<h3>(.*?)</h3>", days) == ["Сенбі, 12 қазан"]
    assert "Ярмарка" in days


def test_the_list_and_the_calendar_link_to_each_other_with_the_filters(client):
    listed = client.get("/en/events/?district=ulan&page=2").content.decode()
    calendar = client.get("/en/events/calendar/2024-10/?district=ulan").content.decode()

    assert '<a href="/en/events/calendar/?district=ulan">Calendar</a>' in listed
    assert '<a href="/en/events/?district=ulan" aria-current="page">List</a>' in listed
    assert '<a href="/en/events/?district=ulan">List</a>' in calendar
    assert (
        '<a href="/en/events/calendar/?district=ulan" aria-current="page">Calendar</a>'
        in calendar
    )


def test_the_canonical_address_keeps_the_month_and_the_filters(client):
    page = client.get("/ru/events/calendar/2024-10/?district=ulan").content.decode()

    assert (
        '<link rel="canonical" href="http://testserver/ru/events/calendar/2024-10/'
        '?district=ulan">' in page
    )
    assert (
        '<link rel="alternate" hreflang="kk" href="http://testserver/kk/events/calendar/'
        '2024-10/?district=ulan">' in page
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Four facets, the spans of the month's events, the events the days
        # show, the form's choices (districts, groups, types).
        ("/en/events/calendar/2024-10/", 9),
        # The same, and reading the filters once each (for the check, the
        # form and the chips): districts, types and groups.
        (
            "/en/events/calendar/2024-10/?district=ulan&district=oskemen"
            "&activity_type=90.01&kind=concert&q=event&group=crafts&free=1",
            11,
        ),
    ],
)
def test_the_calendar_costs_a_fixed_number_of_queries(client, url, expected):
    venue = make_venue(district="ulan")
    make_event(title_en="Event one", venue=venue, starts_at=local(2024, 10, 12, 10))
    one = count_queries(client, url)
    for day in range(1, 29):
        make_event(
            title_en=f"Event {day}",
            venue=venue,
            starts_at=local(2024, 10, day, 10),
            ends_at=local(2024, 10, day + 3, 12),
        )
    many = count_queries(client, url)

    assert (one, many) == (expected, expected)


def test_the_calendar_is_kept_in_the_page_cache_until_the_catalog_changes(
    settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    event = make_event(title_en="Felt workshop", starts_at=local(2024, 10, 12, 10))
    first = visitor.get("/en/events/calendar/2024-10/")

    with django_assert_num_queries(0):
        again = visitor.get("/en/events/calendar/2024-10/")
    event.title_en = "Felt and carpet workshop"
    event.save()
    edited = visitor.get("/en/events/calendar/2024-10/").content.decode()

    assert again.content == first.content
    assert "Felt and carpet workshop" in edited

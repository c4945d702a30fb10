"""The Figures report's default period and its events dated only by month or year."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from events.figures import figures_for
from events.figures.charts import month_charts
from events.figures.compute import latest_year
from events.models import Event
from tests.factories import local, make_event, whole_days

pytestmark = pytest.mark.django_db

FIGURES_URL = reverse("admin-figures")
YEAR_2024 = {"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 12, 31)}


def in_year(year, **overrides):
    """A published concert on 10 June of `year`."""
    return make_event(starts_at=local(year, 6, 10, 19), **overrides)


# The default period


def test_latest_year_is_the_last_one_with_counted_events_up_to_today():
    in_year(2022)
    in_year(2023)
    in_year(2024, publication_status=Event.PublicationStatus.DRAFT)
    in_year(2024, event_status=Event.EventStatus.CANCELLED)
    in_year(2026)  # not yet taken place

    assert latest_year(today=datetime.date(2025, 3, 1)) == 2023
    assert latest_year(today=datetime.date(2026, 1, 1)) == 2026
    assert latest_year(today=datetime.date(2027, 1, 1)) == 2026


def test_latest_year_is_todays_without_counted_events():
    in_year(2030)
    in_year(2024, publication_status=Event.PublicationStatus.REVIEW)

    assert latest_year(today=datetime.date(2025, 3, 1)) == 2025


def test_an_event_running_into_a_year_counts_for_it():
    make_event(starts_at=local(2023, 12, 20, 10), ends_at=local(2025, 1, 5, 18))
    # Without an end, an event takes place on its first day only.
    make_event(starts_at=local(2021, 12, 31, 23, 30))

    assert latest_year(today=datetime.date(2025, 3, 1)) == 2025
    assert latest_year(today=datetime.date(2022, 3, 1)) == 2021


def test_an_event_ending_at_midnight_of_new_year_counts_in_the_new_year():
    make_event(starts_at=local(2023, 12, 31, 20), ends_at=local(2024, 1, 1))

    assert latest_year(today=datetime.date(2025, 3, 1)) == 2024


def test_the_page_opens_on_the_latest_year_with_events(moderator_client):
    this_year = timezone.localdate().year
    in_year(this_year - 2, guests=40)
    in_year(this_year - 1, publication_status=Event.PublicationStatus.DRAFT)

    response = moderator_client.get(FIGURES_URL)

    figures = response.context["figures"]
    assert (figures.current.start, figures.current.end) == (
        datetime.date(this_year - 2, 1, 1),
        datetime.date(this_year - 2, 12, 31),
    )
    assert (figures.current.events, figures.current.guests) == (1, 40)
    assert response.context["form"]["year"].value() == str(this_year - 2)


def test_filters_without_a_year_take_the_default_year(moderator_client):
    this_year = timezone.localdate().year
    in_year(this_year - 3)

    response = moderator_client.get(FIGURES_URL, {"kind": "concert"})

    figures = response.context["figures"]
    assert figures.current.start == datetime.date(this_year - 3, 1, 1)
    assert figures.current.events == 1


def test_a_year_asked_for_is_kept_even_when_empty(moderator_client):
    in_year(2023)

    figures = moderator_client.get(FIGURES_URL, {"year": "2024"}).context["figures"]

    assert figures.current.start == datetime.date(2024, 1, 1)
    assert figures.current.events == 0


# Events dated only by month or year


@pytest.fixture
def approximate_dates():
    """2024: one event known to the year, one to the month, one to the day.

    2023: one known to the year.
    """
    return {
        "year": make_event(
            **whole_days((2024, 1, 1), (2024, 12, 31), Event.DatePrecision.YEAR),
            guests=100,
        ),
        "month": make_event(
            **whole_days((2024, 3, 1), (2024, 3, 31), Event.DatePrecision.MONTH),
            guests=10,
        ),
        "day": make_event(
            date_precision=Event.DatePrecision.DAY,
            starts_at=local(2024, 6, 10),
            guests=5,
        ),
        "last_year": make_event(
            **whole_days((2023, 1, 1), (2023, 12, 31), Event.DatePrecision.YEAR),
            guests=7,
        ),
    }


def months_of(period):
    return [(month.label, month.events, month.guests) for month in period.months]


def test_an_event_known_to_the_year_is_in_no_month_but_counted_once(
    approximate_dates,
):
    figures = figures_for(**YEAR_2024)

    assert months_of(figures.current) == [
        ("2024-01", 0, 0),
        ("2024-02", 0, 0),
        ("2024-03", 1, 10),  # known to the month: in its month
        ("2024-04", 0, 0),
        ("2024-05", 0, 0),
        ("2024-06", 1, 5),
        ("2024-07", 0, 0),
        ("2024-08", 0, 0),
        ("2024-09", 0, 0),
        ("2024-10", 0, 0),
        ("2024-11", 0, 0),
        ("2024-12", 0, 0),
    ]
    row = figures.year_only()
    assert row.label == "date within the year not known"
    assert (row.current.events, row.current.guests) == (1, 100)
    assert (row.previous.events, row.previous.guests) == (1, 7)
    # Every event and guest once: in a month or in the year-only row.
    assert (figures.current.events, figures.current.guests) == (3, 115)
    months_guests = sum(month.guests for month in figures.current.months)
    assert months_guests + row.current.guests == figures.current.guests
    assert all(month.events == 0 for month in figures.previous.months)


def test_a_quarter_counts_an_event_known_to_the_year_in_its_own_row(
    approximate_dates,
):
    figures = figures_for(
        start=datetime.date(2024, 4, 1), end=datetime.date(2024, 6, 30)
    )

    assert months_of(figures.current) == [
        ("2024-04", 0, 0),
        ("2024-05", 0, 0),
        ("2024-06", 1, 5),
    ]
    assert (figures.current.events, figures.current.year_only.events) == (2, 1)


def test_without_events_known_to_the_year_there_is_no_such_row():
    make_event(starts_at=local(2024, 5, 5, 19))

    figures = figures_for(**YEAR_2024)

    assert figures.year_only() is None
    assert all(
        not bar.year_only for chart in month_charts(figures) for bar in chart["bars"]
    )


def test_the_charts_show_the_year_only_events_as_a_bar_apart(approximate_dates):
    events, guests = month_charts(figures_for(**YEAR_2024))

    assert [bar.value for bar in events["bars"]] == [
        0,
        0,
        1,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
    ]
    assert [bar.value for bar in guests["bars"]][-1] == 100
    last, december = events["bars"][-1], events["bars"][-2]
    assert (last.label, last.year_only, last.previous) == ("?", True, 1)
    # Half a step after December, and the chart wide enough for it.
    assert last.x - december.x == 44 * 1.5
    assert events["width"] == 13 * 44 + 22


def test_the_page_and_the_downloads_have_the_year_only_row(
    moderator_client, approximate_dates
):
    query = {"year": "2024"}

    html = moderator_client.get(FIGURES_URL, query).content.decode()
    assert (
        '<tr class="year-only">\n'
        '        <th scope="row">date within the year not known</th>\n'
        '        <td class="number">1</td>\n'
        '        <td class="number">100</td>\n'
        "        <td>date within the year not known</td>\n"
        '        <td class="number">1</td>\n'
        '        <td class="number">7</td>\n'
        "      </tr>"
    ) in html
    assert "An event dated only by its year is in none of the months" in html
    assert 'class="bar year-only"' in html
    assert (
        "<title>date within the year not known: 1; previous period: 1</title>" in html
    )

    book = openpyxl.load_workbook(
        io.BytesIO(moderator_client.get(reverse("admin-figures-xlsx"), query).content)
    )
    months = list(book["Months"].iter_rows(min_row=3, values_only=True))
    assert len(months) == 13
    assert months[2] == ("2024-03", 1, 10, "2023-03", 0, 0)
    assert months[-1] == (
        "date within the year not known",
        1,
        100,
        "date within the year not known",
        1,
        7,
    )

    response = moderator_client.get(reverse("admin-figures-csv"), query)
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    start = lines.index(["Events and guests by month"])
    assert lines[start + 14] == [
        "date within the year not known",
        "1",
        "100",
        "date within the year not known",
        "1",
        "7",
    ]
    assert lines[start + 15] == []


@pytest.mark.parametrize(
    ("language", "label"),
    [("kk", "жыл ішіндегі күні белгісіз"), ("ru", "дата в пределах года неизвестна")],
)
def test_the_year_only_row_in_kazakh_and_russian(
    moderator_client, approximate_dates, language, label
):
    html = moderator_client.get(
        FIGURES_URL, {"year": "2024"}, headers={"accept-language": language}
    ).content.decode()

    assert f'<th scope="row">{label}</th>' in html

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.figures import figures_for, previous_period
from events.models import Event
from tests.factories import local, make_event, make_venue

pytestmark = pytest.mark.django_db

YEAR_2024 = {"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 12, 31)}
FIGURES_URL = reverse("admin-figures")


@pytest.fixture
def data_set(library):
    """Events whose figures are known; see each one's note.

    2024 counts: spanning, no_attendance, outside, two_groups, online, new_year.
    2023 counts: previous, new_year.
    """
    oskemen = make_venue(name="Drama theatre", slug="drama-theatre")
    ulan = make_venue(
        name="Burkit tobe",
        slug="burkit-tobe",
        district="ulan",
    )
    abroad = make_venue(name="Hall in Barnaul", slug="barnaul", district=None)
    return {
        # 28 February to 2 March: counts in February and in March.
        "spanning": make_event(
            kind=Event.Kind.FESTIVAL,
            venue=oskemen,
            starts_at=local(2024, 2, 28, 10),
            ends_at=local(2024, 3, 2, 18),
            guests=300,
            participants=40,
            participating_countries=["KZ", "RU"],
            organizers=[library],
        ),
        "cancelled": make_event(
            venue=oskemen,
            starts_at=local(2024, 4, 10, 19),
            event_status=Event.EventStatus.CANCELLED,
            guests=999,
        ),
        "draft": make_event(
            venue=ulan,
            starts_at=local(2024, 5, 10, 19),
            publication_status=Event.PublicationStatus.DRAFT,
            guests=888,
        ),
        "no_attendance": make_event(
            kind=Event.Kind.EXHIBITION,
            activity_types=("90.03",),
            venue=ulan,
            starts_at=local(2024, 6, 1, 10),
            ends_at=local(2024, 6, 30, 18),
        ),
        "outside": make_event(
            venue=abroad,
            starts_at=local(2024, 7, 5, 19),
            guests=100,
            participants=10,
            participating_countries=["CN", "KZ"],
        ),
        # Crafts and heritage: once in each column, once in the row total.
        "two_groups": make_event(
            kind=Event.Kind.FAIR,
            activity_types=("13.93", "91.01"),
            venue=ulan,
            starts_at=local(2024, 10, 12),
            ends_at=local(2024, 10, 12, 23, 59),
            guests=5000,
            participants=200,
            participating_countries=["KZ", "MN", "RU"],
        ),
        # Online only, from New Year's Eve into 2025.
        "online": make_event(
            kind=Event.Kind.COURSE,
            activity_types=("62.01",),
            online_url="https://example.org/stream",
            starts_at=local(2024, 12, 31, 23),
            ends_at=local(2025, 1, 2, 12),
            guests=20,
        ),
        # Across midnight of New Year: in both years.
        "new_year": make_event(
            venue=oskemen,
            starts_at=local(2023, 12, 31, 20),
            ends_at=local(2024, 1, 1, 2),
            guests=70,
        ),
        # Kazakhstan only: not an international event.
        "previous": make_event(
            venue=oskemen,
            starts_at=local(2023, 11, 20, 19),
            guests=50,
            participants=5,
            participating_countries=["KZ"],
        ),
    }


def as_rows(changes):
    return [(c.label, c.current, c.previous, c.difference, c.percent) for c in changes]


def table_by_label(figures):
    """{row label: ([(events, guests) per column], total, previous total)}."""
    return {
        row.label: (
            [(cell.events, cell.guests) for cell in row.cells],
            (row.total.events, row.total.guests),
            (row.previous_total.events, row.previous_total.guests),
        )
        for row in figures.table()
    }


COLUMNS = [
    "Crafts and folk art",
    "Fashion",
    "Design",
    "Architecture",
    "Visual arts and photography",
    "Performing arts",
    "Music industry",
    "Film, TV and radio",
    "Publishing and media",
    "Advertising and PR",
    "IT, software and games",
    "Heritage, museums, libraries and education",
]


def cells(**by_column):
    """A row of (events, guests) cells, zero except the named columns' indexes."""
    row = [(0, 0)] * len(COLUMNS)
    for name, cell in by_column.items():
        row[int(name.removeprefix("c"))] = cell
    return row


def test_totals_count_held_events_overlapping_the_period(data_set):
    figures = figures_for(**YEAR_2024)

    assert as_rows(figures.totals()) == [
        ("Events held", 6, 2, 4, 200.0),
        ("Guests recorded", 5490, 120, 5370, 4475.0),
        ("Events with no guests recorded yet", 1, 0, 1, None),
        ("Participants recorded", 250, 5, 245, 4900.0),
        ("Events with no participants recorded yet", 3, 1, 2, 200.0),
        ("International events", 3, 0, 3, None),
        ("Countries represented", 4, 0, 4, None),
    ]


def test_events_by_kind_in_both_periods(data_set):
    figures = figures_for(**YEAR_2024)

    assert as_rows(figures.kinds()) == [
        ("Festival", 1, 0, 1, None),
        ("Concert", 2, 2, 0, 0.0),
        ("Exhibition", 1, 0, 1, None),
        ("Fair", 1, 0, 1, None),
        ("Course", 1, 0, 1, None),
    ]


def test_districts_by_groups_table_counts_two_groups_in_each_column(data_set):
    figures = figures_for(**YEAR_2024)

    assert [column.label for column in figures.columns] == COLUMNS
    table = table_by_label(figures)
    assert list(table) == [
        "Oskemen",
        "Ridder",
        "Altai District",
        "Glubokoye District",
        "Zaisan District",
        "Katon-Karagay District",
        "Kurchum District",
        "Markakol District",
        "Samar District",
        "Tarbagatai District",
        "Ulan District",
        "Ulken Naryn District",
        "Shemonaikha District",
        "outside the region / online",
        "Total",
    ]
    # Spanning festival and the New Year concert: performing arts.
    assert table["Oskemen"] == (
        cells(c5=(2, 370)),
        (2, 370),
        (2, 120),
    )
    # Exhibition (visual arts, no guests) and the fair in two groups.
    assert table["Ulan District"] == (
        cells(c0=(1, 5000), c4=(1, 0), c11=(1, 5000)),
        (2, 5000),
        (0, 0),
    )
    # The concert abroad and the online course.
    assert table["outside the region / online"] == (
        cells(c5=(1, 100), c10=(1, 20)),
        (2, 120),
        (0, 0),
    )
    assert table["Ridder"] == (cells(), (0, 0), (0, 0))
    assert table["Total"] == (
        cells(c0=(1, 5000), c4=(1, 0), c5=(3, 470), c10=(1, 20), c11=(1, 5000)),
        (6, 5490),
        (2, 120),
    )


def test_two_types_of_one_group_count_once_and_untyped_events_have_a_column():
    make_event(
        activity_types=("13.93", "13.99"), starts_at=local(2024, 5, 1), guests=100
    )
    make_event(activity_types=(), starts_at=local(2024, 5, 2), guests=7)

    figures = figures_for(**YEAR_2024)

    assert figures.columns[-1].label == "no activity type"
    total = figures.table()[-1]
    assert [(cell.events, cell.guests) for cell in total.cells] == [
        *cells(c0=(1, 100)),
        (1, 7),
    ]
    assert (total.total.events, total.total.guests) == (2, 107)


def test_months_count_an_event_in_each_month_and_its_guests_once(data_set):
    figures = figures_for(**YEAR_2024)

    months = [
        (row.current.label, row.current.events, row.current.guests)
        for row in figures.months()
    ]
    assert months == [
        ("2024-01", 1, 70),  # the New Year concert, begun in 2023
        ("2024-02", 1, 300),
        ("2024-03", 1, 0),  # the festival's last two days
        ("2024-04", 0, 0),  # cancelled
        ("2024-05", 0, 0),  # draft
        ("2024-06", 1, 0),
        ("2024-07", 1, 100),
        ("2024-08", 0, 0),
        ("2024-09", 0, 0),
        ("2024-10", 1, 5000),
        ("2024-11", 0, 0),
        ("2024-12", 1, 20),
    ]
    assert sum(month.guests for month in figures.current.months) == 5490
    previous = [
        (row.previous.label, row.previous.events, row.previous.guests)
        for row in figures.months()
        if row.previous.events
    ]
    assert previous == [("2023-11", 1, 50), ("2023-12", 1, 70)]


def test_countries_of_international_events(data_set):
    figures = figures_for(**YEAR_2024)

    assert [
        (row.code, row.name, row.events, row.previous_events)
        for row in figures.countries()
    ] == [
        ("KZ", "Kazakhstan", 3, 0),
        ("RU", "Russia", 2, 0),
        ("CN", "China", 1, 0),
        ("MN", "Mongolia", 1, 0),
    ]
    # Kazakhstan alone does not make 2023's concert international.
    assert figures.previous.countries == ()


@pytest.mark.parametrize(
    ("first", "last", "previous_first", "previous_last"),
    [
        ((2024, 1, 1), (2024, 12, 31), (2023, 1, 1), (2023, 12, 31)),
        ((2024, 1, 1), (2024, 3, 31), (2023, 10, 1), (2023, 12, 31)),
        ((2024, 3, 1), (2024, 3, 31), (2024, 2, 1), (2024, 2, 29)),
        ((2024, 2, 28), (2024, 3, 2), (2024, 2, 24), (2024, 2, 27)),
    ],
)
def test_previous_period_steps_back_by_months_or_days(
    first, last, previous_first, previous_last
):
    day = datetime.date
    assert previous_period(day(*first), day(*last)) == (
        day(*previous_first),
        day(*previous_last),
    )


def test_a_period_of_days_clips_its_months(data_set):
    figures = figures_for(
        start=datetime.date(2024, 2, 29), end=datetime.date(2024, 3, 1)
    )

    assert [
        (m.first_day, m.last_day, m.events, m.guests) for m in figures.current.months
    ] == [
        (datetime.date(2024, 2, 29), datetime.date(2024, 2, 29), 1, 300),
        (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), 1, 0),
    ]
    assert (figures.previous.start, figures.previous.end) == (
        datetime.date(2024, 2, 27),
        datetime.date(2024, 2, 28),
    )
    assert figures.previous.events == 1


def test_filters_mean_what_they_mean_on_the_public_list(data_set):
    def events(**filters):
        return figures_for(**YEAR_2024, filters=filters).current.events

    assert events(district="ulan") == 2
    assert events(district="outside") == 1  # the venue abroad, not the online one
    assert events(district=["ulan", "oskemen"]) == 4
    assert events(group="crafts") == 1
    assert events(activity_type="90.01") == 3
    assert events(kind="concert") == 2
    assert events(organization="library") == 1
    with pytest.raises(ValueError):
        figures_for(**YEAR_2024, filters={"district": "atlantis"})


def test_a_district_filter_keeps_only_its_rows(data_set):
    figures = figures_for(**YEAR_2024, filters={"district": "ulan"})

    assert [row.label for row in figures.table()] == ["Ulan District", "Total"]
    assert figures.filters == (("District", "Ulan District"),)


# The page


def test_the_page_shows_the_figures_of_the_period(moderator_client, data_set):
    response = moderator_client.get(FIGURES_URL, {"year": "2024"})

    assert response.status_code == 200
    figures = response.context["figures"]
    assert as_rows(figures.totals()) == as_rows(figures_for(**YEAR_2024).totals())
    html = response.content.decode()
    assert "<title>Figures | Creative East</title>" in html
    assert '<a href="/admin/">Home</a> &rsaquo; Figures' in html
    assert "Jan. 1, 2024 – Dec. 31, 2024</strong>" in html
    assert "Jan. 1, 2023 – Dec. 31, 2023." in html
    assert '<th scope="row">Guests recorded</th>' in html
    assert '<td class="number">5,490</td>' in html
    assert "counts once in each of those groups' columns" in html
    assert 'id="admin-language"' in html  # the admin's header
    assert html.count('<figure class="figures-chart">') == 2
    assert 'aria-labelledby="chart-events-caption chart-events-desc"' in html
    assert "/admin/figures/figures.xlsx?year=2024" in html


def test_the_default_period_is_this_year_in_almaty(moderator_client):
    response = moderator_client.get(FIGURES_URL)

    year = timezone.localdate().year
    figures = response.context["figures"]
    assert (figures.current.start, figures.current.end) == (
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
    )
    assert response.context["form"]["year"].value() == str(year)


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ({"year": "2024", "quarter": "1"}, (2024, 1, 1), (2024, 3, 31)),
        ({"year": "2024", "quarter": "4"}, (2024, 10, 1), (2024, 12, 31)),
        ({"year": "2024", "month": "2"}, (2024, 2, 1), (2024, 2, 29)),
        (
            {"date_from": "2024-02-28", "date_to": "2024-03-02"},
            (2024, 2, 28),
            (2024, 3, 2),
        ),
        # The dates win over the year.
        (
            {"year": "2020", "date_from": "2024-05-01", "date_to": "2024-05-01"},
            (2024, 5, 1),
            (2024, 5, 1),
        ),
    ],
)
def test_the_period_form(moderator_client, query, start, end):
    figures = moderator_client.get(FIGURES_URL, query).context["figures"]

    assert (figures.current.start, figures.current.end) == (
        datetime.date(*start),
        datetime.date(*end),
    )


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"year": "abc"}, "year", "Enter a whole number."),
        ({"year": "99999"}, "year", "Ensure this value is less than or equal to 2100."),
        ({"year": "2024", "quarter": "5"}, "quarter", "Select a valid choice."),
        (
            {"year": "2024", "quarter": "1", "month": "2"},
            "month",
            "Choose a quarter or a month, not both.",
        ),
        (
            {"date_from": "2024-05-01", "date_to": "2024-01-01"},
            "date_to",
            "The period cannot end before it starts.",
        ),
        (
            {"date_from": "2024-05-01"},
            "date_to",
            "Give the last day of the period too.",
        ),
        (
            {"date_to": "2024-05-01"},
            "date_from",
            "Give the first day of the period too.",
        ),
        (
            {"date_from": "yesterday", "date_to": "2024-01-01"},
            "date_from",
            "Enter a valid date.",
        ),
        (
            {"date_from": "2000-01-01", "date_to": "2024-01-01"},
            "date_to",
            "A period can be at most ten years long.",
        ),
        (
            {"date_from": "0001-01-01", "date_to": "0001-01-02"},
            "date_from",
            "Choose a day from 2000 to 2100.",
        ),
        ({"district": "atlantis"}, "district", "Select a valid choice."),
        ({"group": "\x00"}, "group", "Select a valid choice."),
        ({"organization": "nobody"}, "organization", "Select a valid choice."),
    ],
)
def test_bad_input_shows_a_message_on_the_field(
    moderator_client, query, field, message
):
    response = moderator_client.get(FIGURES_URL, query)

    assert response.status_code == 200
    assert response.context["figures"] is None
    assert any(
        error.startswith(message) for error in response.context["form"].errors[field]
    )
    assert "Please correct the errors below." in response.content.decode()

    download = moderator_client.get(reverse("admin-figures-xlsx"), query)
    assert download.status_code == 400
    assert download.content.decode().startswith(field)


FORM_FIELDS = [
    "year",
    "quarter",
    "month",
    "date_from",
    "date_to",
    "district",
    "group",
    "activity_type",
    "kind",
    "organization",
]
generated_queries = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(FORM_FIELDS), st.text(max_size=5)),
        st.one_of(
            st.sampled_from(["2024", "1", "4", "12", "ulan", "outside", "crafts", ""]),
            st.text(max_size=12),
            st.dates().map(datetime.date.isoformat),
            st.integers().map(str),
        ),
    ),
    max_size=6,
)


@pytest.mark.parametrize(
    "url", [FIGURES_URL, reverse("admin-figures-xlsx"), reverse("admin-figures-csv")]
)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=generated_queries)
def test_no_generated_query_causes_a_server_error(moderator_client, url, query):
    assert moderator_client.get(url, query).status_code in (200, 400)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        (FIGURES_URL, "text/html; charset=utf-8"),
        (
            reverse("admin-figures-xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (reverse("admin-figures-csv"), "text/csv; charset=utf-8"),
    ],
)
def test_only_moderators_and_administrators_see_the_figures(
    client, editor, moderator, superuser, url, content_type
):
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/admin/login/?next={url}"
    client.force_login(editor)
    assert client.get(url).status_code == 403
    for user in (moderator, superuser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type


def test_the_admin_index_links_to_the_figures_for_moderators_only(
    client, editor, moderator
):
    link = f'<a href="{FIGURES_URL}">Figures</a>'
    client.force_login(moderator)
    assert link in client.get("/admin/").content.decode()
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert link not in page
    assert '<div class="dashboard-shortcuts">' in page


# The downloads equal the page


def page_and_downloads(client, query):
    figures = client.get(FIGURES_URL, query).context["figures"]
    xlsx = client.get(reverse("admin-figures-xlsx"), query)
    csv_response = client.get(reverse("admin-figures-csv"), query)
    return figures, xlsx, csv_response


def test_the_xlsx_has_the_page_numbers(moderator_client, data_set):
    figures, response, _csv = page_and_downloads(moderator_client, {"year": "2024"})

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="figures-2024-01-01-2024-12-31.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Period",
        "Totals",
        "Kinds",
        "Events by district",
        "Guests by district",
        "Months",
        "Countries",
    ]

    def rows(sheet):
        return [list(row) for row in book[sheet].iter_rows(min_row=3, values_only=True)]

    assert rows("Totals") == [list(row) for row in as_rows(figures.totals())]
    assert rows("Totals")[0] == ["Events held", 6, 2, 4, 200]
    assert rows("Kinds") == [list(row) for row in as_rows(figures.kinds())]
    events = rows("Events by district")
    assert events[-1] == ["Total", 1, 0, 0, 0, 1, 3, 0, 0, 0, 0, 1, 1, 6, 2, 4]
    assert events == [
        [
            row.label,
            *(c.events for c in row.cells),
            row.total.events,
            row.previous_total.events,
            row.events_change.difference,
        ]
        for row in figures.table()
    ]
    guests = rows("Guests by district")
    assert guests[-1][0] == "Total"
    assert guests[-1][-3:] == [5490, 120, 5370]
    assert [row[1:3] for row in rows("Months")] == [
        [row.current.events, row.current.guests] for row in figures.months()
    ]
    assert rows("Countries") == [
        [row.name, row.code, row.events, row.previous_events]
        for row in figures.countries()
    ]
    period = rows("Period")
    assert period[0][0] == "This period"
    assert period[0][1].date() == datetime.date(2024, 1, 1)


def test_the_csv_has_the_page_numbers(moderator_client, data_set):
    figures, _xlsx, response = page_and_downloads(
        moderator_client, {"year": "2024", "district": "ulan"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sections = {}
    for line in lines:
        if len(line) == 1:
            title = line[0]
            sections[title] = []
        elif line:
            sections[title].append(line)
    assert list(sections) == [
        "Figures",
        "Totals",
        "Events by kind",
        "Events by district and activity-type group",
        "Guests by district and activity-type group",
        "Events and guests by month",
        "Countries represented at international events",
    ]
    assert sections["Figures"][1:] == [
        ["This period", "2024-01-01", "2024-12-31"],
        ["Previous period", "2023-01-01", "2023-12-31"],
        ["District", "Ulan District", ""],
    ]
    assert sections["Totals"][1:] == [
        [
            c.label,
            str(c.current),
            str(c.previous),
            str(c.difference),
            "" if c.percent is None else str(c.percent),
        ]
        for c in figures.totals()
    ]
    assert sections["Totals"][1] == ["Events held", "2", "0", "2", ""]
    # Ulan District is the only row, so the total is the same.
    ulan = ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "1", "2", "0", "2"]
    assert sections["Events by district and activity-type group"][1:] == [
        ["Ulan District", *ulan],
        ["Total", *ulan],
    ]
    assert sections["Guests by district and activity-type group"][-1][-3:] == [
        "5000",
        "0",
        "5000",
    ]
    assert sections["Events and guests by month"][10] == [
        "2024-10",
        "1",
        "5000",
        "2023-10",
        "0",
        "0",
    ]


def test_ulan_district_in_2024_by_activity_group(moderator_client):
    """The issue's question, on data like the demo's."""
    bozanbai = make_venue(name="Бозанбай", slug="bozanbai", district="ulan")
    make_event(
        slug="shygys-salburyny-2024",
        kind=Event.Kind.FESTIVAL,
        activity_types=("91.03", "90.02", "13.93"),
        venue=bozanbai,
        starts_at=local(2024, 10, 12),
        ends_at=local(2024, 10, 12, 23, 59),
        guests=5000,
        participating_countries=["KZ", "MN", "CN", "HU", "RU", "KG"],
    )
    make_event(
        slug="master-classes",
        kind=Event.Kind.MASTER_CLASS,
        activity_types=("13.93", "85.52"),
        venue=bozanbai,
        starts_at=local(2024, 10, 12),
    )
    make_event(slug="elsewhere", starts_at=local(2024, 5, 1, 19), guests=400)
    make_event(slug="next-year", venue=bozanbai, starts_at=local(2025, 10, 8))

    query = {"year": "2024", "district": "ulan"}
    figures = moderator_client.get(FIGURES_URL, query).context["figures"]

    assert (figures.current.events, figures.current.guests) == (2, 5000)
    assert table_by_label(figures) == {
        "Ulan District": (
            cells(c0=(2, 5000), c5=(1, 5000), c11=(2, 5000)),
            (2, 5000),
            (0, 0),
        ),
        "Total": (
            cells(c0=(2, 5000), c5=(1, 5000), c11=(2, 5000)),
            (2, 5000),
            (0, 0),
        ),
    }
    assert len(figures.countries()) == 6
    book = openpyxl.load_workbook(
        io.BytesIO(moderator_client.get(reverse("admin-figures-xlsx"), query).content)
    )
    assert list(book["Events by district"].iter_rows(min_row=3, values_only=True)) == [
        ("Ulan District", 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 2, 0, 2),
        ("Total", 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 2, 0, 2),
    ]


def test_the_page_runs_a_fixed_number_of_queries(moderator_client):
    def queries_with(number_of_events):
        Event.objects.all().delete()
        venues = [make_venue(), make_venue(district=None)]
        for index in range(number_of_events):
            make_event(
                venue=venues[index % 2],
                activity_types=("90.01", "13.93")[: index % 2 + 1],
                starts_at=local(2024, index % 12 + 1, 10),
                guests=index,
                participating_countries=["KZ", "RU"] if index % 3 else [],
            )
        with CaptureQueriesContext(connection) as context:
            response = moderator_client.get(
                FIGURES_URL, {"year": "2024", "group": "crafts"}
            )
        assert response.context["figures"].current.events == number_of_events // 2
        return len(context.captured_queries)

    assert queries_with(3) == queries_with(30) == 20

import csv
import gc
import io
import weakref

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import exports
from events.models import Event
from tests.factories import (
    in_days,
    local,
    make_event,
    make_organization,
    make_salburyn,
    make_venue,
    whole_days,
)

pytestmark = pytest.mark.django_db

BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_file_is_utf8_with_a_byte_order_mark_and_a_file_name(client):
    make_event()

    response, content = download(client, "/en/events/export.csv")

    assert content.startswith(BYTE_ORDER_MARK + b"id,Title,Kind,")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'


def test_the_header_is_in_the_language_of_the_page(client):
    _response, content = download(client, "/ru/events/export.csv")

    assert rows(content) == [
        [
            "id",
            "Название",
            "Тип",
            "Начало",
            "Окончание",
            "Точность даты",
            "Площадка",
            "Населённый пункт",
            "Район",
            "Организаторы",
            "Виды деятельности",
            "Вход свободный",
            "Цена от, ₸",
            "Цена до, ₸",
            "Гости",
            "Участники",
            "Страны-участницы",
            "Статус мероприятия",
            "URL",
        ]
    ]


def test_a_row_holds_the_event_as_the_page_shows_it(client):
    event = make_salburyn(
        activity_types=("90.02", "91.03"),
        starts_at=local(2025, 10, 8, 10),
        ends_at=local(2025, 10, 11, 18, 30),
        organizers=[make_organization(name_kk="ШҚО мәдениет басқармасы")],
        price_from=1000,
        price_to=5000,
        guests=10000,
        participants=120,
        participating_countries=["KZ", "MN"],
        event_status=Event.EventStatus.RESCHEDULED,
    )

    _response, content = download(client, "/kk/events/export.csv?when=past")

    assert rows(content)[1] == [
        str(event.pk),
        "«Шығыс салбурыны» құсбегілер фестивалі",
        "фестиваль",
        "2025-10-08 10:00",
        "2025-10-11 18:30",
        "күні мен уақыты",
        "«Бүркіт төбе» алаңы",
        "Бозанбай ауылы",
        "Ұлан ауданы",
        "ШҚО мәдениет басқармасы",
        "90.02; 91.03",
        "жоқ",
        "1000",
        "5000",
        "10000",
        "120",
        "KZ; MN",
        "басқа күнге ауыстырылды",
        "http://testserver/kk/events/salburyn/",
    ]


def test_a_date_only_event_has_dates_without_time(client):
    make_event(
        title_en="Free fair",
        **whole_days((2025, 10, 8), (2025, 10, 11)),
        is_free=True,
        venue=make_venue(name_en="Arena", district=None, locality_en="Almaty"),
    )

    _response, content = download(client, "/en/events/export.csv?when=past")

    assert rows(content)[1][1:12] == [
        "Free fair",
        "concert",
        "2025-10-08",
        "2025-10-11",
        "date only",
        "Arena",
        "Almaty",
        "",
        "",
        "90.01",
        "yes",
    ]


def test_a_cell_that_would_be_a_formula_is_kept_as_text(client):
    make_event(title_en='=HYPERLINK("https://example.org")')

    _response, content = download(client, "/en/events/export.csv")

    assert rows(content)[1][1] == '\'=HYPERLINK("https://example.org")'


def test_the_list_filters_apply_and_drafts_are_left_out(client):
    later = make_event(title_en="Later", starts_at=in_days(3), district="ulan")
    sooner = make_event(title_en="Sooner", starts_at=in_days(1), district="ulan")
    make_event(title_en="Elsewhere", starts_at=in_days(2))
    make_event(
        title_en="Draft",
        district="ulan",
        publication_status=Event.PublicationStatus.DRAFT,
    )
    make_event(
        title_en="In review",
        district="ulan",
        publication_status=Event.PublicationStatus.REVIEW,
    )

    _response, content = download(client, "/en/events/export.csv?district=ulan")

    assert [row[:2] for row in rows(content)[1:]] == [
        [str(sooner.pk), "Sooner"],
        [str(later.pk), "Later"],
    ]


def test_a_value_the_list_cannot_read_is_ignored_as_on_the_page(client):
    event = make_event()

    for query in ("district=nowhere", "date_from=0001-01-01", "date_to=9999-12-31"):
        _response, content = download(client, f"/en/events/export.csv?{query}")
        assert [row[0] for row in rows(content)[1:]] == [str(event.pk)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        download(client, url)
    return len(queries)


def test_the_export_costs_a_fixed_number_of_queries(client):
    def make_events(count):
        for _number in range(count):
            make_event(
                organizers=[make_organization()], activity_types=("90.01", "13.93")
            )

    make_events(2)
    few = count_queries(client, "/en/events/export.csv")
    make_events(20)
    many = count_queries(client, "/en/events/export.csv")

    # Whether a next part follows; the events with their venue and district,
    # their organizers, their types.
    assert few == many == 4


def test_a_large_export_comes_in_parts_named_by_the_link_header(client, settings):
    settings.EXPORT_MAX_ROWS = 2
    # Past events: the latest first.
    events = [make_event(starts_at=local(2024, 10, day, 10)) for day in (3, 2, 1)]

    first, first_content = download(client, "/en/events/export.csv?when=past")
    second, second_content = download(client, "/en/events/export.csv?when=past&page=2")

    assert [row[0] for row in rows(first_content)[1:]] == [
        str(event.pk) for event in events[:2]
    ]
    assert first["Link"] == (
        '<http://testserver/en/events/export.csv?when=past&page=2>; rel="next"'
    )
    assert [row[0] for row in rows(second_content)[1:]] == [str(events[2].pk)]
    assert rows(second_content)[0] == rows(first_content)[0]
    assert "Link" not in second
    assert second["Content-Disposition"] == 'attachment; filename="events-2.csv"'


@pytest.mark.parametrize("page", ["0", "x", "-1", "²"])
def test_a_malformed_part_number_gives_the_first_part(client, page):
    make_event(starts_at=local(2024, 10, 1, 10))

    _response, content = download(
        client, f"/en/events/export.csv?when=past&page={page}"
    )

    assert len(rows(content)) == 2


def test_the_export_streams_rows_without_holding_them(client, monkeypatch):
    """A few thousand rows: each is written out before the next is read."""
    Event.objects.bulk_create(
        Event(
            title=f"Event {number}",
            slug=f"event-{number}",
            starts_at=local(2024, 1, 1, 10),
            publication_status=Event.PublicationStatus.PUBLISHED,
            kind=Event.Kind.CONCERT,
        )
        for number in range(3000)
    )
    alive = []
    real_row = exports.row

    def counting_row(event, request, labels):
        alive.append(weakref.ref(event))
        return real_row(event, request, labels)

    monkeypatch.setattr(exports, "row", counting_row)
    response = client.get("/en/events/export.csv?when=past")

    most_alive = 0
    lines = 0
    for _line in response.streaming_content:
        lines += 1
        if lines % 250 == 0:
            gc.collect()
            most_alive = max(most_alive, sum(ref() is not None for ref in alive))
    assert lines == 3001
    # The iterator holds one chunk of rows, not the whole answer.
    assert most_alive <= exports.CHUNK_SIZE

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests.factories import (
    in_days,
    in_each_language,
    local,
    make_event,
    make_organization,
    make_salburyn,
    make_venue,
    moment,
)

pytestmark = pytest.mark.django_db


def api_ids(client, query=""):
    response = client.get(f"/api/v1/events/?{query}&page_size=100")
    assert response.status_code == 200, response.json()
    return [event["id"] for event in response.json()["results"]]


def list_page_ids(client, query=""):
    """The events the public HTML list shows for the same parameters."""
    response = client.get(f"/en/events/?{query}")
    assert response.status_code == 200
    return [event.pk for event in response.context["page_obj"].object_list]


def test_an_event_shows_every_field_in_every_language(client):
    library = make_organization(name="Pushkin Library", slug="pushkin-library")
    philharmonic = make_organization(name="Regional Philharmonic", slug="philharmonic")
    festival = make_event(slug="salburyn-festival", kind=Event.Kind.FESTIVAL)
    event = make_salburyn(
        summary_kk="Құсбегілер сайысы.",
        summary_ru="Соревнование беркутчи.",
        summary_en="",
        description_ru="Пять дней у села Бозанбай.",
        kind=Event.Kind.CONTEST,
        activity_types=("91.03", "90.02"),
        date_precision=Event.DatePrecision.TIME,
        starts_at=local(2025, 10, 8, 10),
        ends_at=local(2025, 10, 11, 18, 30),
        previous_starts_at=local(2025, 9, 20, 10),
        event_status=Event.EventStatus.RESCHEDULED,
        organizers=[philharmonic, library],
        parent=festival,
        price_from=1000,
        price_to=5000,
        ticket_url="https://tickets.example.kz/salburyn",
        age_rating=Event.AgeRating.TWELVE,
        guests=10000,
        participants=120,
        participating_countries=["KZ", "MN"],
    )

    response = client.get("/api/v1/events/salburyn/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    expected = {
        "id": event.pk,
        "slug": "salburyn",
        "url": in_each_language("/events/salburyn/"),
        "title": {
            "kk": "«Шығыс салбурыны» құсбегілер фестивалі",
            "ru": "Фестиваль беркутчи «Шыгыс салбурыны»",
            "en": "Shygys Salburyny falconry festival",
        },
        "summary": {
            "kk": "Құсбегілер сайысы.",
            "ru": "Соревнование беркутчи.",
            "en": None,
        },
        "description": {"kk": None, "ru": "Пять дней у села Бозанбай.", "en": None},
        "kind": "contest",
        "activity_types": ["90.02", "91.03"],
        "event_status": "rescheduled",
        "date_precision": "time",
        "starts_at": "2025-10-08T10:00:00+05:00",
        "ends_at": "2025-10-11T18:30:00+05:00",
        "previous_starts_at": "2025-09-20T10:00:00+05:00",
        "venue": {"id": event.venue_id, "slug": "burkit-tobe"},
        "online_url": None,
        "organizers": [
            {"id": library.pk, "slug": "pushkin-library"},
            {"id": philharmonic.pk, "slug": "philharmonic"},
        ],
        "parent": {"id": festival.pk, "slug": "salburyn-festival"},
        "is_free": False,
        "price_from": 1000,
        "price_to": 5000,
        "ticket_url": "https://tickets.example.kz/salburyn",
        "age_rating": "12",
        "guests": 10000,
        "participants": 120,
        "participating_countries": ["KZ", "MN"],
        "created_at": moment(event.created_at),
        "updated_at": moment(event.updated_at),
    }
    assert response.json() == expected
    # The keys come in this order too.
    assert list(response.json()) == list(expected)


def test_the_list_is_paginated_with_the_same_event_objects(client):
    first = make_event(starts_at=in_days(1), online_url="https://meet.example.kz/a")
    second = make_event(starts_at=in_days(2))
    third = make_event(starts_at=in_days(3))

    body = client.get("/api/v1/events/?page_size=2").json()

    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 3
    assert body["next"] == "http://testserver/api/v1/events/?page=2&page_size=2"
    assert body["previous"] is None
    assert [event["id"] for event in body["results"]] == [first.pk, second.pk]
    details = [
        client.get(f"/api/v1/events/{event.pk}/").json() for event in (first, second)
    ]
    assert body["results"] == details
    assert [list(event) for event in body["results"]] == [list(d) for d in details]
    assert body["results"][0]["online_url"] == "https://meet.example.kz/a"
    assert body["results"][0]["venue"] is None
    second_page = client.get("/api/v1/events/?page=2&page_size=2").json()
    assert [event["id"] for event in second_page["results"]] == [third.pk]
    assert second_page["previous"] == "http://testserver/api/v1/events/?page_size=2"


def test_a_draft_parent_is_not_named(client):
    draft = make_event(publication_status=Event.PublicationStatus.DRAFT)
    event = make_event(parent=draft)

    body = client.get(f"/api/v1/events/{event.pk}/").json()

    assert body["parent"] is None


def test_an_event_is_found_by_id_or_by_slug(client):
    event = make_event(slug="aitys-2025")

    by_id = client.get(f"/api/v1/events/{event.pk}/")
    by_slug = client.get("/api/v1/events/aitys-2025/")

    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_id.json()["id"] == event.pk


@pytest.mark.parametrize("path", ["no-such-event", "123456789012345678901234567890"])
def test_an_unknown_event_answers_404(client, path):
    response = client.get(f"/api/v1/events/{path}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "status", [Event.PublicationStatus.DRAFT, Event.PublicationStatus.REVIEW]
)
def test_drafts_and_events_in_review_never_appear(client, status):
    public = make_event(title_en="Public concert")
    hidden = make_event(
        title_en="Hidden concert", slug="hidden", publication_status=status
    )

    assert api_ids(client) == [public.pk]
    assert api_ids(client, "q=hidden") == []
    assert client.get(f"/api/v1/events/{hidden.pk}/").status_code == 404
    assert client.get("/api/v1/events/hidden/").status_code == 404


def make_catalog():
    """Events in several districts, types, kinds and periods, Kazakh titles."""
    outside = make_venue(district=None)
    library = make_organization(slug="library")
    return [
        make_event(
            title_kk="ŞYĞYS ÖRKENІ фестивалі",
            title_ru="Фестиваль «Шығыс өркені»",
            kind=Event.Kind.FESTIVAL,
            activity_types=("90.01", "13.93"),
            starts_at=in_days(3),
            ends_at=in_days(6),
            district="ulan",
        ),
        make_event(
            title_en="Carpet fair",
            kind=Event.Kind.FAIR,
            activity_types=("13.93",),
            starts_at=in_days(1),
            district="ulan",
            organizers=[library],
            is_free=True,
        ),
        make_event(
            title_en="Hackathon",
            kind=Event.Kind.HACKATHON,
            activity_types=("62.01",),
            starts_at=in_days(2),
            district="oskemen",
        ),
        make_event(
            title_en="Guest concert",
            kind=Event.Kind.CONCERT,
            starts_at=in_days(5),
            venue=outside,
        ),
        make_event(
            title_ru="Шығыс концерті 2024",
            kind=Event.Kind.CONCERT,
            starts_at=local(2024, 10, 12, 10),
            district="ulan",
        ),
        make_event(
            title_en="Poets' school opening",
            kind=Event.Kind.OPENING,
            activity_types=("90.03",),
            starts_at=local(2025, 3, 1, 11),
            district="oskemen",
            organizers=[library],
        ),
        make_event(
            title_en="Festival of 2025",
            kind=Event.Kind.FESTIVAL,
            starts_at=local(2025, 10, 8, 10),
            ends_at=local(2025, 10, 11, 18),
            district="ulan",
        ),
    ]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"district": "ulan"},
        {"district": ["ulan", "outside"]},
        {"activity_type": "13.93"},
        {"group": "crafts"},
        {"kind": ["festival", "concert"]},
        {"when": "past"},
        {"when": "past", "district": "ulan"},
        {"when": "week"},
        {"q": "şyğys"},
        {"q": "shygys", "when": "past"},
        {"q": "шығыс өркені"},
        {"date_from": "2025-10-10", "date_to": "2025-10-10"},
        {"date_from": "2024-01-01", "date_to": "2025-12-31"},
        {"organization": "library", "when": "past"},
        {"organization": "library"},
        {"free": "1"},
    ],
)
def test_the_events_are_those_of_the_html_list_in_its_order(client, query):
    make_catalog()
    query = urlencode(query, doseq=True)

    ids = api_ids(client, query)

    assert ids
    assert ids == list_page_ids(client, query)


def test_a_search_in_kazakh_latin_finds_the_cyrillic_title(client):
    festival, *_others = make_catalog()

    assert api_ids(client, "q=%C5%9Fy%C4%9Fys") == [festival.pk]


def test_a_period_selects_every_event_that_overlaps_it(client):
    *_others, festival = make_catalog()

    assert api_ids(client, "date_from=2025-10-10&date_to=2025-10-10") == [festival.pk]


def test_updated_since_gives_the_events_changed_at_or_after_it(client):
    old = make_event(starts_at=in_days(1))
    new = make_event(starts_at=in_days(2))
    past = make_event(starts_at=local(2025, 3, 1, 10))
    Event.objects.filter(pk=old.pk).update(updated_at=local(2025, 1, 1, 9))
    Event.objects.filter(pk__in=[new.pk, past.pk]).update(
        updated_at=local(2025, 6, 1, 12)
    )

    assert api_ids(client, "updated_since=2025-06-01T12:00:00%2B05:00") == [new.pk]
    # The boundary is inclusive; a time without offset is local time.
    assert api_ids(client, "updated_since=2025-06-01T12:00") == [new.pk]
    assert api_ids(client, "updated_since=2025-06-01T07:00:00Z") == [new.pk]
    assert api_ids(client, "updated_since=2025-06-01T12:00:01%2B05:00") == []
    # An unencoded "+" arrives as a space, and still means "+".
    assert api_ids(client, "updated_since=2025-06-01T12:00:00+05:00") == [new.pk]
    assert api_ids(client, "updated_since=2024-12-31") == [old.pk, new.pk]
    assert api_ids(client, "updated_since=2025-03-01&when=past") == [past.pk]


def test_updated_since_takes_an_offset_the_database_would_refuse(client):
    """ISO 8601 allows offsets past 15:59, PostgreSQL does not: sent in UTC."""
    event = make_event(starts_at=in_days(1))
    Event.objects.filter(pk=event.pk).update(updated_at=local(2025, 6, 1, 12))

    assert api_ids(client, "updated_since=2025-05-31T14:00:00-16:29") == [event.pk]
    assert api_ids(client, "updated_since=2025-05-31T15:00:00-16:29") == []


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "updated_since=yesterday",
            [
                (
                    "updated_since",
                    "yesterday",
                    "Not a date and time in ISO 8601, e.g. 2025-10-01T00:00:00+05:00.",
                )
            ],
        ),
        (
            "district=nowhere",
            [
                (
                    "district",
                    "nowhere",
                    "Not a district slug (see /api/v1/districts/) nor “outside”.",
                )
            ],
        ),
        (
            "district=ulan&district=nowhere&kind=party",
            [
                (
                    "district",
                    "nowhere",
                    "Not a district slug (see /api/v1/districts/) nor “outside”.",
                ),
                ("kind", "party", "Not a kind of event."),
            ],
        ),
        (
            "activity_type=99.99",
            [("activity_type", "99.99", "Not the OKED code of an activity type.")],
        ),
        (
            "group=cooking",
            [("group", "cooking", "Not the slug of an activity-type group.")],
        ),
        (
            "when=someday",
            [
                (
                    "when",
                    "someday",
                    "Not one of today, tomorrow, weekend, week, month, upcoming, past.",
                )
            ],
        ),
        (
            "date_from=yesterday",
            [
                (
                    "date_from",
                    "yesterday",
                    "Not a date written as YYYY-MM-DD, or out of range.",
                )
            ],
        ),
        (
            "date_from=2025-10-11&date_to=2025-10-01",
            [
                (
                    "date_to",
                    "2025-10-01",
                    "Not a date written as YYYY-MM-DD, out of range, or before date_from.",
                )
            ],
        ),
        (
            "date_from=0001-01-01&date_to=9999-12-31",
            [
                (
                    "date_from",
                    "0001-01-01",
                    "Not a date written as YYYY-MM-DD, or out of range.",
                ),
                (
                    "date_to",
                    "9999-12-31",
                    "Not a date written as YYYY-MM-DD, out of range, or before date_from.",
                ),
            ],
        ),
        ("venue=atlantis", [("venue", "atlantis", "No venue has this slug.")]),
        (
            "organization=atlantis",
            [("organization", "atlantis", "No organization has this slug.")],
        ),
        ("free=yes", [("free", "yes", "The only value is 1.")]),
        ("q=%00", [("q", "\x00", "The search text holds control characters.")]),
        ("page=0", [("page", "0", "Not a page number (1, 2, ...).")]),
        ("page=-1", [("page", "-1", "Not a page number (1, 2, ...).")]),
        ("page=last", [("page", "last", "Not a page number (1, 2, ...).")]),
        ("page_size=101", [("page_size", "101", "Not a whole number from 1 to 100.")]),
        ("page_size=ten", [("page_size", "ten", "Not a whole number from 1 to 100.")]),
        (
            "updated_since=0001-01-01T00:00:00%2B05:00",
            [
                (
                    "updated_since",
                    "0001-01-01T00:00:00+05:00",
                    "Not a date and time in ISO 8601, e.g. 2025-10-01T00:00:00+05:00.",
                )
            ],
        ),
    ],
)
def test_a_malformed_parameter_answers_400_naming_it(client, query, errors):
    make_event()

    response = client.get(f"/api/v1/events/?{query}")

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"parameter": parameter, "value": value, "message": message}
            for parameter, value, message in errors
        ]
    }


def test_an_empty_parameter_means_no_filter(client):
    event = make_event()

    assert api_ids(client, "q=&district=&when=&page=") == [event.pk]


def test_a_page_beyond_the_last_answers_404(client):
    make_event()

    response = client.get("/api/v1/events/?page=2")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(client, method):
    event = make_event()

    assert getattr(client, method)("/api/v1/events/").status_code == 405
    assert getattr(client, method)(f"/api/v1/events/{event.pk}/").status_code == 405
    assert Event.objects.count() == 1


def make_events(count):
    for number in range(count):
        make_event(
            starts_at=in_days(1 + number % 5),
            organizers=[make_organization()],
            activity_types=("90.01", "13.93") if number % 2 else ("62.01",),
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Count, the page's events (their last changes), those events whole
        # (none kept without a shared cache), their activity types, organizers.
        ("", 5),
        # The same, after EventFilterSet reads the filters, once each: the
        # districts, the types and the groups named.
        ("district=ulan&district=oskemen&activity_type=90.01&group=crafts", 8),
    ],
)
def test_the_list_costs_a_fixed_number_of_queries(client, query, expected):
    make_events(2)
    few = count_queries(client, f"/api/v1/events/?page_size=100&{query}")
    make_events(18)
    many = count_queries(client, f"/api/v1/events/?page_size=100&{query}")

    assert few[0] == many[0] == expected
    assert few[1] < many[1]

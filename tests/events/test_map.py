"""The map of the list's events (/<lang>/events/map/) and the venue page's map."""

import json
import re

import pytest

from events.models import Event
from tests.factories import get_at_fixed_cost, in_days, local, make_event, make_venue

pytestmark = pytest.mark.django_db

MAP_DATA = re.compile(
    r'<script id="venue-map-data" type="application/json">(.*?)</script>', re.S
)
MAP_SCRIPT = '<script src="/static/js/event-map.js" defer></script>'


def map_data(page):
    """The data the page gives its map script, as the script reads it."""
    found = MAP_DATA.search(page)
    return json.loads(found.group(1)) if found else None


def markers(page):
    return [
        (marker["name"], marker["count"], marker["lat"], marker["lng"])
        for marker in map_data(page)["markers"]
    ]


@pytest.fixture
def places():
    """Three venues with coordinates, one without, and their events."""
    hall = make_venue(
        name="Hall", slug="hall", district="ulan", latitude=49.5, longitude=82.9
    )
    museum = make_venue(name="Museum", slug="museum", latitude=49.948, longitude=82.628)
    barn = make_venue(name="Barn", slug="barn", district="ulan", address="Main st. 1")
    abroad = make_venue(
        name="Abroad", slug="abroad", district=None, latitude=51.1, longitude=71.4
    )
    for _ in range(2):
        make_event(venue=hall, starts_at=in_days(3))
    make_event(venue=hall, starts_at=local(2024, 10, 12, 10))  # past
    make_event(venue=hall, publication_status=Event.PublicationStatus.DRAFT)
    make_event(
        title_en="Felt festival",
        venue=museum,
        kind=Event.Kind.FESTIVAL,
        starts_at=in_days(5),
    )
    make_event(venue=barn, starts_at=in_days(2))
    make_event(venue=abroad, starts_at=local(2024, 5, 1, 10))  # past only
    return hall, museum, barn, abroad


def test_the_markers_are_the_venues_with_coordinates_of_the_filtered_events(
    client, places
):
    page = client.get("/en/events/map/").content.decode()

    # The barn has no coordinates; Abroad only had a past event; drafts and
    # past events are not counted.
    # In the order of the listing: by district (Oskemen first), then by name.
    assert markers(page) == [("Museum", 1, 49.948, 82.628), ("Hall", 2, 49.5, 82.9)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("district=ulan", [("Hall", 2, 49.5, 82.9)]),
        ("kind=festival", [("Museum", 1, 49.948, 82.628)]),
        ("when=past", [("Abroad", 1, 51.1, 71.4), ("Hall", 1, 49.5, 82.9)]),
        ("venue=museum", [("Museum", 1, 49.948, 82.628)]),
        ("q=felt", [("Museum", 1, 49.948, 82.628)]),
    ],
)
def test_the_markers_follow_the_lists_parameters(client, places, query, expected):
    page = client.get(f"/en/events/map/?{query}").content.decode()

    assert sorted(markers(page)) == expected


def test_a_markers_popup_links_to_the_venue_and_to_its_events_in_the_list(
    client, places
):
    page = client.get("/en/events/map/?district=ulan&page=2").content.decode()

    [hall] = map_data(page)["markers"]
    assert hall["url"] == "/en/venues/hall/"
    assert hall["eventsUrl"] == "/en/events/?district=ulan&venue=hall"
    assert hall["countLabel"] == "2 events"
    listed = client.get(hall["eventsUrl"]).content.decode()
    assert "2 events" in listed


def test_without_javascript_the_venues_are_listed_by_district(client, places):
    page = client.get("/en/events/map/").content.decode()

    listing = page.split('id="map-venues-heading"', 1)[1]
    headings = re.findall(r"<h3>(.*?)</h3>", listing)
    assert headings == ["Oskemen", "Ulan District"]
    ulan = listing.split("<h3>Ulan District</h3>", 1)[1]
    rows = [
        re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<li>(.*?)</li>", ulan, re.S)
    ]
    assert [" ".join(row.split()) for row in rows] == [
        "Barn Main st. 1 1 event · not on the map (no coordinates)",
        "Hall 2 events · Show on OpenStreetMap",
    ]
    assert (
        '<a href="https://www.openstreetmap.org/?mlat=49.500000&amp;mlon=82.900000'
        '#map=17/49.500000/82.900000" rel="noopener">Show on OpenStreetMap</a>'
    ) in ulan
    assert '<a href="/en/events/?venue=barn">1 event</a>' in ulan


def test_venues_outside_the_region_come_last(client, places):
    page = client.get("/en/events/map/?when=past").content.decode()

    listing = page.split('id="map-venues-heading"', 1)[1]
    assert re.findall(r"<h3>(.*?)</h3>", listing) == [
        "Ulan District",
        "Outside the region",
    ]


def test_the_map_counts_venues_events_and_says_online_events_are_not_on_it(client):
    make_event(venue=make_venue(latitude=49.9, longitude=82.6))
    make_event(venue=None, online_url="https://example.org/stream")

    page = re.sub(r"\s+", " ", client.get("/en/events/map/").content.decode())

    assert "1 venue · 1 event ·" in page
    assert "1 online event is not on the map" in page


def test_nothing_upcoming_offers_the_venues_of_past_events(client, places):
    page = client.get("/en/events/map/?district=outside").content.decode()

    assert map_data(page) is None
    assert MAP_SCRIPT not in page
    assert "No upcoming events match these filters." in page
    assert 'href="?district=outside&amp;when=past"' in page


def test_no_map_is_drawn_when_no_venue_has_coordinates(client):
    make_event(venue=make_venue(name="Barn"))

    page = client.get("/en/events/map/").content.decode()

    assert map_data(page) is None
    assert MAP_SCRIPT not in page
    assert "Barn" in page


def test_without_a_tile_server_the_page_names_none(client, places):
    # The tests' setting (tests/conftest.py), as DJANGO_MAP_TILE_URL=off.
    page = client.get("/en/events/map/").content.decode()

    assert map_data(page)["tiles"] == ""
    assert map_data(page)["attribution"] == ""
    assert "openstreetmap.org/{z}" not in page


def test_the_tile_server_and_its_credit_are_given_to_the_map_script(
    client, places, settings
):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example <maps>"

    page = client.get("/en/events/map/").content.decode()

    assert map_data(page)["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert map_data(page)["attribution"] == "© Example <maps>"
    assert "© Example <maps>" not in page  # escaped in the JSON element


def test_the_map_page_loads_leaflet_and_its_script_from_the_site(client, places):
    page = client.get("/en/events/map/").content.decode()

    assert MAP_SCRIPT in page
    # Leaflet's files, which the script adds once the page is shown.
    assert map_data(page)["leaflet"] == {
        "css": "/static/vendor/leaflet/leaflet.css",
        "js": "/static/vendor/leaflet/leaflet.js",
    }
    # No inline script or style: only the JSON data element.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [
        '<script id="venue-map-data" type="application/json">'
    ]
    assert "style=" not in page


def test_the_list_and_the_map_link_to_each_other_with_the_filters(client, places):
    listing = client.get("/en/events/?district=ulan&kind=concert&page=1")
    on_map = client.get("/en/events/map/?district=ulan&kind=concert")

    assert (
        '<a href="/en/events/map/?district=ulan&amp;kind=concert">Map</a>'
        in listing.content.decode()
    )
    assert (
        '<a href="/en/events/?district=ulan&amp;kind=concert">List</a>'
        in on_map.content.decode()
    )


def test_the_map_page_is_in_kazakh_and_russian(client, places):
    kazakh = client.get("/kk/events/map/").content.decode()
    russian = client.get("/ru/events/map/").content.decode()

    assert "<h1>Іс-шаралар картасы</h1>" in kazakh
    assert "<h1>Карта мероприятий</h1>" in russian
    assert map_data(russian)["labels"] == {
        "zoomIn": "Приблизить",
        "zoomOut": "Отдалить",
        "close": "Закрыть",
    }
    assert [marker["countLabel"] for marker in map_data(russian)["markers"]] == [
        "1 мероприятие",
        "2 мероприятия",
    ]


def test_the_map_runs_a_fixed_number_of_queries(client):
    def add_venues(count):
        for _ in range(count):
            venue = make_venue(district="ulan", latitude=49.5, longitude=82.9)
            make_event(venue=venue, starts_at=in_days(3))
            make_event(venue=venue, starts_at=in_days(4))

    # The districts (read once: the FilterSet's check, its form and the
    # chips), the venues with their counts, the online events counted: as many
    # with 12 venues as with 2.
    response = get_at_fixed_cost(
        client,
        "/en/events/map/?district=ulan",
        3,
        few=lambda: add_venues(2),
        many=lambda: add_venues(10),
    )

    assert len(map_data(response.content.decode())["markers"]) == 12


def test_the_map_page_is_kept_in_the_page_cache(
    client, places, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/en/events/map/?district=ulan")

    with django_assert_num_queries(0):
        again = client.get("/en/events/map/?district=ulan")

    assert again.content == first.content


def test_a_venue_page_shows_its_own_map_with_one_marker(client):
    venue = make_venue(name="Hall", slug="hall", latitude=49.5, longitude=82.9)

    page = client.get("/en/venues/hall/").content.decode()

    assert MAP_SCRIPT in page
    assert map_data(page)["markers"] == [
        {"name": "Hall", "url": venue.get_absolute_url(), "lat": 49.5, "lng": 82.9}
    ]


def test_a_venue_without_coordinates_has_no_map(client):
    make_venue(name="Barn", slug="barn")

    page = client.get("/en/venues/barn/").content.decode()

    assert map_data(page) is None
    assert MAP_SCRIPT not in page

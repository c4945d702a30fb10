import pytest

from events.models import Event
from tests.factories import in_days, local, make_event, make_organization, make_venue

pytestmark = pytest.mark.django_db


def test_venue_page_shows_where_it_is_and_its_events(client):
    venue = make_venue(
        name_en="Burkit Tobe festival ground",
        locality_en="Bozanbay village",
        district="ulan",
    )
    make_event(
        title_en="Falconry festival", venue=venue, starts_at=local(2024, 10, 12, 10)
    )

    page = client.get(f"/en/venues/{venue.slug}/").content.decode()

    assert "<h1>Burkit Tobe festival ground</h1>" in page
    assert "Bozanbay village" in page
    assert '<a href="/en/events/?district=ulan">Ulan District</a>' in page
    assert "https://www.openstreetmap.org/search?query=Burkit+Tobe" in page
    assert page.index("Past") < page.index("Falconry festival")


def test_venue_with_coordinates_links_to_its_pin(client):
    venue = make_venue(latitude="49.948100", longitude="82.627900")

    page = client.get(f"/en/venues/{venue.slug}/").content.decode()

    assert "https://www.openstreetmap.org/?mlat=49.948100&amp;mlon=82.627900" in page


def test_venues_filter_by_district(client):
    make_venue(name_en="Ulan hall", district="ulan")
    make_venue(name_en="Astana Ballet", district=None)
    make_venue(name_en="Oskemen hall")

    ulan = client.get("/en/venues/?district=ulan").content.decode()
    outside = client.get("/en/venues/?district=outside").content.decode()

    assert "Ulan hall" in ulan and "Oskemen hall" not in ulan
    assert "Astana Ballet" in outside and "Ulan hall" not in outside


def test_organization_page_shows_departments_and_events(client):
    philharmonic = make_organization(name_en="Regional philharmonic")
    make_organization(
        name_en="Creative industry support department", parent=philharmonic
    )
    make_event(
        title_en="Culture days",
        organizers=[philharmonic],
        publication_status=Event.PublicationStatus.PUBLISHED,
    )

    page = client.get(f"/en/organizations/{philharmonic.slug}/").content.decode()

    assert "Creative industry support department" in page
    assert "Culture days" in page


def test_a_busy_venue_shows_its_next_and_latest_events_and_links_to_the_rest(
    client, django_assert_max_num_queries
):
    venue = make_venue()
    for day in range(1, 15):
        make_event(title_en=f"Coming {day:02}", venue=venue, starts_at=in_days(day))
    for day in range(1, 9):
        make_event(title_en=f"Gone {day:02}", venue=venue, starts_at=in_days(-day))

    # The venue, its two sections with their counts, their cards and images:
    # the same for a venue with thousands of events.
    with django_assert_max_num_queries(9):
        page = client.get(f"/en/venues/{venue.slug}/").content.decode()

    # The next twelve, in order, and the six latest past events.
    assert "Coming 12" in page and "Coming 13" not in page
    assert page.index("Coming 01") < page.index("Coming 12")
    assert "Gone 06" in page and "Gone 07" not in page
    assert page.index("Gone 01") < page.index("Gone 06")
    upcoming = f'href="/en/events/?venue={venue.slug}&amp;when=upcoming">All 14'
    assert upcoming in page
    assert f'href="/en/events/?venue={venue.slug}&amp;when=past">All 8' in page


def test_an_organization_links_to_all_its_past_events_in_kazakh(client):
    library = make_organization(name_en="Regional library")
    for day in range(1, 8):
        make_event(organizers=[library], starts_at=in_days(-day))

    page = client.get(f"/kk/organizations/{library.slug}/").content.decode()

    assert (
        f'?organization={library.slug}&amp;when=past">Барлық өткен іс-шаралар (7)'
        in (page)
    )
    assert 'when=upcoming">Барлық' not in page

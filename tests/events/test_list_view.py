import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests.factories import in_days, local, make_event, make_organization, make_venue
from venues.models import District

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_published_events(client):
    make_event(title_en="Orchestra concert", starts_at=in_days(7))
    make_event(title_en="Last year's fair", starts_at=local(2024, 5, 1, 10))
    make_event(title_en="Secret", publication_status=Event.PublicationStatus.DRAFT)

    page = client.get("/en/events/").content.decode()

    assert "Orchestra concert" in page
    assert "Last year" not in page
    assert "Secret" not in page
    assert "1 event" in page


def test_filters_show_as_removable_chips(client):
    make_event(district="ulan")

    page = client.get(
        "/en/events/?district=ulan&kind=festival&q=aitys"
    ).content.decode()

    assert 'href="?kind=festival&amp;q=aitys" class="chip">Ulan District' in page
    assert 'href="?district=ulan&amp;q=aitys" class="chip">festival' in page
    assert 'href="?district=ulan&amp;kind=festival" class="chip">«aitys»' in page


def test_the_form_shows_each_choice_with_its_count(client):
    make_event(kind=Event.Kind.FESTIVAL, district="ulan")
    make_event(kind=Event.Kind.FESTIVAL, district="ulan")

    page = client.get("/en/events/?district=ulan").content.decode()

    assert (
        '<input type="checkbox" name="district" value="ulan" checked> '
        'Ulan District <span class="count">(2)</span>'
    ) in page
    assert 'value="festival"> festival <span class="count">(2)</span>' in page
    assert 'value="ridder"> Ridder <span class="count">(0)</span>' in page


def test_what_was_ignored_is_said(client):
    response = client.get("/en/events/?district=nowhere&date_from=yesterday")

    page = response.content.decode()
    assert response.status_code == 200
    assert "was not understood and was ignored" in page
    assert "<code>district=nowhere</code>" in page
    assert "<code>date_from=yesterday</code>" in page


@pytest.mark.parametrize("query", ["q=carpet", "q=carpet&when=upcoming"])
def test_nothing_upcoming_offers_recent_past_events_that_match(client, query):
    # "upcoming" is the form's default period: it still offers past events.
    make_event(title_en="Carpet festival 2024", starts_at=local(2024, 10, 12, 10))

    page = client.get(f"/en/events/?{query}").content.decode()

    assert "No upcoming events match these filters." in page
    assert "Recent past events that match" in page
    assert "Carpet festival 2024" in page


def test_pagination_keeps_the_filters(client):
    venue = make_venue(district="ulan")
    for _ in range(21):
        make_event(venue=venue, starts_at=in_days(7))

    page = client.get("/en/events/?district=ulan").content.decode()

    assert 'href="?district=ulan&amp;page=2"' in page
    assert "Page 1 of 2" in page


@pytest.mark.parametrize("page", ["0", "-1", "99999", "abc"])
def test_a_bad_page_number_shows_the_nearest_page(client, page):
    event = make_event(title_en="Orchestra concert", starts_at=in_days(7))

    response = client.get(f"/en/events/?page={page}")

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert list(response.context["page_obj"].object_list) == [event]
    assert "Orchestra concert" in response.content.decode()


def make_events(count):
    districts = list(District.objects.all())
    for number in range(count):
        make_event(
            starts_at=in_days(7),
            organizers=[make_organization()],
            activity_types=("90.01", "13.93") if number % 2 else ("62.01",),
            venue=make_venue(district=districts[number % len(districts)]),
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Reading the filters (districts, types, groups, twice: the lenient
        # check and the form), count, page, its images (cards show no types or
        # organizers), four facets, the form's choices (districts, groups, types).
        ("/en/events/", 11),
        # The same, and again for the recent past events offered when nothing
        # upcoming matches.
        (
            "/en/events/?district=ulan&district=oskemen&activity_type=90.01"
            "&kind=concert&q=event&group=crafts&free=1",
            26,
        ),
        # This weekend (none), upcoming events with their images, past ones
        # (none), groups, districts.
        ("/en/", 6),
        # Count, page, districts for the filter.
        ("/en/venues/", 3),
        ("/en/organizations/", 2),
        # Groups, types with their upcoming counts.
        ("/en/activity-types/", 2),
    ],
)
def test_list_pages_cost_a_fixed_number_of_queries(client, url, expected):
    make_events(3)
    few = count_queries(client, url)
    make_events(25)
    many = count_queries(client, url)

    assert (few, many) == (expected, expected)


def test_the_list_offers_its_feeds_with_the_same_filters(client):
    page = client.get("/en/events/?district=ulan&page=2").content.decode()

    assert '<a href="/en/events/feed.ics?district=ulan">' in page
    assert '<a href="/en/events/feed.rss?district=ulan">' in page

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from events.sitemaps import EventSitemap
from tests.factories import (
    get_at_fixed_cost,
    local,
    make_event,
    make_image,
    make_organization,
    make_philharmonic,
    make_venue,
    whole_days,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client, url):
    """{address: (lastmod, {hreflang: address})} of one sitemap section."""
    response = client.get(url)
    assert response.status_code == 200
    entries = {}
    for entry in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in entry.iter(f"{XHTML}link")
        }
        entries[entry.findtext(f"{SITEMAP}loc")] = (
            entry.findtext(f"{SITEMAP}lastmod"),
            alternates,
        )
    return entries


ONLINE_ONLY = "https://schema.org/OnlineEventAttendanceMode"


def json_ld_text(page):
    [script] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    )
    return script


def json_ld(page):
    return json.loads(json_ld_text(page))


def event_json_ld(client, event):
    """The schema.org data of the event's English page."""
    return json_ld(client.get(f"/en/events/{event.slug}/").content.decode())


def head_links(page):
    """{hreflang: href} of the page's alternate-language links."""
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    )


def test_sitemap_index_lists_the_sections(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [
        loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")
    ]
    assert locations == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-venues.xml",
        "http://testserver/sitemap-organizations.xml",
    ]


def test_a_large_section_is_split_into_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(EventSitemap, "limit", 6)  # two events in three languages
    events = [make_event() for _ in range(5)]

    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [
        (entry.findtext(f"{SITEMAP}loc"), entry.findtext(f"{SITEMAP}lastmod"))
        for entry in index.iter(f"{SITEMAP}sitemap")
        if "events" in entry.findtext(f"{SITEMAP}loc")
    ]
    latest = max(event.updated_at for event in events).replace(microsecond=0)
    assert [url for url, _ in pages] == [
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-events.xml?p=2",
        "http://testserver/sitemap-events.xml?p=3",
    ]
    assert {
        datetime.datetime.fromisoformat(lastmod).replace(microsecond=0)
        for _, lastmod in pages
    } == {latest}
    for number, expected in [(1, events[:2]), (3, events[4:])]:
        entries = sitemap_entries(client, f"/sitemap-events.xml?p={number}")
        assert set(entries) == {
            f"http://testserver/{code}/events/{event.slug}/"
            for event in expected
            for code in ("kk", "ru", "en")
        }
    assert client.get("/sitemap-events.xml?p=4").status_code == 404


def sitemap_locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_a_page_may_end_between_an_events_languages(client, monkeypatch):
    monkeypatch.setattr(EventSitemap, "limit", 4)
    events = sorted((make_event() for _ in range(3)), key=lambda event: event.pk)

    pages = [
        sitemap_locations(client, f"/sitemap-events.xml?p={number}")
        for number in (1, 2, 3)
    ]

    assert [len(page) for page in pages] == [4, 4, 1]
    assert [location for page in pages for location in page] == [
        f"http://testserver/{code}/events/{event.slug}/"
        for event in events
        for code in ("kk", "ru", "en")
    ]
    assert client.get("/sitemap-events.xml?p=4").status_code == 404


def test_with_a_shared_cache_the_count_is_kept_until_the_catalog_changes(
    client, monkeypatch, settings
):
    settings.FRAGMENT_CACHE_SECONDS = 60
    monkeypatch.setattr(EventSitemap, "limit", 3)
    events = [make_event() for _ in range(2)]
    client.get("/sitemap.xml")

    with CaptureQueriesContext(connection) as queries:
        page = sitemap_locations(client, "/sitemap-events.xml?p=2")
    assert len(queries) == 1  # the page's events: the count is kept
    assert page == [
        f"http://testserver/{code}/events/{events[1].slug}/"
        for code in ("kk", "ru", "en")
    ]

    make_event()
    assert len(sitemap_locations(client, "/sitemap-events.xml?p=3")) == 3


def test_the_index_counts_events_and_a_page_reads_only_its_own(client, monkeypatch):
    """Not every event in every language for each answer: COUNT and MAX for the
    index, and one page's events for a page, at a fixed number of queries."""
    monkeypatch.setattr(EventSitemap, "limit", 6)
    for url, queries in [("/sitemap.xml", 6), ("/sitemap-events.xml?p=2", 2)]:
        get_at_fixed_cost(
            client,
            url,
            queries,
            few=lambda: [make_event() for _ in range(4)],
            many=lambda: [make_event() for _ in range(8)],
        )
    with CaptureQueriesContext(connection) as index_queries:
        index = sitemap_locations(client, "/sitemap.xml")
    with CaptureQueriesContext(connection) as page_queries:
        page = sitemap_locations(client, "/sitemap-events.xml?p=2")

    # 24 events in three languages, six addresses a page.
    assert sum("sitemap-events" in location for location in index) == 12
    assert all(
        query["sql"].startswith(("SELECT MAX(", "SELECT COUNT(*)"))
        for query in index_queries
    )
    assert len(page) == 6
    events_read = [query["sql"] for query in page_queries if "slug" in query["sql"]]
    assert len(events_read) == 1
    assert "LIMIT 2 OFFSET 2" in events_read[0]


def test_sitemap_lists_a_published_event_in_every_language(client):
    event = make_event()
    draft = make_event(publication_status=Event.PublicationStatus.DRAFT)
    in_review = make_event(publication_status=Event.PublicationStatus.REVIEW)

    entries = sitemap_entries(client, "/sitemap-events.xml")

    addresses = {
        code: f"http://testserver/{code}/events/{event.slug}/"
        for code in ("kk", "ru", "en")
    }
    alternates = {
        **addresses,
        "x-default": f"http://testserver/events/{event.slug}/",
    }
    # The site's dates are local (UTC+5): between 19:00 and 24:00 UTC the
    # local date is already the next day.
    lastmod = timezone.localdate(event.updated_at).isoformat()
    assert entries == dict.fromkeys(addresses.values(), (lastmod, alternates))
    assert draft.slug not in str(entries)
    assert in_review.slug not in str(entries)


def test_sitemap_lists_venues_organizations_and_pages(client):
    venue = make_venue()
    organization = make_organization()

    venues = sitemap_entries(client, "/sitemap-venues.xml")
    organizations = sitemap_entries(client, "/sitemap-organizations.xml")
    pages = sitemap_entries(client, "/sitemap-pages.xml")

    assert list(venues) == [
        f"http://testserver/{code}/venues/{venue.slug}/" for code in ("kk", "ru", "en")
    ]
    assert list(organizations) == [
        f"http://testserver/{code}/organizations/{organization.slug}/"
        for code in ("kk", "ru", "en")
    ]
    assert [address for address in pages if "/en/" in address] == [
        "http://testserver/en/",
        "http://testserver/en/events/",
        "http://testserver/en/activity-types/",
        "http://testserver/en/venues/",
        "http://testserver/en/organizations/",
    ]
    assert pages["http://testserver/kk/events/"][1] == {
        "kk": "http://testserver/kk/events/",
        "ru": "http://testserver/ru/events/",
        "en": "http://testserver/en/events/",
        "x-default": "http://testserver/events/",
    }


def test_robots_txt_allows_all_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /admin/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


def test_event_page_has_schema_org_event_data(client, media_root):
    venue = make_philharmonic(latitude="49.948300", longitude="82.627900")
    philharmonic = make_organization(name_en="East Kazakhstan Philharmonic")
    festival = make_event(
        title_en="Jazz days",
        kind=Event.Kind.FESTIVAL,
        starts_at=local(2024, 10, 10, 18),
        venue=venue,
    )
    event = make_event(
        title_en="Jazz night",
        summary_en="Big band and guests.",
        starts_at=local(2024, 10, 12, 19),
        ends_at=local(2024, 10, 12, 21, 30),
        previous_starts_at=local(2024, 10, 5, 19),
        event_status=Event.EventStatus.RESCHEDULED,
        venue=venue,
        organizers=[philharmonic],
        parent=festival,
        price_from=3000,
        price_to=8000,
        ticket_url="https://tickets.example.kz/jazz-night",
        age_rating=Event.AgeRating.TWELVE,
    )
    photo_url = f"http://testserver{make_image(event, alt_text='Band').image.url}"

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    place = {
        "@type": "Place",
        "name": "Regional Philharmonic",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Tokhtarov street 1",
            "addressLocality": "Oskemen",
            "addressRegion": "Oskemen",
            "addressCountry": "KZ",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": 49.9483,
            "longitude": 82.6279,
        },
    }
    assert json_ld(page) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Jazz night",
        "description": "Big band and guests.",
        "url": f"http://testserver/en/events/{event.slug}/",
        "startDate": "2024-10-12T19:00:00+05:00",
        "endDate": "2024-10-12T21:30:00+05:00",
        "previousStartDate": "2024-10-05T19:00:00+05:00",
        "eventStatus": "https://schema.org/EventRescheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": [
            {
                "@type": "Organization",
                "name": "East Kazakhstan Philharmonic",
                "url": f"http://testserver/en/organizations/{philharmonic.slug}/",
            }
        ],
        "image": [photo_url],
        "offers": {
            "@type": "AggregateOffer",
            "lowPrice": 3000,
            "highPrice": 8000,
            "priceCurrency": "KZT",
            "url": "https://tickets.example.kz/jazz-night",
        },
        "typicalAgeRange": "12-",
        "superEvent": {
            "@type": "Festival",
            "name": "Jazz days",
            "url": f"http://testserver/en/events/{festival.slug}/",
            "startDate": "2024-10-10T18:00:00+05:00",
            "location": place,
        },
    }
    assert f'<meta property="og:image" content="{photo_url}">' not in page  # cut:
    share_url = f"http://testserver{event.images.get().share.url}"  # 1200 × 630
    assert f'<meta property="og:image" content="{share_url}">' in page


def test_a_free_online_event_without_time_in_schema_org(client):
    event = make_event(
        title_en="Online course",
        kind=Event.Kind.COURSE,
        **whole_days((2025, 3, 1), (2025, 3, 31)),
        venue=None,
        online_url="https://meet.example.kz/course",
        is_free=True,
    )

    data = event_json_ld(client, event)

    assert data["startDate"] == "2025-03-01"
    assert data["endDate"] == "2025-03-31"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == ONLINE_ONLY
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.kz/course",
    }
    assert data["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "KZT"}
    assert data["isAccessibleForFree"] is True
    assert "organizer" not in data
    assert "image" not in data


def test_an_event_at_a_venue_and_online_is_mixed(client):
    event = make_event(venue=make_venue(), online_url="https://youtube.com/live/x")

    data = event_json_ld(client, event)

    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == [
        "Place",
        "VirtualLocation",
    ]


@pytest.mark.parametrize(
    ("event_status", "expected"),
    [
        (Event.EventStatus.CANCELLED, "https://schema.org/EventCancelled"),
        (Event.EventStatus.POSTPONED, "https://schema.org/EventPostponed"),
    ],
)
def test_event_status_in_schema_org(client, event_status, expected):
    event = make_event(event_status=event_status)

    data = event_json_ld(client, event)

    assert data["eventStatus"] == expected


def test_an_event_moved_online_is_located_online(client):
    event = make_event(
        event_status=Event.EventStatus.MOVED_ONLINE,
        online_url="https://youtube.com/live/x",
    )

    data = event_json_ld(client, event)

    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == ONLINE_ONLY
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://youtube.com/live/x",
    }


def test_event_data_cannot_close_its_script_element(client):
    title = '</script><script>alert("x")</script> & <!--'
    event = make_event(title_en=title)

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    script = json_ld_text(page)
    assert "<" not in script
    assert json.loads(script)["name"] == title


def test_event_page_links_its_other_languages_and_canonical_address(client):
    event = make_event(title_en="Aitys of poets", summary_en="Twelve poets.")

    page = client.get(f"/en/events/{event.slug}/?utm_source=x").content.decode()

    assert (
        f'<link rel="canonical" href="http://testserver/en/events/{event.slug}/">'
        in page
    )
    assert head_links(page) == {
        "kk": f"http://testserver/kk/events/{event.slug}/",
        "ru": f"http://testserver/ru/events/{event.slug}/",
        "en": f"http://testserver/en/events/{event.slug}/",
        "x-default": f"http://testserver/events/{event.slug}/",
    }
    assert '<meta property="og:title" content="Aitys of poets">' in page
    assert '<meta property="og:description" content="Twelve poets.">' in page
    assert (
        f'<meta property="og:url" content="http://testserver/en/events/{event.slug}/">'
        in page
    )
    assert '<meta property="og:locale" content="en_US">' in page
    assert '<meta property="og:locale:alternate" content="kk_KZ">' in page
    assert f'href="/en/events/{event.slug}/ics" download>' in page


def test_the_default_language_address_redirects_by_the_browsers_language(client):
    event = make_event()

    response = client.get(f"/events/{event.slug}/", headers={"accept-language": "kk"})

    assert response.status_code == 302
    assert response["Location"] == f"/kk/events/{event.slug}/"


def test_event_list_keeps_its_filters_in_canonical_and_feed_links(client):
    page = client.get("/ru/events/?district=ulan&free=1&page=2").content.decode()

    query = "district=ulan&amp;free=1"
    assert (
        f'<link rel="canonical" href="http://testserver/ru/events/?{query}&amp;page=2">'
        in page
    )
    assert head_links(page)["kk"] == f"http://testserver/kk/events/?{query}&amp;page=2"
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Мероприятия (RSS)" '
        f'href="/ru/events/feed.rss?{query}">'
    ) in page
    assert (
        '<link rel="alternate" type="text/calendar" title="Мероприятия (iCalendar)" '
        f'href="/ru/events/feed.ics?{query}">'
    ) in page
    assert '<meta property="og:locale" content="ru_RU">' in page


def test_other_pages_have_a_bare_canonical_address(client):
    venue = make_venue()

    page = client.get(f"/en/venues/{venue.slug}/?district=ulan").content.decode()

    assert (
        f'<link rel="canonical" href="http://testserver/en/venues/{venue.slug}/">'
        in page
    )
    assert head_links(page)["ru"] == f"http://testserver/ru/venues/{venue.slug}/"
    assert 'type="application/rss+xml"' not in page

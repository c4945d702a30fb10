"""The API list's entries kept per event with a shared cache (events/cache.py
kept_per_event): an edit serializes that event again, and no entry is stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.api import views
from tests.factories import in_days, make_event, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def serialized(monkeypatch, settings):
    """With a shared cache: the slugs of the events the API serialized."""
    settings.FRAGMENT_CACHE_SECONDS = 60
    slugs = []
    real_fetch = views.events_for_api

    def events_for_api(events):
        fetched = real_fetch(events)
        slugs.extend(event.slug for event in fetched)
        return fetched

    monkeypatch.setattr(views, "events_for_api", events_for_api)
    return slugs


def results(client, url="/api/v1/events/"):
    response = client.get(url)
    assert response.status_code == 200
    return {event["slug"]: event for event in response.json()["results"]}


def test_an_edit_serializes_that_event_only(client, serialized):
    aitys = make_event(slug="aitys", title_en="Aitys", starts_at=in_days(1))
    make_event(slug="fair", title_en="Fair", starts_at=in_days(2))
    results(client)
    assert sorted(serialized) == ["aitys", "fair"]
    serialized.clear()

    with CaptureQueriesContext(connection) as queries:
        kept = results(client)
    assert serialized == []
    # The page's events by their last change: the count is kept too.
    assert len(queries) == 1
    assert kept["fair"]["title"]["en"] == "Fair"

    aitys.title_en = "Aitys of poets"
    aitys.save()
    changed = results(client)
    assert serialized == ["aitys"]
    assert changed["aitys"]["title"]["en"] == "Aitys of poets"
    assert list(changed) == ["aitys", "fair"]


def test_the_count_is_kept_per_query_until_the_catalog_changes(client, serialized):
    make_event(district="ulan", starts_at=in_days(1))
    make_event(district="oskemen", starts_at=in_days(2))

    def count(url):
        return client.get(url).json()["count"]

    assert count("/api/v1/events/?district=ulan") == 1
    assert count("/api/v1/events/?district=ulan&page_size=1") == 1
    assert count("/api/v1/events/") == 2

    make_event(district="ulan", starts_at=in_days(3))
    assert count("/api/v1/events/?district=ulan&page=2&page_size=1") == 2
    assert count("/api/v1/events/?district=oskemen") == 1


def test_what_an_entry_shows_of_other_rows_is_never_stale(client, serialized):
    library = make_organization(slug="library")
    festival = make_event(slug="festival", starts_at=in_days(1))
    concert = make_event(
        slug="concert", starts_at=in_days(2), parent=festival, organizers=[library]
    )
    results(client)

    library.slug = "regional-library"
    library.save()
    assert results(client)["concert"]["organizers"] == [
        {"id": library.pk, "slug": "regional-library"}
    ]

    festival.slug = "summer-festival"
    festival.save()
    assert results(client)["concert"]["parent"] == {
        "id": festival.pk,
        "slug": "summer-festival",
    }

    concert.organizers.clear()
    assert results(client)["concert"]["organizers"] == []
    concert.venue.slug = "new-hall"
    concert.venue.save()
    assert results(client)["concert"]["venue"]["slug"] == "new-hall"

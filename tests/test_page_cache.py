"""The public pages' cache (creative_east/page_cache.py) and HTTP caching headers."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from events.models import ActivityType, Event
from tests.factories import (
    changelist_action,
    make_event,
    make_organization,
    make_venue,
)

pytestmark = pytest.mark.django_db

Status = Event.PublicationStatus


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def visitor():
    return Client(headers={"accept-language": "en"})


PUBLIC_PAGES = [
    "/en/",
    "/en/events/",
    "/en/events/?q=concert&district=oskemen",
    "/en/events/calendar/",
    "/en/events/calendar/2024-10/?district=oskemen",
    "/en/events/feed.ics",
    "/en/events/feed.rss",
    "/en/venues/",
    "/en/organizations/",
    "/en/activity-types/",
    "/api/v1/events/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_asked_again_is_answered_without_a_query(
    visitor, path, django_assert_num_queries
):
    make_event(title_en="Evening concert")
    first = visitor.get(path)

    with django_assert_num_queries(0):
        again = visitor.get(path)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_an_event_page_is_kept_in_each_language(visitor, django_assert_num_queries):
    event = make_event(title_en="Evening concert", title_ru="Вечерний концерт")
    visitor.get(f"/en/events/{event.slug}/")
    visitor.get(f"/ru/events/{event.slug}/")

    with django_assert_num_queries(0):
        english = visitor.get(f"/en/events/{event.slug}/").content.decode()
        russian = visitor.get(f"/ru/events/{event.slug}/").content.decode()

    assert "Evening concert" in english
    assert "Вечерний концерт" in russian


def test_an_event_a_moderator_publishes_is_listed_on_the_next_request(
    visitor, moderator_client
):
    event = make_event(title_en="Felt workshop", publication_status=Status.REVIEW)
    assert "Felt workshop" not in visitor.get("/en/events/").content.decode()
    assert visitor.get(f"/en/events/{event.slug}/").status_code == 404

    changelist_action(moderator_client, "publish", [event])

    assert "Felt workshop" in visitor.get("/en/events/").content.decode()
    assert visitor.get(f"/en/events/{event.slug}/").status_code == 200


def test_an_edit_in_the_admin_shows_on_the_next_request(visitor, moderator_client):
    event = make_event(title_en="Felt workshop")
    assert "Felt workshop" in visitor.get(f"/en/events/{event.slug}/").content.decode()

    changelist_action(moderator_client, "cancel", [event], apply="yes")

    page = visitor.get(f"/en/events/{event.slug}/").content.decode()
    assert "This event is cancelled" in page


def test_a_renamed_venue_shows_on_the_event_page_at_once(visitor):
    venue = make_venue(name_en="Old hall")
    event = make_event(venue=venue)
    assert "Old hall" in visitor.get(f"/en/events/{event.slug}/").content.decode()

    venue.name_en = "New hall"
    venue.save()

    page = visitor.get(f"/en/events/{event.slug}/").content.decode()
    assert "New hall" in page
    assert "Old hall" not in page


def test_a_changed_activity_type_changes_the_filtered_list(visitor):
    event = make_event(title_en="Felt workshop", activity_types=["90.01"])
    assert (
        "Felt workshop"
        in visitor.get("/en/events/?activity_type=90.01").content.decode()
    )

    event.activity_types.set(ActivityType.objects.filter(code="90.02"))

    assert (
        "Felt workshop"
        not in visitor.get("/en/events/?activity_type=90.01").content.decode()
    )


def test_organizers_added_or_removed_show_on_the_event_page_at_once(visitor):
    event = make_event()
    library = make_organization(name_en="Regional library")
    url = f"/en/events/{event.slug}/"

    def shows_library():
        return "Regional library" in visitor.get(url).content.decode()

    assert not shows_library()
    event.organizers.add(library)
    assert shows_library()
    event.organizers.remove(library)
    assert not shows_library()
    library.events.add(event)
    assert shows_library()
    library.events.clear()
    assert not shows_library()


def test_a_deleted_event_is_gone_at_once(visitor):
    event = make_event(title_en="Felt workshop")
    assert visitor.get(f"/en/events/{event.slug}/").status_code == 200

    event.delete()

    assert visitor.get(f"/en/events/{event.slug}/").status_code == 404
    assert "Felt workshop" not in visitor.get("/en/events/").content.decode()


def test_a_bulk_command_makes_the_pages_render_anew(visitor):
    everything = "/api/v1/events/?date_from=2000-01-01"
    assert visitor.get(everything).json()["count"] == 0

    call_command("generate_events", count=5, seed=7, stdout=io.StringIO())

    assert visitor.get(everything).json()["count"] == Event.objects.published().count()
    assert Event.objects.published().count() > 0


def test_staff_are_never_served_a_kept_page(visitor, moderator_client):
    draft = make_event(title_en="Secret draft", publication_status=Status.DRAFT)
    assert visitor.get(f"/en/events/{draft.slug}/").status_code == 404
    assert visitor.get(f"/en/events/{draft.slug}/").status_code == 404

    preview = moderator_client.get(f"/en/events/{draft.slug}/")

    assert preview.status_code == 200
    assert "Secret draft" in preview.content.decode()
    # ...and what staff see is never kept for visitors.
    assert visitor.get(f"/en/events/{draft.slug}/").status_code == 404


def test_every_server_sees_an_edit_made_through_another(visitor):
    """Each test client loads its own middleware, as each gunicorn worker does;
    they share the cache, as workers share Redis."""
    other_server = Client(headers={"accept-language": "en"})
    event = make_event(title_en="Felt workshop")
    for server in (visitor, other_server):
        assert (
            "Felt workshop" in server.get(f"/en/events/{event.slug}/").content.decode()
        )

    event.title_en = "Felt and wool workshop"
    event.save()

    for server in (visitor, other_server):
        page = server.get(f"/en/events/{event.slug}/").content.decode()
        assert "Felt and wool workshop" in page


def test_the_health_check_is_never_kept(visitor, django_assert_num_queries):
    visitor.get("/healthz")

    with django_assert_num_queries(1):
        response = visitor.get("/healthz")

    assert response.content == b"ok"


def test_the_admin_is_not_cached(moderator_client):
    moderator_client.get(reverse("admin:events_event_changelist"))
    response = moderator_client.get(reverse("admin:events_event_changelist"))

    assert "ETag" not in response
    assert "private" in response["Cache-Control"]


def test_pages_are_not_kept_when_the_cache_is_off(
    settings, visitor, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    event = make_event(title_en="Evening concert")
    visitor.get(f"/en/events/{event.slug}/")

    with django_assert_num_queries(5):
        response = visitor.get(f"/en/events/{event.slug}/")

    assert "Evening concert" in response.content.decode()


# HTTP caching headers and conditional GET


@pytest.mark.parametrize("cache_seconds", [0, 300])
def test_a_public_page_carries_validators_and_asks_to_be_revalidated(
    settings, visitor, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    event = make_event()

    response = visitor.get(f"/en/events/{event.slug}/")

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("cache_seconds", [0, 300])
def test_a_conditional_get_with_the_current_etag_answers_304(
    settings, visitor, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    event = make_event()
    etag = visitor.get(f"/en/events/{event.slug}/")["ETag"]

    response = visitor.get(f"/en/events/{event.slug}/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_a_conditional_get_after_an_edit_answers_the_new_page(visitor):
    event = make_event(title_en="Felt workshop")
    etag = visitor.get(f"/en/events/{event.slug}/")["ETag"]

    event.title_en = "Felt and wool workshop"
    event.save()
    response = visitor.get(f"/en/events/{event.slug}/", headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Felt and wool workshop" in response.content.decode()


def test_if_modified_since_the_kept_copy_answers_304(visitor):
    event = make_event()
    last_modified = visitor.get(f"/en/events/{event.slug}/")["Last-Modified"]

    response = visitor.get(
        f"/en/events/{event.slug}/", headers={"if-modified-since": last_modified}
    )

    assert response.status_code == 304


# The list's counts kept as a fragment (cached_fragment)


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 60


def test_the_next_page_of_results_reuses_the_counts(
    fragments_on, visitor, django_assert_num_queries
):
    for number in range(25):
        make_event(title_en=f"Concert {number:02}")
    first = visitor.get("/en/events/").content.decode()

    # The page's events, its cards (not shown before) and their images: the
    # counts and the filter panel are kept (11 queries without them).
    with django_assert_num_queries(3):
        second = visitor.get("/en/events/?page=2").content.decode()

    concerts = 'value="concert"> concert <span class="count">(25)</span>'
    assert "25 events" in first
    assert concerts in first
    assert "25 events" in second
    assert concerts in second
    assert "Concert 24" in second


def test_kept_counts_change_with_the_catalog(fragments_on, visitor):
    make_event(title_en="Felt workshop", kind=Event.Kind.MASTER_CLASS)
    concerts = 'value="concert"> concert <span class="count">({})</span>'
    page = visitor.get("/en/events/").content.decode()
    assert "1 event" in page
    assert concerts.format(0) in page

    make_event(title_en="Evening concert")

    page = visitor.get("/en/events/").content.decode()
    assert "2 events" in page
    assert concerts.format(1) in page
    assert "Evening concert" in page

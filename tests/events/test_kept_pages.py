"""An event's page kept per event with a shared cache (events/cache.py kept_page):
an edit of another event leaves it kept, and what the page shows of the event,
its parent, its programme, its venue and the time is never stale."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests.factories import in_days, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request passes the view
    settings.FRAGMENT_CACHE_SECONDS = 60
    return Client(headers={"accept-language": "en"})


def page(client, event):
    return client.get(f"/en/events/{event.slug}/").content.decode()


def test_a_kept_page_costs_one_query_after_another_event_is_edited(
    visitor, django_assert_num_queries
):
    aitys = make_event(title_en="Aitys", slug="aitys")
    fair = make_event(title_en="Fair")
    first = page(visitor, aitys)

    fair.title_en = "Autumn fair"
    fair.save()

    # The event's last change and its programme's: the rest is kept.
    with django_assert_num_queries(1):
        again = page(visitor, aitys)
    assert again == first
    assert "<h1>Aitys</h1>" in again


def test_an_edited_event_shows_at_once(visitor):
    aitys = make_event(title_en="Aitys")
    page(visitor, aitys)

    aitys.title_en = "Aitys of poets"
    aitys.save()

    assert "<h1>Aitys of poets</h1>" in page(visitor, aitys)


def test_the_programme_and_the_parent_show_at_once(visitor):
    festival = make_event(title_en="Festival", starts_at=in_days(1))
    opening = make_event(title_en="Opening", parent=festival, starts_at=in_days(1))
    closing = make_event(title_en="Closing", parent=festival, starts_at=in_days(2))
    assert "Opening" in page(visitor, festival)
    assert "Festival" in page(visitor, opening)

    festival.title_en = "Autumn festival"
    festival.save()
    assert "Autumn festival" in page(visitor, opening)

    opening.title_en = "Grand opening"
    opening.save()
    assert "Grand opening" in page(visitor, festival)

    # The last of the programme to change goes: it changes no other row.
    Event.objects.filter(pk=closing.pk).delete()
    assert "Closing" not in page(visitor, festival)

    opening.publication_status = Event.PublicationStatus.DRAFT
    opening.save()
    assert "Grand opening" not in page(visitor, festival)


def test_a_renamed_venue_shows_on_the_kept_page(visitor):
    aitys = make_event(title_en="Aitys")
    page(visitor, aitys)

    aitys.venue.name_en = "Renamed hall"
    aitys.venue.save()

    assert "Renamed hall" in page(visitor, aitys)


def test_a_page_kept_before_the_event_ended_is_not_shown_after(visitor):
    aitys = make_event(title_en="Aitys", starts_at=in_days(1), guests=300)
    assert "Add to calendar" in page(visitor, aitys)

    # Time passes; the row does not change (update() leaves updated_at).
    Event.objects.filter(pk=aitys.pk).update(starts_at=in_days(-3), ends_at=in_days(-2))

    ended = page(visitor, aitys)
    assert "Add to calendar" not in ended
    assert "300 guests" in ended


def test_a_page_is_kept_per_language(visitor):
    aitys = make_event(title_en="Aitys", title_ru="Айтыс")
    assert "<h1>Aitys</h1>" in page(visitor, aitys)
    assert "<h1>Айтыс</h1>" in visitor.get(f"/ru/events/{aitys.slug}/").content.decode()


def test_staff_see_their_preview_and_visitors_never_do(visitor):
    draft = make_event(
        title_en="Draft aitys", publication_status=Event.PublicationStatus.DRAFT
    )
    staff = Client(headers={"accept-language": "en"})
    staff.force_login(make_user(is_superuser=True))
    assert "Preview: this event is not public yet" in page(staff, draft)

    assert visitor.get(f"/en/events/{draft.slug}/").status_code == 404

    draft.publication_status = Event.PublicationStatus.PUBLISHED
    draft.save()
    shown = page(visitor, draft)
    assert "Draft aitys" in shown
    assert "Preview" not in shown


def queries_of(client, event):
    with CaptureQueriesContext(connection) as queries:
        page(client, event)
    return len(queries)


def test_a_release_renders_the_kept_pages_anew(visitor):
    aitys = make_event(title_en="Aitys")
    page(visitor, aitys)
    assert queries_of(visitor, aitys) == 1

    call_command("migrate", verbosity=0)

    assert queries_of(visitor, aitys) > 1


def test_without_a_shared_cache_the_page_is_rendered_each_time(visitor, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    aitys = make_event(title_en="Aitys")
    page(visitor, aitys)

    assert queries_of(visitor, aitys) > 1

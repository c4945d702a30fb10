"""Event cards kept per event with a shared cache (templates/includes/event_card.html):
a list rendered anew renders only the cards of what changed, and never shows a
stale one."""

import pytest

from events import covers, views
from tests.factories import in_days, make_event, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch, settings):
    """With a shared cache: the slugs of the events whose cards were rendered
    (each card without an image works out its cover's addresses once)."""
    settings.FRAGMENT_CACHE_SECONDS = 60
    slugs = []
    real_cover_urls = covers.cover_urls

    def cover_urls(event, language, variants):
        slugs.append(event.slug)
        return real_cover_urls(event, language, variants)

    monkeypatch.setattr(covers, "cover_urls", cover_urls)
    return slugs


def test_a_list_rendered_again_renders_the_edited_events_card_only(client, rendered):
    aitys = make_event(title_en="Aitys", slug="aitys", starts_at=in_days(1))
    make_event(title_en="Fair", slug="fair", starts_at=in_days(2))
    client.get("/en/events/")
    assert sorted(rendered) == ["aitys", "fair"]
    rendered.clear()

    again = client.get("/en/events/?kind=concert").content.decode()
    assert rendered == []
    assert "Aitys" in again and "Fair" in again

    aitys.title_en = "Aitys of poets"
    aitys.save()
    changed = client.get("/en/events/").content.decode()
    assert rendered == ["aitys"]
    assert "Aitys of poets" in changed
    assert "Fair" in changed


def test_a_page_of_kept_cards_reads_no_event_in_full(
    client, rendered, django_assert_num_queries
):
    for number in range(3):
        make_event(title_en=f"Concert {number}", starts_at=in_days(number + 1))
    first = client.get("/en/events/").content.decode()

    # The page's events with their last changes: the counts, the filter
    # panel and the three cards are kept.
    with django_assert_num_queries(1) as queries:
        again = client.get("/en/events/").content.decode()
    assert (
        'SELECT "events_event"."id", "events_event"."updated_at" FROM'
        in (queries.captured_queries[0]["sql"])
    )
    assert again == first
    assert all(f"Concert {number}" in again for number in range(3))
    # The first card's picture loads at once, the others lazily.
    assert again.count('fetchpriority="high"') == 1
    assert again.count('loading="lazy"') == 2


def test_a_card_is_kept_per_language(client, rendered):
    make_event(title_en="Aitys", title_ru="Айтыс", slug="aitys")

    assert "Aitys" in client.get("/en/events/").content.decode()
    assert "Айтыс" in client.get("/ru/events/").content.decode()
    assert rendered == ["aitys", "aitys"]


def test_a_renamed_venue_shows_on_the_kept_cards(client, rendered):
    event = make_event(title_en="Aitys")
    client.get("/en/events/")

    event.venue.name_en = "Renamed hall"
    event.venue.save()

    assert "Renamed hall" in client.get("/en/events/").content.decode()


def test_an_added_image_replaces_the_cover_on_the_kept_card(
    client, rendered, media_root
):
    event = make_event(title_en="Aitys")
    assert "/cover/" in client.get("/en/events/").content.decode()

    make_image(event, alt_text_en="The poets on stage")

    page = client.get("/en/events/").content.decode()
    assert 'alt="The poets on stage"' in page
    assert "/cover/" not in page


def test_without_a_shared_cache_every_card_is_rendered(client, rendered, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    make_event(slug="aitys")
    client.get("/en/events/")
    client.get("/en/events/")

    assert rendered == ["aitys", "aitys"]


@pytest.fixture
def panels(monkeypatch, settings):
    """With a shared cache: how many times the filter panel's options were
    worked out."""
    settings.FRAGMENT_CACHE_SECONDS = 60
    calls = []
    real_options = views.filter_options

    def filter_options(filterset, facets):
        calls.append(filterset.data.urlencode())
        return real_options(filterset, facets)

    monkeypatch.setattr(views, "filter_options", filter_options)
    return calls


def test_the_filter_panel_is_kept_with_its_counts(client, panels):
    make_event(title_en="Aitys", district="ulan", starts_at=in_days(1))
    first = client.get("/en/events/?district=ulan").content.decode()
    again = client.get("/en/events/?district=ulan&page=1").content.decode()
    assert len(panels) == 1
    assert panel(first) == panel(again)
    assert 'value="ulan" checked' in panel(again)

    client.get("/en/events/?district=oskemen")
    client.get("/en/events/calendar/?district=ulan")
    assert len(panels) == 3

    make_event(title_en="Fair", district="ulan", starts_at=in_days(2))
    changed = client.get("/en/events/?district=ulan").content.decode()
    assert len(panels) == 4
    assert "(2)" in panel(changed)


def panel(page):
    return page[page.index('<details class="filter-panel"') : page.index("</form>")]

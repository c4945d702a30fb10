import datetime
import re

import pytest

from events.models import Event
from tests.factories import (
    count_queries,
    in_days,
    local,
    make_event,
    make_organization,
    make_venue,
)
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


@pytest.mark.parametrize("view", ["/en/events/", "/en/events/calendar/2024-10/"])
def test_filters_show_as_removable_chips_and_the_form_stays_on_the_view(client, view):
    make_event(district="ulan", starts_at=local(2024, 10, 12, 10))

    page = client.get(f"{view}?district=ulan&kind=festival&q=aitys").content.decode()

    assert 'href="?kind=festival&amp;q=aitys" class="chip">Ulan District' in page
    assert 'href="?district=ulan&amp;q=aitys" class="chip">festival' in page
    assert 'href="?district=ulan&amp;kind=festival" class="chip">«aitys»' in page
    assert f'action="{view}"' in page
    assert f'<a href="{view}">Clear all</a>' in page


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


def results_heading(page):
    """The text of the list's headline, its white space collapsed."""
    heading = re.search(r'<h2 id="results-heading"[^>]*>(.*?)</h2>', page, re.S)
    return " ".join(heading.group(1).split())


def make_past_events_in_ulan(count, **overrides):
    """`count` published events of October 2024 in Уланский район."""
    return [
        make_event(
            district="ulan",
            starts_at=local(2024, 10, 12, 10) - datetime.timedelta(days=number),
            **overrides,
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("query", ["q=carpet", "q=carpet&when=upcoming"])
def test_nothing_upcoming_offers_the_past_events_that_match(client, query):
    # "upcoming" is the form's default period: it still offers past events.
    make_event(title_en="Carpet festival 2024", starts_at=local(2024, 10, 12, 10))
    make_event(title_en="Carpet fair", starts_at=local(2024, 5, 1, 10))

    page = client.get(f"/en/events/?{query}").content.decode()

    assert results_heading(page) == "Nothing upcoming for «carpet» · 2 past events"
    assert "0 events" not in page
    # The latest first.
    assert page.index("Carpet festival 2024") < page.index("Carpet fair")


@pytest.mark.parametrize(
    ("language", "past", "headline"),
    [
        ("en", 5, "Nothing upcoming in Ulan District · 5 past events"),
        ("en", 1, "Nothing upcoming in Ulan District · 1 past event"),
        (
            "ru",
            5,
            "Уланский район: предстоящих мероприятий нет · 5 прошедших мероприятий",
        ),
        (
            "ru",
            2,
            "Уланский район: предстоящих мероприятий нет · 2 прошедших мероприятия",
        ),
        (
            "ru",
            1,
            "Уланский район: предстоящих мероприятий нет · 1 прошедшее мероприятие",
        ),
        ("kk", 5, "Ұлан ауданы: алдағы іс-шаралар жоқ · 5 өткен іс-шара"),
        ("kk", 1, "Ұлан ауданы: алдағы іс-шаралар жоқ · 1 өткен іс-шара"),
    ],
)
def test_the_headline_says_nothing_is_upcoming_and_how_many_past_events_are_shown(
    client, language, past, headline
):
    make_past_events_in_ulan(past)
    make_event(district="ridder", starts_at=in_days(7))

    page = client.get(f"/{language}/events/?district=ulan").content.decode()

    assert results_heading(page) == headline


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("en", "Nothing upcoming · 2 past events"),
        ("ru", "Предстоящих мероприятий нет · 2 прошедших мероприятия"),
        ("kk", "Алдағы іс-шаралар жоқ · 2 өткен іс-шара"),
    ],
)
def test_with_no_filter_the_headline_names_none(client, language, headline):
    make_past_events_in_ulan(2)

    page = client.get(f"/{language}/events/").content.decode()

    assert results_heading(page) == headline


def test_the_headline_names_a_few_filters_and_counts_the_rest(client):
    make_past_events_in_ulan(
        1, kind=Event.Kind.FESTIVAL, activity_types=("90.01",), is_free=True
    )

    page = client.get(
        "/en/events/?district=ulan&kind=festival&activity_type=90.01&free=1"
        "&group=performing-arts"
    ).content.decode()

    assert results_heading(page) == (
        "Nothing upcoming for Ulan District, 90.01 Performing arts, "
        "Performing arts +2 · 1 past event"
    )


def test_when_nothing_upcoming_the_facets_count_the_past_events_shown(client):
    make_past_events_in_ulan(3, kind=Event.Kind.FESTIVAL)
    make_past_events_in_ulan(2, kind=Event.Kind.EXHIBITION)
    make_event(district="ridder", starts_at=local(2024, 5, 1, 10))
    # Upcoming elsewhere: the form would count it, were it showing upcoming events.
    make_event(district="ridder", kind=Event.Kind.FESTIVAL, starts_at=in_days(7))

    page = client.get("/ru/events/?district=ulan").content.decode()

    assert 'value="ulan" checked> Уланский район <span class="count">(5)</span>' in page
    assert 'value="ridder"> город Риддер <span class="count">(1)</span>' in page
    assert 'value="festival"> фестиваль <span class="count">(3)</span>' in page
    assert 'value="exhibition"> выставка <span class="count">(2)</span>' in page
    assert 'value="concert"> концерт <span class="count">(0)</span>' in page


def test_with_upcoming_events_the_facets_count_them(client):
    make_past_events_in_ulan(5)
    make_event(district="ridder", kind=Event.Kind.FESTIVAL, starts_at=in_days(7))

    page = client.get("/ru/events/?district=ridder").content.decode()

    assert results_heading(page) == "1 мероприятие"
    assert 'value="ridder" checked> город Риддер <span class="count">(1)</span>' in page
    assert 'value="ulan"> Уланский район <span class="count">(0)</span>' in page


def test_more_past_events_than_a_page_link_to_all_of_them(client):
    make_past_events_in_ulan(21)

    page = client.get("/en/events/?district=ulan&when=upcoming").content.decode()

    assert results_heading(page) == "Nothing upcoming in Ulan District · 21 past events"
    assert page.count('class="event-card"') == 20
    assert '<a href="?district=ulan&amp;when=past">All 21 past events</a>' in page


def test_a_chosen_period_is_not_replaced_by_past_events(client):
    make_past_events_in_ulan(2)

    page = client.get("/en/events/?district=ulan&when=week").content.decode()

    assert results_heading(page) == "0 events"
    assert "No events match these filters." in page
    assert 'class="event-card"' not in page


def test_nothing_upcoming_nor_past_says_so(client):
    page = client.get("/en/events/?district=ulan").content.decode()

    assert results_heading(page) == "0 events"
    assert "No events match these filters, upcoming or past." in page


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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Count, the page's events and last changes, the events of the cards
        # not kept and their images (cards show no types or organizers), four
        # facets, the form's choices (districts, groups, types). No filter is
        # given, so none is read to check it.
        ("/en/events/", 11),
        # Nothing upcoming matches: reading the filters once each (the
        # districts, types and groups, for the check, the form and the chips),
        # the count, then the four facets and the count of the past events
        # instead (none match, so no page), the form's choices.
        (
            "/en/events/?district=ulan&district=oskemen&activity_type=90.01"
            "&kind=concert&q=event&group=crafts&free=1",
            12,
        ),
        # This weekend (none), upcoming events, their cards with their images,
        # past ones (none), groups, districts.
        ("/en/", 7),
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


def test_past_events_offered_instead_cost_a_fixed_number_of_queries(client):
    # Reading the districts (for the check, the form and the chips), the
    # upcoming count (none), the past events' four facets and count, their
    # page, its cards and their images, the form's choices: the upcoming
    # facets are not counted, nor the filters read again for the past events.
    make_past_events_in_ulan(2, organizers=[make_organization()])
    few = count_queries(client, "/en/events/?district=ulan")
    make_past_events_in_ulan(25, organizers=[make_organization()])
    many = count_queries(client, "/en/events/?district=ulan")

    assert (few, many) == (13, 13)


def test_the_list_offers_its_feeds_with_the_same_filters(client):
    page = client.get("/en/events/?district=ulan&page=2").content.decode()

    assert '<a href="/en/events/feed.ics?district=ulan">' in page
    assert '<a href="/en/events/feed.rss?district=ulan">' in page


def test_the_kept_counts_keep_the_past_events_offered(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    make_past_events_in_ulan(2)

    first = client.get("/en/events/?district=ulan").content.decode()
    again = client.get("/en/events/?district=ulan&page=2").content.decode()

    assert results_heading(first) == results_heading(again)
    assert results_heading(again) == "Nothing upcoming in Ulan District · 2 past events"
    assert again.count('class="event-card"') == 2

"""What a visitor reads in the event page's facts: dates, place, calendar, JSON-LD."""

import json
import re

import pytest

from events.models import Event
from tests.factories import in_days, local, make_event, make_venue, whole_days

pytestmark = pytest.mark.django_db

ADD_TO_CALENDAR = "Add to calendar (.ics)"


def event_page(client, event, language="en"):
    return client.get(f"/{language}/events/{event.slug}/").content.decode()


def facts(page):
    """The text of the facts list (labels and values), tags taken out."""
    [block] = re.findall(r'<dl class="facts">(.*?)</dl>', page, re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)).strip()


def fact(page, label):
    """The markup of one fact's value, by its label."""
    [value] = re.findall(
        rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", page, re.DOTALL
    )
    return value


def json_ld(page):
    [script] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    )
    return json.loads(script)


def test_an_event_to_come_offers_add_to_calendar(client):
    event = make_event(starts_at=in_days(3))

    assert ADD_TO_CALENDAR in event_page(client, event)


def test_an_ended_event_offers_no_add_to_calendar(client):
    event = make_event(
        starts_at=local(2024, 10, 12, 10), ends_at=local(2024, 10, 12, 18)
    )

    page = event_page(client, event)

    assert ADD_TO_CALENDAR not in page
    assert f"/events/{event.slug}/ics" not in page


def test_an_event_going_on_still_offers_add_to_calendar(client):
    event = make_event(starts_at=in_days(-1, hour=10), ends_at=in_days(2, hour=18))

    assert ADD_TO_CALENDAR in event_page(client, event)


def test_the_venue_street_address_is_shown(client):
    venue = make_venue(
        name_ru="Областная филармония",
        address_ru="ул. Тохтарова, 1",
        locality_ru="город Усть-Каменогорск",
    )
    event = make_event(venue=venue)

    where = fact(event_page(client, event, "ru"), "Где")

    assert '<span class="street-address">ул. Тохтарова, 1</span>' in where


def test_a_city_that_is_the_venues_district_is_named_once(client):
    venue = make_venue(locality_ru="город Усть-Каменогорск", district="oskemen")
    event = make_event(venue=venue)

    text = facts(event_page(client, event, "ru"))

    assert text.count("город Усть-Каменогорск") == 1


def test_a_village_and_its_district_are_both_named(client):
    venue = make_venue(locality_ru="село Бозанбай", district="ulan")
    event = make_event(venue=venue)

    text = facts(event_page(client, event, "ru"))

    assert "село Бозанбай Уланский район" in text


def test_a_rescheduled_event_shows_its_new_date_and_its_first_one_as_old(client):
    event = make_event(
        event_status=Event.EventStatus.RESCHEDULED,
        **whole_days((2025, 10, 8), (2025, 10, 11)),
        previous_starts_at=local(2025, 9, 3),
    )

    when = fact(event_page(client, event, "ru"), "Когда")

    assert when.startswith(
        '\n      \n        <time datetime="2025-10-08">8</time>–'
        '<time datetime="2025-10-11">11 октября 2025</time>'
    )
    old = re.sub(r"\s+", " ", re.sub(r"<(?!/?del)[^>]+>", "", when))
    assert "Планировалось: <del>3–6 сентября 2025 </del>" in old


def test_a_postponed_event_shows_its_planned_date_struck_out(client):
    event = make_event(
        event_status=Event.EventStatus.POSTPONED,
        starts_at=local(2025, 10, 12, 10),
        ends_at=local(2025, 10, 12, 18),
    )

    when = fact(event_page(client, event, "en"), "When")

    text = re.sub(r"\s+", " ", re.sub(r"<(?!/?del)[^>]+>", "", when)).strip()
    assert text == (
        "Postponed; the new date is not known yet. "
        "It was planned for: <del>12 October 2025, 10:00–18:00 </del>"
    )


def test_a_programme_item_names_its_festival_with_start_and_place(client):
    grounds = make_venue(
        name_en="Burkit tobe grounds", locality_en="Bozanbai", district="ulan"
    )
    festival = make_event(
        title_en="Falconry festival",
        kind=Event.Kind.FESTIVAL,
        venue=grounds,
        **whole_days((2025, 10, 8), (2025, 10, 11)),
    )
    item = make_event(
        title_en="Carpet master class",
        parent=festival,
        venue=grounds,
        starts_at=local(2025, 10, 9, 11),
    )

    data = json_ld(event_page(client, item))

    assert data["superEvent"] == {
        "@type": "Festival",
        "name": "Falconry festival",
        "url": f"http://testserver/en/events/{festival.slug}/",
        "startDate": "2025-10-08",
        "location": {
            "@type": "Place",
            "name": "Burkit tobe grounds",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Bozanbai",
                "addressRegion": "Ulan District",
                "addressCountry": "KZ",
            },
        },
    }


def test_an_online_festival_is_located_online_in_its_items_data(client):
    festival = make_event(
        kind=Event.Kind.FESTIVAL,
        venue=None,
        online_url="https://stream.example.kz/festival",
        starts_at=local(2025, 10, 8, 10),
    )
    item = make_event(parent=festival)

    super_event = json_ld(event_page(client, item))["superEvent"]

    assert super_event["startDate"] == "2025-10-08T10:00:00+05:00"
    assert super_event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://stream.example.kz/festival",
    }


@pytest.mark.parametrize(
    ("language", "kind", "types"),
    [
        ("en", "Kind of event", "Fields of creative industry"),
        ("ru", "Формат мероприятия", "Сферы креативной индустрии"),
        ("kk", "Іс-шара түрі", "Креативті индустрия салалары"),
    ],
)
def test_kind_and_activity_types_have_labels_that_tell_them_apart(
    client, language, kind, types
):
    event = make_event(activity_types=("13.93",))

    page = event_page(client, event, language)

    assert f"<dt>{kind}</dt>" in page
    assert f"<dt>{types}</dt>" in page
    assert re.search(r'</a> <small class="code">13\.93</small></li>', page)

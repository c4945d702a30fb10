import datetime
import email.utils
import xml.etree.ElementTree as ET

import icalendar
import pytest

from events import feeds
from events.models import ActivityType, Event
from tests.factories import (
    in_days,
    local,
    make_event,
    make_philharmonic,
    make_venue,
    whole_days,
)

pytestmark = pytest.mark.django_db

OCTOBER_12 = "date_from=2024-10-12&date_to=2024-10-12"


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def get_rss_channel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content).find("channel")


def uids(calendar):
    return [str(vevent["UID"]) for vevent in calendar.walk("VEVENT")]


def test_calendar_feed_describes_the_calendar(client):
    calendar = get_calendar(client, "/en/events/feed.ics")

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Creative East//Events//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Events · Creative East"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Almaty"
    assert calendar.walk("VEVENT") == []


def test_calendar_feed_gives_a_timed_event_in_utc(client):
    venue = make_philharmonic()
    event = make_event(
        title_en="Aitys of poets",
        summary_en="Twelve poets from across the country.",
        starts_at=local(2024, 10, 12, 10),
        ends_at=local(2024, 10, 12, 12, 30),
        venue=venue,
    )

    calendar = get_calendar(client, f"/en/events/feed.ics?{OCTOBER_12}")

    [vevent] = calendar.walk("VEVENT")
    url = f"http://testserver/en/events/{event.slug}/"
    assert str(vevent["UID"]) == f"event-{event.pk}@creative-east"
    assert vevent.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)
    assert vevent.decoded("DTSTART") == datetime.datetime(
        2024, 10, 12, 5, tzinfo=datetime.UTC
    )
    assert vevent.decoded("DTEND") == datetime.datetime(
        2024, 10, 12, 7, 30, tzinfo=datetime.UTC
    )
    assert vevent["DTSTART"].to_ical() == b"20241012T050000Z"
    assert str(vevent["SUMMARY"]) == "Aitys of poets"
    assert (
        str(vevent["DESCRIPTION"]) == f"Twelve poets from across the country.\n\n{url}"
    )
    assert str(vevent["URL"]) == url
    assert (
        str(vevent["LOCATION"]) == "Regional Philharmonic, Oskemen, Tokhtarov street 1"
    )
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert [str(name) for name in vevent["CATEGORIES"].cats] == ["Performing arts"]


def test_a_timed_event_without_an_end_has_no_dtend(client):
    make_event(starts_at=local(2024, 10, 12, 10))

    [vevent] = get_calendar(client, f"/en/events/feed.ics?{OCTOBER_12}").walk("VEVENT")

    assert "DTEND" not in vevent


def test_calendar_feed_gives_a_date_only_event_as_whole_days(client):
    make_event(**whole_days((2024, 10, 10), (2024, 10, 13)))

    [vevent] = get_calendar(client, f"/en/events/feed.ics?{OCTOBER_12}").walk("VEVENT")

    # The end is exclusive (RFC 5545): the day after the last day.
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == datetime.date(2024, 10, 10)
    assert vevent["DTEND"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTEND") == datetime.date(2024, 10, 14)


def test_a_one_day_event_without_time_or_end_lasts_its_day(client):
    make_event(date_precision=Event.DatePrecision.DAY, starts_at=local(2024, 10, 12))

    [vevent] = get_calendar(client, f"/en/events/feed.ics?{OCTOBER_12}").walk("VEVENT")

    assert vevent.decoded("DTSTART") == datetime.date(2024, 10, 12)
    assert vevent.decoded("DTEND") == datetime.date(2024, 10, 13)


def test_an_approximate_month_spans_the_month(client):
    make_event(**whole_days((2024, 10, 1), (2024, 10, 31), Event.DatePrecision.MONTH))

    [vevent] = get_calendar(client, f"/en/events/feed.ics?{OCTOBER_12}").walk("VEVENT")

    assert vevent.decoded("DTSTART") == datetime.date(2024, 10, 1)
    assert vevent.decoded("DTEND") == datetime.date(2024, 11, 1)


@pytest.mark.parametrize(
    ("event_status", "expected"),
    [
        (Event.EventStatus.SCHEDULED, "CONFIRMED"),
        (Event.EventStatus.CANCELLED, "CANCELLED"),
        (Event.EventStatus.POSTPONED, "TENTATIVE"),
        (Event.EventStatus.RESCHEDULED, "CONFIRMED"),
    ],
)
def test_calendar_status_follows_the_event_status(client, event_status, expected):
    make_event(event_status=event_status)

    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert str(vevent["STATUS"]) == expected


def test_an_online_event_is_located_at_its_link(client):
    make_event(online_url="https://youtube.com/live/aitys", venue=None)

    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert str(vevent["LOCATION"]) == "https://youtube.com/live/aitys"


def test_calendar_feed_follows_the_list_filters(client):
    in_ulan = make_event(district="ulan")
    make_event()  # in Oskemen
    make_event(
        district="ulan",
        publication_status=Event.PublicationStatus.DRAFT,
    )

    calendar = get_calendar(client, "/en/events/feed.ics?district=ulan")

    assert uids(calendar) == [f"event-{in_ulan.pk}@creative-east"]
    assert str(calendar["X-WR-CALNAME"]) == "Events · Creative East: Ulan District"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "district=ulan",
        "when=past",
        "free=1",
        "kind=festival&kind=fair",
        "activity_type=90.01",
        "date_from=2024-10-01&date_to=2024-10-31",
        "q=aitys",
        "district=nowhere&date_from=yesterday",
    ],
)
def test_feeds_list_what_the_list_page_lists(client, query):
    make_event(title_en="Aitys of poets", district="ulan")
    make_event(kind=Event.Kind.FESTIVAL, is_free=True)
    make_event(kind=Event.Kind.FAIR, activity_types=["13.93"])
    make_event(starts_at=local(2024, 10, 12, 10))
    make_event(starts_at=local(2024, 10, 20), title_en="Aitys in October")
    make_event(publication_status=Event.PublicationStatus.REVIEW, is_free=True)

    listed = client.get(f"/en/events/?{query}").context["page_obj"].object_list
    calendar = get_calendar(client, f"/en/events/feed.ics?{query}")
    channel = get_rss_channel(client, f"/en/events/feed.rss?{query}")

    expected = [f"event-{event.pk}@creative-east" for event in listed]
    assert expected  # every query above matches something
    assert uids(calendar) == expected
    assert [item.findtext("guid") for item in channel.iter("item")] == expected


def test_feeds_stop_at_their_size(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    first, second, _third = (make_event() for _ in range(3))

    calendar = get_calendar(client, "/en/events/feed.ics")
    channel = get_rss_channel(client, "/en/events/feed.rss")

    assert uids(calendar) == [feeds.event_uid(first), feeds.event_uid(second)]
    assert len(channel.findall("item")) == 2


def test_rss_feed_lists_the_events_with_their_pages(client):
    first = make_event(
        title_en="Aitys of poets",
        summary_en="Twelve poets.",
        starts_at=local(2024, 10, 12, 10),
        venue=make_venue(name_en="Regional Philharmonic"),
    )
    second = make_event(title_en="Carpet fair", starts_at=local(2024, 10, 12, 15))

    channel = get_rss_channel(client, f"/en/events/feed.rss?{OCTOBER_12}&page=2")

    assert (
        channel.findtext("title")
        == "Events · Creative East: From 12.10.2024, To 12.10.2024"
    )
    assert channel.findtext("link") == (
        "http://testserver/en/events/?date_from=2024-10-12&date_to=2024-10-12"
    )
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Aitys of poets",
        "Carpet fair",
    ]
    assert [item.findtext("link") for item in items] == [
        f"http://testserver/en/events/{first.slug}/",
        f"http://testserver/en/events/{second.slug}/",
    ]
    assert email.utils.parsedate_to_datetime(
        items[0].findtext("pubDate")
    ) == first.published_at.replace(microsecond=0)
    assert items[0].findtext("description") == (
        '<p><time datetime="2024-10-12T10:00:00+05:00">12 October 2024, 10:00</time>\n'
        "</p><p>Regional Philharmonic</p><p>Twelve poets.</p>"
    )
    assert [category.text for category in items[0].findall("category")] == [
        "Performing arts"
    ]


def test_rss_feed_is_in_the_language_of_its_address(client):
    event = make_event(title_ru="Айтыс акынов", title_en="Aitys of poets")

    channel = get_rss_channel(client, "/ru/events/feed.rss")

    assert channel.findtext("language") == "ru"
    assert channel.findtext("link") == "http://testserver/ru/events/"
    [item] = channel.findall("item")
    assert item.findtext("title") == "Айтыс акынов"
    assert item.findtext("link") == f"http://testserver/ru/events/{event.slug}/"


def test_rss_item_date_falls_back_to_creation(client):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(published_at=None)

    [item] = get_rss_channel(client, "/en/events/feed.rss").findall("item")

    assert email.utils.parsedate_to_datetime(
        item.findtext("pubDate")
    ) == event.created_at.replace(microsecond=0)


def test_an_events_calendar_file_is_a_download_with_the_feeds_vevent(client):
    event = make_event(
        title_en="Falconry festival",
        date_precision=Event.DatePrecision.DAY,
        starts_at=local(2025, 10, 8),
        ends_at=local(2025, 10, 11),
        event_status=Event.EventStatus.CANCELLED,
    )

    response = client.get(f"/en/events/{event.slug}/ics")
    calendar = icalendar.Calendar.from_ical(response.content)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{event.slug}.ics"'
    )
    assert str(calendar["X-WR-CALNAME"]) == "Falconry festival"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@creative-east"
    assert "DTSTAMP" in vevent
    assert vevent.decoded("DTSTART") == datetime.date(2025, 10, 8)
    assert vevent.decoded("DTEND") == datetime.date(2025, 10, 12)
    assert str(vevent["STATUS"]) == "CANCELLED"
    feed_calendar = get_calendar(client, "/en/events/feed.ics?when=past")
    assert feed_calendar.walk("VEVENT")[0].to_ical() == vevent.to_ical()


def test_a_drafts_calendar_file_is_for_its_editors_only(client, editor, library):
    draft = make_event(
        organizers=[library], publication_status=Event.PublicationStatus.DRAFT
    )

    assert client.get(f"/en/events/{draft.slug}/ics").status_code == 404
    assert client.get("/en/events/no-such-event/ics").status_code == 404
    client.force_login(editor)
    calendar = get_calendar(client, f"/en/events/{draft.slug}/ics")
    assert uids(calendar) == [f"event-{draft.pk}@creative-east"]


def calendar_items(content):
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def rss_items(content):
    return ET.fromstring(content).findall("channel/item")


@pytest.mark.parametrize(
    ("path", "items"),
    [("/en/events/feed.ics", calendar_items), ("/en/events/feed.rss", rss_items)],
)
def test_a_feed_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, path, items
):
    # The events with their venues, their activity types (no district is
    # read: the feed has no filter to name).
    for _ in range(2):
        make_event()
    with django_assert_num_queries(2):
        client.get(path)

    for _ in range(8):
        make_event()
    with django_assert_num_queries(2):
        response = client.get(path)
    assert len(items(response.content)) == 10


def test_feeds_leave_out_control_characters_pasted_into_an_event(client):
    # A vertical tab from a word processor is not allowed in XML 1.0.
    make_event(title_en="Aitys\x0bof poets", summary_en="Twelve\x0c poets.")

    [item] = get_rss_channel(client, "/en/events/feed.rss").findall("item")
    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert item.findtext("title") == "Aitysof poets"
    assert item.findtext("description").endswith("<p>Twelve poets.</p>")
    assert str(vevent["SUMMARY"]) == "Aitysof poets"


def test_a_search_with_a_line_break_is_ignored_and_the_name_stays_one_line(client):
    calendar = get_calendar(client, "/en/events/feed.ics?q=aitys%0Apoets")

    assert str(calendar["X-WR-CALNAME"]) == "Events · Creative East"


HOSTILE_TITLE = '<b>Fish & "Chips"</b>, a; b\\c'


def test_a_hostile_title_reaches_feed_readers_as_typed(client):
    make_event(title_en=HOSTILE_TITLE)

    [item] = get_rss_channel(client, "/en/events/feed.rss").findall("item")
    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert item.findtext("title") == HOSTILE_TITLE
    assert str(vevent["SUMMARY"]) == HOSTILE_TITLE


def test_the_calendars_name_escapes_commas_semicolons_and_backslashes(client):
    response = client.get("/en/events/feed.ics", {"q": "fish, chips; a\\b"})

    [line] = [
        line
        for line in response.content.decode().split("\r\n")
        if line.startswith("X-WR-CALNAME:")
    ]
    # RFC 5545 3.3.11: "\\," "\\;" and "\\\\" in TEXT.
    assert line == "X-WR-CALNAME:Events · Creative East: «fish\\, chips\\; a\\\\b»"


@pytest.fixture
def built(monkeypatch, settings):
    """With a shared cache: the titles of the events whose entries were built."""
    settings.FRAGMENT_CACHE_SECONDS = 60
    titles = []
    real_vevent, real_rss_entry = feeds.build_vevent, feeds.rss_entry

    def build_vevent(event, **kwargs):
        titles.append(event.title)
        return real_vevent(event, **kwargs)

    def rss_entry(event):
        titles.append(event.title)
        return real_rss_entry(event)

    monkeypatch.setattr(feeds, "build_vevent", build_vevent)
    monkeypatch.setattr(feeds, "rss_entry", rss_entry)
    return titles


@pytest.mark.parametrize("path", ["/en/events/feed.ics", "/en/events/feed.rss"])
def test_an_edit_rebuilds_the_feed_entry_of_that_event_only(client, built, path):
    aitys = make_event(title_en="Aitys", starts_at=in_days(1))
    make_event(title_en="Fair", starts_at=in_days(2))
    first = client.get(path).content
    assert sorted(built) == ["Aitys", "Fair"]
    built.clear()

    assert client.get(path).content == first
    assert built == []

    aitys.title_en = "Aitys of poets"
    aitys.save()
    changed = client.get(path).content.decode()

    assert built == ["Aitys of poets"]
    assert "Aitys of poets" in changed
    assert changed.index("Aitys of poets") < changed.index("Fair")


def test_a_venue_change_rebuilds_the_entries_that_show_it(client, built):
    hall = make_venue(name_en="Small hall")
    make_event(title_en="Aitys", venue=hall, starts_at=in_days(1))
    client.get("/en/events/feed.ics")
    built.clear()

    hall.name_en = "Great hall"
    hall.save()
    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert built == ["Aitys"]
    assert str(vevent["LOCATION"]).startswith("Great hall")


def test_kept_entries_are_per_language(client, built):
    make_event(title_en="Aitys", title_ru="Айтыс", starts_at=in_days(1))

    [english] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")
    [russian] = get_calendar(client, "/ru/events/feed.ics").walk("VEVENT")

    assert (str(english["SUMMARY"]), str(russian["SUMMARY"])) == ("Aitys", "Айтыс")


def test_a_feed_of_kept_entries_costs_one_query(
    client, built, django_assert_num_queries
):
    for day in range(1, 6):
        make_event(starts_at=in_days(day))
    client.get("/en/events/feed.ics")

    # Which events and their last changes.
    with django_assert_num_queries(1):
        calendar = get_calendar(client, "/en/events/feed.ics")

    assert len(calendar.walk("VEVENT")) == 5


def test_a_change_of_an_events_types_rebuilds_its_entry(client, built):
    aitys = make_event(title_en="Aitys", starts_at=in_days(1))
    client.get("/en/events/feed.ics")
    built.clear()

    aitys.activity_types.add(ActivityType.objects.get(code="13.93"))
    [vevent] = get_calendar(client, "/en/events/feed.ics").walk("VEVENT")

    assert built == ["Aitys"]
    assert "13.93" not in str(vevent["CATEGORIES"].to_ical())  # names, not codes
    assert len(vevent["CATEGORIES"].cats) == 2

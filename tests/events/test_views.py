import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image

from events.models import ActivityType, Event
from tests.factories import (
    get_at_fixed_cost,
    in_days,
    local,
    make_event,
    make_image,
    make_organization,
    whole_days,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("kk", "/kk/"), ("ru-RU,ru;q=0.9", "/ru/"), ("en-US,en;q=0.8", "/en/")],
)
def test_root_redirects_by_the_browsers_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_lists_upcoming_and_recent_published_events(client):
    ten_days_ago = timezone.localdate() - datetime.timedelta(days=10)
    # Ten days ahead: never this weekend, which the page shows first.
    upcoming = make_event(
        title_ru="Концерт оркестра",
        title_en="Orchestra concert",
        starts_at=in_days(10, hour=19),
    )
    recent = make_event(
        title_en="Carpet fair",
        starts_at=local(ten_days_ago.year, ten_days_ago.month, ten_days_ago.day, 10),
    )
    make_event(
        title_en="Secret draft", publication_status=Event.PublicationStatus.DRAFT
    )

    page = client.get("/en/").content.decode()

    assert page.index("Upcoming") < page.index(upcoming.title_en)
    assert page.index("Recently") < page.index(recent.title_en)
    assert f'href="/en/events/{upcoming.slug}/"' in page
    assert "Secret draft" not in page


def home_headings(page):
    """The section headings of the home page, in order."""
    return re.findall(r'<h2 id="[a-z-]+">(.*?)</h2>', page)


@pytest.mark.parametrize(
    ("language", "headings", "calendar"),
    [
        (
            "en",
            ["Recently", "Be the first to know", "By activity", "By district"],
            "Calendar (iCalendar)",
        ),
        (
            "ru",
            [
                "Недавно прошедшие",
                "Узнавайте о новых мероприятиях первыми",
                "По видам деятельности",
                "По районам",
            ],
            "Календарь (iCalendar)",
        ),
    ],
)
def test_home_with_nothing_upcoming_leads_with_recent_events_and_the_feeds(
    client, language, headings, calendar
):
    make_event(title_en="Carpet fair", starts_at=local(2024, 5, 1, 10))

    page = client.get(f"/{language}/").content.decode()

    assert home_headings(page) == headings
    assert f'<a href="/{language}/events/{Event.objects.get().slug}/"' in page
    assert f'<a href="/{language}/events/feed.ics">{calendar}</a>' in page
    assert f'<a href="/{language}/events/feed.rss">' in page
    assert "No upcoming events" not in page


def test_home_with_upcoming_events_keeps_the_feeds_below(client):
    make_event(title_en="Orchestra concert", starts_at=in_days(10))
    make_event(title_en="Carpet fair", starts_at=local(2024, 5, 1, 10))

    page = client.get("/en/").content.decode()

    assert home_headings(page) == [
        "Upcoming",
        "By activity",
        "By district",
        "Recently",
        "Be the first to know",
    ]


def test_home_falls_back_to_the_language_a_title_was_written_in(client):
    make_event(title_ru="Концерт оркестра", title_kk="", title_en="")

    assert "Концерт оркестра" in client.get("/kk/").content.decode()


def test_event_page_shows_the_event_in_local_time(client):
    event = make_event(
        title_en="Aitys of poets", starts_at=local(2025, 3, 21, 15), guests=300
    )

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "<h1>Aitys of poets</h1>" in page
    assert 'datetime="2025-03-21T15:00:00+05:00"' in page
    assert "300 guests" in page


def test_an_approximate_date_says_so(client):
    event = make_event(
        **whole_days((2025, 3, 1), (2025, 3, 31), Event.DatePrecision.MONTH)
    )

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "March 2025" in page
    assert "date approximate" in page


@pytest.mark.parametrize(
    "status", [Event.PublicationStatus.DRAFT, Event.PublicationStatus.REVIEW]
)
def test_unpublished_events_are_not_found_by_visitors(client, status):
    event = make_event(publication_status=status)

    assert client.get(f"/en/events/{event.slug}/").status_code == 404


def test_staff_preview_the_drafts_they_may_edit(client, editor, library):
    draft = make_event(
        organizers=[library], publication_status=Event.PublicationStatus.DRAFT
    )
    other_draft = make_event(publication_status=Event.PublicationStatus.DRAFT)
    client.force_login(editor)

    response = client.get(f"/en/events/{draft.slug}/")

    assert response.status_code == 200
    assert "Preview: this event is not public yet (draft)." in response.content.decode()
    assert client.get(f"/en/events/{other_draft.slug}/").status_code == 404


def test_venue_and_organization_pages_list_their_events(client):
    library = make_organization(name_en="Pushkin library")
    event = make_event(title_en="IT for Junior", organizers=[library])

    venue_page = client.get(f"/en/venues/{event.venue.slug}/").content.decode()
    organization_page = client.get(
        f"/en/organizations/{library.slug}/"
    ).content.decode()

    assert "IT for Junior" in venue_page
    assert "IT for Junior" in organization_page
    assert "<h1>Pushkin library</h1>" in organization_page


def make_events_for_each_home_list(count):
    last_year = timezone.localdate().year - 1
    for _ in range(count):
        # Running through the next seven days, it is on this weekend whatever
        # the day of the week, and upcoming.
        on_this_weekend = make_event(
            organizers=[make_organization()],
            starts_at=in_days(0, hour=0),
            ends_at=in_days(7),
        )
        make_image(on_this_weekend, alt_text="Poster")
        past = make_event(
            organizers=[make_organization()], starts_at=local(last_year, 5, 1)
        )
        make_image(past, alt_text="Poster")


def test_home_runs_a_fixed_number_of_queries(client, media_root):
    # Three lists (this weekend, upcoming, past), each with its events' last
    # changes, then the events of the cards not kept and their images; the
    # groups; the districts.
    response = get_at_fixed_cost(
        client,
        "/en/",
        11,
        few=lambda: make_events_for_each_home_list(2),
        many=lambda: make_events_for_each_home_list(10),
    )

    assert response.status_code == 200
    # Twelve events in each list, six past ones: each list is full.
    lists = ("weekend_events", "upcoming_events", "past_events")
    assert [len(response.context[name]) for name in lists] == [12, 12, 6]


def test_a_one_day_event_without_time_shows_its_date_once(client):
    event = make_event(
        title_en="Falconry festival",
        **whole_days((2024, 10, 12), (2024, 10, 12)),
    )

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    assert page.count("12 October 2024") == 1
    assert '<time datetime="2024-10-12">12 October 2024</time>–' not in page


def test_a_multi_day_event_shows_its_first_and_last_day(client):
    event = make_event(**whole_days((2025, 10, 8), (2025, 10, 11)))

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    assert (
        '<time datetime="2025-10-08">8</time>–'
        '<time datetime="2025-10-11">11 October 2025</time>'
    ) in page


def test_a_card_shows_a_thumbnail_never_upscaled(client, media_root):
    event = make_event(title_en="Falconry festival")
    image = make_image(event, size=(300, 200), alt_text="Eagles")

    page = client.get("/en/events/").content.decode()

    # One candidate per width, as HTML allows: both renditions are 300 px wide.
    assert f'srcset="{image.card.url} 300w"' in page
    # The first card of the page, above the fold: not lazy.
    assert 'width="300" height="200" alt="Eagles" fetchpriority="high"' in page
    with Image.open(image.card_2x.path) as rendition:
        assert rendition.size == (300, 200)


def test_a_large_photo_is_shrunk_for_cards(client, media_root):
    image = make_image(make_event(), size=(3000, 2000))

    assert image.card_srcset.endswith(" 960w")
    with Image.open(image.card.path) as rendition:
        assert rendition.size == (480, 320)


def test_activity_types_page_counts_upcoming_published_events(client):
    make_event(activity_types=("90.01", "13.93"))
    make_event(activity_types=("90.01",))
    make_event(activity_types=("90.01",), starts_at=local(2024, 5, 1, 10))
    make_event(
        activity_types=("90.01",), publication_status=Event.PublicationStatus.DRAFT
    )

    page = client.get("/en/activity-types/").content.decode()

    assert "2 upcoming events" in page
    assert "1 upcoming event ·" in page
    assert page.count("0 upcoming events") == 41


def counts_of_90_01(now):
    activity_type = ActivityType.objects.with_event_counts(now=now).get(code="90.01")
    return activity_type.upcoming_count, activity_type.last_12_months_count


def test_the_last_12_months_start_on_the_same_day_a_year_earlier():
    now = local(2025, 10, 12, 12)
    # Over on the first day of the twelve months, or the day before it.
    make_event(**whole_days((2024, 10, 12), (2024, 10, 12)))
    make_event(**whole_days((2024, 10, 11), (2024, 10, 11)))
    # Began before the twelve months, ended inside them.
    make_event(starts_at=local(2024, 9, 1, 10), ends_at=local(2024, 10, 12, 0, 30))
    # Yesterday; today at 10:00 without an end (upcoming all its day); tomorrow.
    make_event(starts_at=local(2025, 10, 11, 10))
    make_event(starts_at=local(2025, 10, 12, 10))
    make_event(starts_at=local(2025, 10, 13, 10))
    make_event(
        starts_at=local(2025, 10, 11, 10),
        publication_status=Event.PublicationStatus.DRAFT,
    )

    assert counts_of_90_01(now) == (2, 3)


def test_on_29_february_the_last_12_months_start_on_28_february():
    make_event(**whole_days((2027, 2, 27), (2027, 2, 27)))
    make_event(**whole_days((2027, 2, 28), (2027, 2, 28)))

    assert counts_of_90_01(local(2028, 2, 29, 12)) == (0, 1)


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", "2 upcoming events · 3 in the last 12 months"),
        ("ru", "2 предстоящих мероприятия · 3 за последние 12 месяцев"),
        ("kk", "2 алдағы іс-шара · соңғы 12 айда: 3"),
    ],
)
def test_activity_types_page_shows_upcoming_and_last_12_months_counts(
    client, language, counts
):
    for days in (1, 30):
        make_event(starts_at=in_days(days))
    for days in (-1, -100, -360):
        make_event(starts_at=in_days(days))
    make_event(starts_at=in_days(-400))

    page = client.get(f"/{language}/activity-types/").content.decode()

    row = page[page.index("?activity_type=90.01") :]
    assert row[: row.index("</li>")].endswith(
        f'<span class="count">{counts}</span>\n        '
    )


def test_activity_types_page_marks_only_the_codes_included_by_analogy(client):
    page = client.get("/en/activity-types/").content.decode()

    rows = re.findall(r"<li>(.*?)</li>", page, re.S)
    marked = [
        re.search(r"activity_type=([\d.]+)", row).group(1)
        for row in rows
        if 'class="analogy-mark"' in row
    ]
    assert sorted(marked) == [
        "13.99", "14.13", "14.19", "23.41", "32.99", "62.02",
        "63.12", "63.91", "70.21", "85.52", "91.03",
    ]  # fmt: skip
    assert '<p id="by-analogy" class="analogy-note">' in page
    assert "43 types of economic activity in 12 directions" in page
    for doubt in ("reconstruct", "not been published", "official"):
        assert doubt not in page

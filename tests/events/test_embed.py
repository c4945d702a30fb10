"""The catalog on partners' sites (events/embed.py): the framable list and its builder."""

import html
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from tests.factories import in_days, make_event, make_image, make_venue

pytestmark = pytest.mark.django_db

EMBED = "/en/embed/events/"


def titles(response):
    """The events' titles the embed page lists, in order."""
    return [
        html.unescape(title)
        for title in re.findall(
            r'<a class="embed-event-title" href="[^"]*" target="[^"]*"[^>]*>([^<]*)</a>',
            response.content.decode(),
        )
    ]


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]*)", policy).group(1)


def test_the_embed_page_filters_by_district_as_the_list_does(client):
    make_event(title_en="Eagle festival", district="ulan")
    make_event(title_en="City concert", district="oskemen")

    response = client.get(EMBED, {"district": "ulan"})

    assert response.status_code == 200
    assert titles(response) == ["Eagle festival"]


def test_the_embed_page_has_no_header_or_footer_of_the_site(client):
    make_event(title_en="Eagle festival")

    page = client.get(EMBED).content.decode()

    assert "site-header" not in page
    assert "site-footer" not in page
    assert "css/embed.css" in page
    assert "js/embed-frame.js" in page
    assert "<script>" not in page  # nothing inline, for the CSP


@pytest.mark.parametrize(
    ("limit", "shown"),
    [("3", 3), ("1", 1), ("0", 1), ("-4", 1), ("50", 50), ("51", 50), ("9999", 50)],
)
def test_limit_is_kept_between_1_and_50(client, limit, shown):
    venue = make_venue()
    for day in range(1, 52):
        make_event(title_en=f"Day {day:02}", venue=venue, starts_at=in_days(day))

    response = client.get(EMBED, {"limit": limit})

    assert titles(response) == [f"Day {day:02}" for day in range(1, shown + 1)]


@pytest.mark.parametrize("limit", ["", "abc", "1e3", "5.5", "9" * 5000, "\x00"])
def test_a_limit_that_cannot_be_read_gives_ten_events(client, limit):
    venue = make_venue()
    for day in range(1, 13):
        make_event(title_en=f"Day {day:02}", venue=venue, starts_at=in_days(day))

    response = client.get(EMBED, {"limit": limit})

    assert response.status_code == 200
    assert len(titles(response)) == 10


@pytest.mark.parametrize(
    ("theme", "shown"), [("dark", "dark"), ("light", "light"), ("neon", "light")]
)
def test_the_theme_is_light_or_dark(client, theme, shown):
    page = client.get(EMBED, {"theme": theme}).content.decode()

    assert f'<html lang="en" class="theme-{shown}">' in page


def test_events_and_more_events_open_in_the_top_window_never_in_the_frame(client):
    event = make_event(title_en="Eagle festival", district="ulan")

    page = client.get(EMBED, {"district": "ulan", "limit": "5"}).content.decode()

    assert (
        f'<a class="embed-event-title" href="/en/events/{event.slug}/" '
        'target="_top">Eagle festival</a>'
    ) in page
    # The full list with the same filters, without the embed's own options.
    assert '<a href="/en/events/?district=ulan" target="_top">More events</a>' in page
    assert "_blank" not in page


def test_target_blank_opens_the_catalog_in_a_new_tab(client):
    event = make_event(title_en="Eagle festival")

    page = client.get(EMBED, {"target": "blank"}).content.decode()

    assert (
        f'href="/en/events/{event.slug}/" target="_blank" rel="noopener">'
        "Eagle festival</a>"
    ) in page
    assert '<a href="/en/events/" target="_blank" rel="noopener">More events</a>' in (
        page
    )
    assert "_top" not in page


def test_an_event_shows_its_picture_small_or_else_its_cover(client, media_root):
    pictured = make_event(title_en="Eagle festival")
    make_image(pictured, alt_text="An eagle on a glove")
    plain = make_event(title_en="Jazz night")

    page = client.get(EMBED).content.decode()

    assert re.search(
        r'<img class="embed-event-image" src="/media/[^"]+\.webp" srcset="[^"]+" '
        r'sizes="96px" alt="An eagle on a glove" width="96" height="54"',
        page,
    )
    # Without a picture of its own, its cover, decorative beside its title.
    assert re.search(
        rf'<img class="embed-event-image" src="/en/events/{plain.slug}/cover/'
        r'[0-9a-f]+-600\.webp" srcset="[^"]+" sizes="96px" alt="" ',
        page,
    )


def test_when_nothing_upcoming_matches_the_latest_past_events_show(client):
    make_event(title_en="Last year's fair", starts_at=in_days(-300))
    make_event(title_en="Last month's fair", starts_at=in_days(-30))

    page = client.get(EMBED).content.decode()

    assert "Nothing upcoming; the latest events:" in page
    assert titles(client.get(EMBED)) == ["Last month's fair", "Last year's fair"]
    assert '<a href="/en/events/?when=past" target="_top">More events</a>' in page


def test_a_chosen_period_without_events_says_so(client):
    make_event(title_en="Last month's fair", starts_at=in_days(-30))

    page = client.get(EMBED, {"when": "week"}).content.decode()

    assert titles(client.get(EMBED, {"when": "week"})) == []
    assert "No upcoming events match." in page


def test_drafts_never_show(client):
    make_event(title_en="Secret draft", publication_status="draft")

    assert "Secret draft" not in client.get(EMBED).content.decode()


def test_parameters_that_cannot_be_read_are_ignored(client):
    make_event(title_en="Eagle festival")

    response = client.get(
        EMBED, {"district": "atlantis", "date_from": "yesterday", "kind": "x"}
    )

    assert response.status_code == 200
    assert titles(response) == ["Eagle festival"]


def test_only_the_embed_page_may_be_framed(client):
    embed = client.get(EMBED)
    event_list = client.get("/en/events/")
    builder = client.get("/en/embed/")

    assert frame_ancestors(embed) == "'self' *"
    assert "X-Frame-Options" not in embed
    for refusing in (event_list, builder):
        assert frame_ancestors(refusing) == "'none'"
        assert refusing["X-Frame-Options"] == "DENY"


def test_the_allowed_origins_setting_names_who_may_frame(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://vko.gov.kz", "https://library.kz"]

    response = client.get(EMBED)

    assert frame_ancestors(response) == ("'self' https://vko.gov.kz https://library.kz")
    assert frame_ancestors(client.get("/en/events/")) == "'none'"


def test_the_allowed_origins_are_read_from_the_environment(monkeypatch):
    settings_file = Path(django_settings.BASE_DIR) / "creative_east" / "settings.py"
    monkeypatch.delenv("DJANGO_EMBED_ALLOWED_ORIGINS", raising=False)
    assert runpy.run_path(str(settings_file))["EMBED_ALLOWED_ORIGINS"] == ["*"]

    monkeypatch.setenv(
        "DJANGO_EMBED_ALLOWED_ORIGINS",
        "https://vko.gov.kz, *.library.kz, http://127.0.0.1:8080",
    )
    read = runpy.run_path(str(settings_file))["EMBED_ALLOWED_ORIGINS"]

    assert read == ["https://vko.gov.kz", "*.library.kz", "http://127.0.0.1:8080"]


@pytest.mark.parametrize(
    "value",
    [
        "https://vko.gov.kz; script-src *",
        "'unsafe-inline'",
        "https://a.kz https://b.kz",
    ],
)
def test_allowed_origins_that_are_not_origins_stop_start_up(monkeypatch, value):
    settings_file = Path(django_settings.BASE_DIR) / "creative_east" / "settings.py"
    monkeypatch.setenv("DJANGO_EMBED_ALLOWED_ORIGINS", value)

    with pytest.raises(ImproperlyConfigured, match="DJANGO_EMBED_ALLOWED_ORIGINS"):
        runpy.run_path(str(settings_file))


def test_a_kept_embed_page_keeps_its_frame_headers(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    make_event(title_en="Eagle festival")
    first = client.get(EMBED, {"limit": "5"})

    with django_assert_num_queries(0):
        again = client.get(EMBED, {"limit": "5"})
    kept_list = client.get("/en/events/")
    kept_list = client.get("/en/events/")

    assert again.content == first.content
    assert frame_ancestors(again) == "'self' *"
    assert "X-Frame-Options" not in again
    assert frame_ancestors(kept_list) == "'none'"
    assert kept_list["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("url", "expected", "shown"),
    [
        # The events, then their pictures.
        (EMBED, 2, 10),
        # Before them, the filters' values read once each (the districts, the
        # activity type), for the check of each value and the form.
        (f"{EMBED}?district=ulan&kind=concert&activity_type=90.01&limit=50", 4, 29),
    ],
)
def test_the_embed_page_costs_a_fixed_number_of_queries(
    client, url, expected, shown, media_root, django_assert_num_queries
):
    venue = make_venue(district="ulan")
    make_image(make_event(title_en="The first", venue=venue))
    with django_assert_num_queries(expected):
        assert len(titles(client.get(url))) == 1
    for day in range(2, 30):
        make_image(
            make_event(title_en=f"Day {day}", venue=venue, starts_at=in_days(day))
        )

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert len(titles(response)) == shown


def test_the_builder_gives_both_snippets_with_the_chosen_filters(client):
    make_event(title_en="Eagle festival", district="ulan")

    response = client.get(
        "/en/embed/", {"district": "ulan", "limit": "5", "theme": "dark"}
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert '<option value="ulan" selected>' in page
    assert (
        '<iframe class="embed-preview" '
        'src="/en/embed/events/?district=ulan&amp;limit=5&amp;theme=dark"'
    ) in page
    assert (
        '<code id="snippet-script">&lt;div data-creative-east data-lang=&quot;en&quot; '
        "data-district=&quot;ulan&quot; data-limit=&quot;5&quot; "
        "data-theme=&quot;dark&quot;&gt;&lt;/div&gt;\n"
        "&lt;script src=&quot;http://testserver/static/embed.js&quot; async&gt;"
        "&lt;/script&gt;</code>"
    ) in page
    assert (
        '<code id="snippet-iframe">&lt;iframe src=&quot;http://testserver/en/embed/'
        "events/?district=ulan&amp;amp;limit=5&amp;amp;theme=dark&quot; "
        "title=&quot;Creative East: events&quot; width=&quot;100%&quot; "
        "height=&quot;600&quot;"
    ) in page


def test_the_builder_snippets_leave_out_defaults_and_unknown_parameters(client):
    page = client.get(
        "/ru/embed/", {"limit": "10", "theme": "light", "utm_source": "x"}
    ).content.decode()

    assert "&lt;div data-creative-east data-lang=&quot;ru&quot;&gt;&lt;/div&gt;" in page
    assert 'src="/ru/embed/events/"' in page
    assert "utm_source" not in page.split('id="embed-result"')[1]


def test_every_page_links_to_the_builder_from_its_footer(client):
    page = client.get("/kk/events/").content.decode()

    assert '<a href="/kk/embed/">Каталогты өз сайтыңызға орналастыру</a>' in page


def test_the_embed_page_speaks_the_language_of_its_address(client):
    make_event(title_ru="Фестиваль беркутчи", title_kk="Бүркітшілер фестивалі")

    assert titles(client.get("/kk/embed/events/")) == ["Бүркітшілер фестивалі"]
    assert "Больше мероприятий" in client.get("/ru/embed/events/").content.decode()


def test_the_builders_form_sends_the_defaults_which_the_snippets_leave_out(client):
    page = client.get(
        "/en/embed/",
        {"district": "ulan", "when": "upcoming", "limit": "10", "target": "top"},
    ).content.decode()

    assert (
        "&lt;div data-creative-east data-lang=&quot;en&quot; "
        "data-district=&quot;ulan&quot;&gt;&lt;/div&gt;"
    ) in page
    assert 'src="/en/embed/events/?district=ulan"' in page


def test_the_partners_script_is_small_and_stands_alone():
    script = (Path(django_settings.BASE_DIR) / "static" / "embed.js").read_text()

    assert len(script.encode()) < 5_000
    assert "import " not in script
    assert "require(" not in script
    # It hears only the catalog, whose origin its own address gives.
    assert "new URL(script.src, document.baseURI).origin" in script
    assert "event.origin !== catalog" in script

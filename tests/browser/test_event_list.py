"""What a visitor sees when filtering the event list in the browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RESULT_LINKS = ".results .event-card h3 a"


def listed_slugs(page):
    """The slugs of the events the results show, in order."""
    return [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator(RESULT_LINKS).evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]


def test_choosing_a_district_and_an_activity_type_lists_the_falconry_festival(
    page, live_server
):
    page.goto(f"{live_server.url}/en/events/?when=past")

    page.locator("summary", has_text=re.compile(r"^District$")).click()
    page.get_by_role("checkbox", name=re.compile(r"^Ulan District \(\d+\)$")).check()
    page.locator("summary", has_text=re.compile(r"^Activity type$")).click()
    page.get_by_role(
        "checkbox", name=re.compile(r"^13\.93 Manufacture of carpets and rugs")
    ).check()
    page.get_by_role("button", name="Show events").click()

    expect(page).to_have_url(re.compile(r"district=ulan"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["district"] == ["ulan"]
    assert query["activity_type"] == ["13.93"]
    assert query["when"] == ["past"]
    expect(page.locator("#results-heading")).to_have_text("2 events")
    assert sorted(listed_slugs(page)) == [
        "shygys-salburyny-2024",
        "shygys-salburyny-2024-master-classes",
    ]
    festival = page.locator(RESULT_LINKS, has_text="International Falconry Festival")
    expect(festival).to_have_text(
        "«Shygys Salburyny» International Falconry Festival 2024"
    )
    # The carpet festival in Oskemen has the activity type but not the district.
    assert "gasyrlyk-dasturler-2025" not in listed_slugs(page)
    for meta in page.locator(".results .event-card .event-meta").all_inner_texts():
        assert "Ulan District" in meta


def test_switching_language_keeps_the_filters_and_the_events(page, live_server):
    page.goto(f"{live_server.url}/ru/events/?when=past&district=ulan")
    russian_slugs = listed_slugs(page)
    assert "shygys-salburyny-2024" in russian_slugs

    page.locator(".language-switcher").get_by_role("link", name="Қазақ").click()

    expect(page).to_have_url(f"{live_server.url}/kk/events/?when=past&district=ulan")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    assert listed_slugs(page) == russian_slugs
    expect(page.locator(RESULT_LINKS, has_text="Шығыс салбурыны").first).to_be_visible()

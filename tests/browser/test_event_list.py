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
    page.locator(
        "summary", has_text=re.compile(r"^Field of creative industry$")
    ).click()
    page.locator("summary", has_text=re.compile(r"^Crafts and folk art")).click()
    page.get_by_role(
        "checkbox", name=re.compile(r"^Manufacture of carpets and rugs 13\.93 \(")
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


def first_screen_bottom(page):
    return page.viewport_size["height"]


def test_on_a_phone_chosen_filters_fold_so_the_results_come_first(
    phone_page, live_server
):
    page = phone_page
    page.goto(f"{live_server.url}/en/events/?district=ulan&when=past")

    summary = page.locator(".filter-summary")
    expect(summary).to_have_text("Ulan District · past · Change")
    expect(page.locator(".filters")).to_be_hidden()
    first_result = page.locator(RESULT_LINKS).first
    box = first_result.bounding_box()
    assert box["y"] + box["height"] <= first_screen_bottom(page)

    summary.click()

    expect(page.locator(".filters")).to_be_visible()
    expect(
        page.get_by_role("checkbox", name=re.compile(r"^Ulan District"))
    ).to_be_checked()


def test_on_a_phone_a_field_ticks_its_types_and_the_finder_narrows_them(
    phone_page, live_server
):
    page = phone_page
    page.goto(f"{live_server.url}/en/events/")
    page.locator(
        "summary", has_text=re.compile(r"^Field of creative industry$")
    ).click()
    crafts = page.locator(".group", has_text="Crafts and folk art")
    crafts.locator("summary").click()

    crafts.get_by_role("checkbox", name=re.compile(r"^All of «Crafts")).check()

    types = crafts.locator('input[name="activity_type"]')
    assert types.count() > 1
    for number in range(types.count()):
        expect(types.nth(number)).to_be_checked()
        expect(types.nth(number)).to_be_disabled()

    crafts.get_by_role("checkbox", name=re.compile(r"^All of «Crafts")).uncheck()

    for number in range(types.count()):
        expect(types.nth(number)).not_to_be_checked()

    finder = page.get_by_role("searchbox", name="Find an activity type")
    finder.fill("carpets")

    visible = page.locator(".activity-types .choices > .option:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_have_text(
        re.compile(r"^\s*Manufacture of carpets and rugs 13\.93 ")
    )
    expect(page.locator(".activity-types .group:visible")).to_have_count(1)

    finder.fill("")

    expect(page.locator(".activity-types .group:visible")).to_have_count(12)

    finder.fill("no such words at all")

    expect(page.locator(".type-finder-none")).to_be_visible()


def test_on_a_wide_screen_chosen_filters_leave_the_form_open(page, live_server):
    page.goto(f"{live_server.url}/en/events/?district=ulan&when=past")

    expect(page.locator(".filters")).to_be_visible()
    expect(page.get_by_role("button", name="Show events")).to_be_visible()

"""The event map and a venue's map in the browser, under the site's CSP."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.factories import in_days, local, make_event, make_venue

pytestmark = pytest.mark.browser

MARKERS = ".leaflet-marker-pane .leaflet-marker-icon"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Every violation of the Content Security Policy, kept where the test reads it.
WATCH_THE_POLICY = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.policyViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def places(transactional_db):
    """In Ulan: a hall with coordinates and two upcoming events, a barn without
    coordinates; in Oskemen: a museum with a festival; abroad, a past event."""
    hall = make_venue(
        name="Hall", slug="hall", district="ulan", latitude=49.5, longitude=82.9
    )
    barn = make_venue(name="Barn", slug="barn", district="ulan")
    museum = make_venue(name="Museum", slug="museum", latitude=49.948, longitude=82.628)
    abroad = make_venue(
        name="Abroad", slug="abroad", district=None, latitude=51.1, longitude=71.4
    )
    make_event(title_en="Concert one", venue=hall, starts_at=in_days(3))
    make_event(title_en="Concert two", venue=hall, starts_at=in_days(4))
    make_event(venue=barn, starts_at=in_days(2))
    make_event(venue=museum, kind=Event.Kind.FESTIVAL, starts_at=in_days(5))
    make_event(venue=abroad, starts_at=local(2024, 5, 1, 10))
    return hall


@pytest.fixture
def watched_page(new_page):
    """A page whose console errors and CSP violations are recorded."""

    def watched_page(**viewport):
        page = new_page(**viewport)
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and page.console_errors.append(message.text)
            ),
        )
        page.add_init_script(WATCH_THE_POLICY)
        return page

    return watched_page


def policy_violations(page):
    return page.evaluate("window.policyViolations")


def assert_ran_cleanly(page):
    """Nothing the policy blocked, no error in the console."""
    assert policy_violations(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", 2), ("?district=ulan", 1), ("?when=past", 1), ("?district=outside", 0)],
)
def test_one_marker_per_venue_with_coordinates_and_no_policy_violation(
    watched_page, live_server, places, query, expected
):
    page = watched_page()
    response = page.goto(f"{live_server.url}/en/events/map/{query}")

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["content-security-policy"].split(";")
    )
    assert (policy["style-src"], policy["script-src"]) == ("'self'", "'self'")
    if expected:
        expect(page.locator(MARKERS)).to_have_count(expected)
    else:
        # Nothing upcoming at a venue outside the region: no map at all.
        expect(page.locator(".venue-map")).to_have_count(0)
        expect(
            page.get_by_text("No upcoming events match these filters.")
        ).to_be_visible()
    assert_ran_cleanly(page)


def test_a_markers_popup_leads_to_the_venue_and_its_events(
    watched_page, live_server, places
):
    page = watched_page()
    page.goto(f"{live_server.url}/en/events/map/?district=ulan")

    marker = page.get_by_role("button", name="Hall: 2 events")
    expect(marker).to_have_text("2")
    marker.click()
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name="Hall")).to_have_attribute(
        "href", "/en/venues/hall/"
    )
    expect(popup.get_by_role("button", name="Close")).to_be_visible()
    popup.get_by_role("link", name="2 events").click()

    expect(page).to_have_url(f"{live_server.url}/en/events/?district=ulan&venue=hall")
    expect(page.locator("#results-heading")).to_have_text("2 events")
    assert_ran_cleanly(page)


def test_the_map_is_labelled_in_the_pages_language(watched_page, live_server, places):
    page = watched_page()
    page.goto(f"{live_server.url}/kk/events/map/")

    expect(page.locator(MARKERS)).to_have_count(2)
    expect(page.get_by_role("button", name="Үлкейту")).to_be_visible()
    expect(page.get_by_role("button", name="Кішірейту")).to_be_visible()
    expect(
        page.get_by_role("region", name="Өткізу орындарының картасы")
    ).to_be_visible()
    assert policy_violations(page) == []


def test_the_map_fits_a_phone(watched_page, live_server, places):
    page = watched_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/ru/events/map/")

    expect(page.locator(MARKERS)).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert policy_violations(page) == []


def test_a_venue_page_shows_its_place_with_one_marker(
    watched_page, live_server, places
):
    page = watched_page()
    page.goto(f"{live_server.url}/en/venues/hall/")

    expect(page.locator(MARKERS)).to_have_count(1)
    expect(page.get_by_role("button", name="Hall")).to_be_visible()
    assert_ran_cleanly(page)


def test_the_watch_on_the_policy_sees_an_inline_style(
    watched_page, live_server, places
):
    # What Leaflet would do with a style attribute in its HTML: blocked, and seen.
    page = watched_page()
    page.goto(f"{live_server.url}/en/events/map/")
    expect(page.locator(MARKERS)).to_have_count(2)

    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<b style=\"color: red\">x</b>')"
    )

    page.wait_for_function("window.policyViolations.length > 0")
    assert policy_violations(page) == ["style-src-attr inline"]


def test_the_map_with_a_popup_open_has_no_serious_accessibility_violation(
    watched_page, live_server, places
):
    page = watched_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/ru/events/map/")
    page.get_by_role("button", name="Hall: 2 мероприятия").click()
    expect(page.locator(".leaflet-popup")).to_be_visible()
    # Leaflet fades a popup in (opacity over 0.2 s): contrast measured during
    # the fade is of text not yet shown as the visitor reads it.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")

    # Evaluated, not injected as a <script>: the policy forbids inline scripts.
    page.evaluate(AXE.read_text())
    results = page.evaluate("axe.run()")

    assert [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ] == []
    assert policy_violations(page) == []

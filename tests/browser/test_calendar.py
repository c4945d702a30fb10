"""The month calendar in a browser: a table on a desktop, a list of days on a phone."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
OCTOBER = "/ru/events/calendar/2024-10/?district=ulan"


def fits_the_screen(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return widths[0] <= widths[1]


def serious_axe_violations(page):
    # Evaluated, not injected as a <script>: the CSP forbids inline scripts.
    page.evaluate(AXE.read_text())
    results = page.evaluate("axe.run()")
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [390, 360])
def test_on_a_phone_the_month_is_a_list_of_its_days_with_events(
    new_page, live_server, demo_catalog, width
):
    page = new_page({"width": width, "height": 844})
    assert page.goto(f"{live_server.url}{OCTOBER}").status == 200

    assert not page.locator(".month-grid").is_visible()
    days = page.locator(".month-days > li")
    assert days.count() == 1
    assert days.locator("h3").inner_text() == "Суббота, 12 октября"
    assert days.get_by_role(
        "link", name="Международный фестиваль беркутчи"
    ).is_visible()
    assert days.get_by_role("link", name="+1").is_visible()
    assert fits_the_screen(page)
    assert serious_axe_violations(page) == []


def test_on_a_desktop_the_month_is_a_table_with_the_event_on_its_day(page, live_server):
    assert page.goto(f"{live_server.url}{OCTOBER}").status == 200

    assert not page.locator(".month-days").is_visible()
    table = page.get_by_role("table", name="Мероприятия по дням: Октябрь 2024")
    assert table.locator("th").all_inner_texts()[:2] == ["Понедельник", "Вторник"]
    twelfth = table.locator("td", has=page.locator(".day-number", has_text="12"))
    assert twelfth.get_by_role("link").count() == 4  # three events and "+1"
    twelfth.get_by_role("link", name="+1").click()
    assert page.url.endswith(
        "/ru/events/?district=ulan&date_from=2024-10-12&date_to=2024-10-12"
    )
    assert page.locator(".results .event-card").count() == 4


def test_the_calendar_has_no_serious_accessibility_violation(page, live_server):
    assert page.goto(f"{live_server.url}/kk{OCTOBER[3:]}").status == 200

    assert serious_axe_violations(page) == []

"""The pages fit a phone's screen and wear their stylesheet."""

import pytest

pytestmark = pytest.mark.browser


def test_event_page_fits_a_phone_and_has_its_stylesheet(phone_page, live_server):
    page = phone_page
    response = page.goto(f"{live_server.url}/en/events/shygys-salburyny-2024/")
    assert response.status == 200

    overflow = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert overflow[0] <= overflow[1], f"scrollWidth, innerWidth = {overflow}"
    # Values that only static/css/site.css gives: the browser's defaults are a
    # serif font and no border.
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font.startswith("system-ui"), body_font
    header_border = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
    )
    assert header_border == "solid"

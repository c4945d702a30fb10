"""Every card and event page shows its picture: an image, or a generated cover."""

import pytest

pytestmark = pytest.mark.browser


def watch_console(page):
    """The console's errors (a CSP violation is one) as the page runs."""
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    return errors


def test_the_event_page_leads_with_its_cover_on_a_phone(phone_page, live_server):
    page = phone_page
    errors = watch_console(page)
    page.goto(f"{live_server.url}/kk/events/shygys-salburyny-2024/")

    hero = page.locator(".event-hero img")
    hero.evaluate("image => image.decode()")
    source = hero.evaluate("image => image.currentSrc")
    box = hero.bounding_box()

    # 390 px at one device pixel a px: the 600 px file, 358 px wide on screen,
    # in the 1200 × 630 shape, in the upper half of the first screen.
    assert source.endswith("-600.webp")
    assert (round(box["width"]), round(box["height"])) == (358, 188)
    assert box["y"] < 844 / 2
    assert errors == []


def test_every_card_of_the_list_shows_its_picture(page, live_server):
    errors = watch_console(page)
    page.goto(f"{live_server.url}/ru/events/?when=past")

    images = page.locator(".event-card-image")
    assert images.count() > 5
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()  # they are lazy
        image.evaluate("image => image.decode()")
        assert image.evaluate("image => image.naturalWidth") > 0
    assert errors == []

"""A partner's site embeds the catalog (static/embed.js, events/embed.py).

The partner's page is served by a second server on another port: another
origin, as a real partner's site would be.
"""

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.factories import in_days, make_event, make_venue

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def partner_site(tmp_path):
    """put(name, html) writes a page of the partner's site and gives its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=tmp_path)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def put(name, html):
        (tmp_path / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_port}/{name}"

    yield put
    server.shutdown()
    server.server_close()


def partner_page(body):
    return (
        '<!doctype html><html lang="kk"><head><meta charset="utf-8">'
        "<title>Аудан әкімдігі</title></head><body><h1>Аудан әкімдігі</h1>"
        f"{body}</body></html>"
    )


def listen_to_console(page):
    """The text of every console message of the page and its frames."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


def test_a_partner_page_shows_a_filtered_widget_at_the_height_of_its_events(
    new_page, live_server, partner_site
):
    ulan = make_venue(district="ulan")
    festival = make_event(
        title_kk="Бүркітшілер фестивалі", venue=ulan, starts_at=in_days(1)
    )
    make_event(title_kk="Кілем шеберханасы", venue=ulan, starts_at=in_days(2))
    make_event(title_kk="Қала концерті", district="oskemen")
    url = partner_site(
        "index.html",
        partner_page(
            '<div id="widget" data-creative-east data-district="ulan" '
            'data-limit="5"></div>'
            f'<script src="{live_server.url}/static/embed.js" async></script>'
        ),
    )
    page = new_page()
    console = listen_to_console(page)

    page.goto(url)
    frame_element = page.locator("#widget iframe")
    expect(frame_element).to_have_attribute("title", "Креативті Шығыс: іс-шаралар")
    frame = page.frame_locator("#widget iframe")
    expect(frame.locator(".embed-event-title")).to_have_text(
        ["Бүркітшілер фестивалі", "Кілем шеберханасы"]
    )
    # The frame told its height: no longer the 600 px it starts with.
    page.wait_for_function(
        "() => document.querySelector('#widget iframe').style.height !== '600px'"
    )
    inner = next(f for f in page.frames if "/kk/embed/events/" in f.url)
    # A late change in the frame (a font, a picture) is told again: let it land.
    for _ in range(50):
        scroll_height = inner.evaluate("document.documentElement.scrollHeight")
        frame_height = frame_element.evaluate("f => f.getBoundingClientRect().height")
        if frame_height >= scroll_height:
            break
        page.wait_for_timeout(100)

    assert "district=ulan" in inner.url and "limit=5" in inner.url
    assert 100 < frame_height < 600
    assert frame_height >= scroll_height  # no inner scrollbar
    assert not [text for text in console if "Content Security Policy" in text]

    # A message from any other origin (here the partner's own page) is not heard.
    page.evaluate(
        """() => new Promise(resolve => {
            window.addEventListener("message", e => { if (e.data === "done") resolve(); });
            window.postMessage({creativeEast: "height", height: 7}, "*");
            window.postMessage("done", "*");
        })"""
    )
    assert frame_element.evaluate("f => f.getBoundingClientRect().height") > 100

    # An event opens in the top window, on the catalog.
    frame.get_by_role("link", name="Бүркітшілер фестивалі").click()
    expect(page).to_have_url(f"{live_server.url}/kk/events/{festival.slug}/")


def test_a_catalog_page_framed_by_a_partner_is_refused(
    new_page, live_server, partner_site
):
    url = partner_site(
        "framed.html",
        partner_page(
            f'<iframe id="list" src="{live_server.url}/kk/events/" title="x" '
            'onload="document.body.dataset.loaded = 1"></iframe>'
        ),
    )
    page = new_page()

    with page.expect_console_message(
        lambda message: "frame-ancestors 'none'" in message.text
    ):
        page.goto(url)
    page.wait_for_selector("body[data-loaded]", state="attached")

    framed = next(frame for frame in page.frames if frame != page.main_frame)
    # Chromium shows its error page in the frame instead of the list.
    assert framed.url.startswith("chrome-error://")
    expect(page.frame_locator("#list").locator(".site-header")).to_have_count(0)


def test_the_builder_follows_each_choice_without_a_submit(
    new_page, live_server, transactional_db
):
    make_event(title_kk="Бүркітшілер фестивалі", district="ulan")
    make_event(title_kk="Қала концерті", district="oskemen")
    page = new_page()
    console = listen_to_console(page)

    page.goto(f"{live_server.url}/kk/embed/")
    page.get_by_label("Аудан").select_option("ulan")

    expect(page.locator("#snippet-script")).to_have_text(
        '<div data-creative-east data-lang="kk" data-district="ulan"></div>\n'
        f'<script src="{live_server.url}/static/embed.js" async></script>'
    )
    expect(page.locator("#snippet-iframe")).to_contain_text(
        f'<iframe src="{live_server.url}/kk/embed/events/?district=ulan" '
    )
    expect(page).to_have_url(
        f"{live_server.url}/kk/embed/?district=ulan&when=upcoming&limit=10&theme=light&target=top"
    )
    preview = page.frame_locator("iframe.embed-preview")
    expect(preview.locator(".embed-event-title")).to_have_text(
        ["Бүркітшілер фестивалі"]
    )
    # The preview takes its content's height, as on a partner's page.
    page.wait_for_function(
        "() => document.querySelector('iframe.embed-preview').style.height !== ''"
    )
    expect(page.get_by_role("button", name="Көшіру")).to_have_count(2)
    assert not [text for text in console if "Content Security Policy" in text]

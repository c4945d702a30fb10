"""The staff's screens in a real Chromium, under the site's Content Security
Policy, at 1280 px: the event form with its images and country list, the event
list beside its filters, the admin index; the Figures page on a phone too.

A moderator logs in through the admin's form. Kazakh or Russian, as staff here
work; the long Kazakh titles and venue names are what made the list too wide.
"""

import io
import mimetypes
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from events.models import Event, EventImage
from tests.browser.conftest import DESKTOP
from tests.factories import local, make_event, make_moderator, make_venue
from venues.models import District

pytestmark = pytest.mark.browser

NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def moderator(staff_roles, media_root):
    """A moderator; the roles are made again after live_server's flush."""
    return make_moderator(username="marat")


@pytest.fixture
def staff_page(browser, live_server, log_in, moderator, settings, request):
    """A 1280 px page, logged in as the moderator, in the language asked for
    (indirect parametrization; Kazakh without it)."""
    language = getattr(request, "param", "kk")
    context = browser.new_context(viewport=DESKTOP, locale=language)
    page = context.new_page()
    page.set_default_timeout(10_000)
    # live_server does not serve uploads (DEBUG is off in tests): answer them
    # from MEDIA_ROOT, so that the previews really load.
    media_root = Path(settings.MEDIA_ROOT)

    def serve_media(route):
        name = route.request.url.split("/media/", 1)[1]
        path = media_root / name
        if not path.is_file():
            route.fulfill(status=404)
            return
        route.fulfill(
            body=path.read_bytes(),
            content_type=mimetypes.guess_type(path.name)[0] or "image/webp",
        )

    page.route("**/media/**", serve_media)
    log_in(page, moderator.username, "/admin/")
    expect(page.locator("#user-tools")).to_be_visible()
    yield page
    context.close()


def jpeg(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


@pytest.fixture
def event_with_three_images(moderator):
    event = make_event(
        title_kk="Шығыс Қазақстан облысының шығармашылық индустриялары фестивалі",
        title_ru="Фестиваль творческих индустрий Восточно-Казахстанской области",
        starts_at=local(2025, 9, 12, 18),
        participating_countries=["KZ"],
    )
    for position, size in enumerate([(2400, 1600), (1200, 2400), (3000, 900)]):
        EventImage.objects.create(
            event=event,
            image=jpeg(size),
            alt_text_kk=f"Фестиваль суреті {position}",
            alt_text_ru=f"Фото фестиваля {position}",
            credit="Фото: акимат ВКО",
            position=position,
        )
    return event


@pytest.mark.parametrize("staff_page", ["kk", "ru"], indirect=True)
def test_the_event_form_with_three_images_fits_1280_px(
    staff_page, live_server, event_with_three_images
):
    page = staff_page
    page.goto(
        f"{live_server.url}/admin/events/event/{event_with_three_images.pk}/change/"
    )

    previews = page.locator("img.image-preview")
    expect(previews).to_have_count(3)
    for preview in previews.all():
        preview.scroll_into_view_if_needed()
        expect(preview).to_have_js_property("complete", True)
        natural, width, height = preview.evaluate(
            "img => [img.naturalWidth, img.getBoundingClientRect().width,"
            " img.getBoundingClientRect().height]"
        )
        # The rendition (at most 320 × 240), shown at half its size by admin.css.
        assert abs(natural - 2 * width) <= 1
        assert 0 < width <= 160
        assert 0 < height <= 120
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    images = page.locator("#images-group .tabular")
    assert images.evaluate("box => box.scrollWidth <= box.clientWidth")


@pytest.mark.parametrize(
    ("staff_page", "language"), [("kk", "kk"), ("ru", "ru")], indirect=["staff_page"]
)
def test_image_rows_open_on_the_forms_language_added_ones_too(
    staff_page, live_server, event_with_three_images, language
):
    page = staff_page
    page.goto(
        f"{live_server.url}/admin/events/event/{event_with_three_images.pk}/change/"
    )

    switch = page.locator("#modeltranslation-main-switch")
    expect(switch.locator("option:checked")).to_have_text(language)
    title_tabs = page.locator(".ui-tabs", has=page.locator("#id_title_kk"))
    expect(title_tabs.locator(".ui-tabs-active a")).to_have_text(language)
    row_tabs = page.locator("#images-group .ui-tabs")
    expect(row_tabs).to_have_count(3)
    expect(row_tabs.locator(".ui-tabs-active a")).to_have_text([language] * 3)

    page.locator("#images-group .add-row a").click()

    expect(row_tabs).to_have_count(4)
    expect(row_tabs.locator(".ui-tabs-active a")).to_have_text([language] * 4)
    expect(page.locator(f"#id_images-3-alt_text_{language}")).to_be_visible()


def test_countries_are_chosen_with_a_filter_and_saved(
    staff_page, live_server, event_with_three_images
):
    page = staff_page
    event = event_with_three_images
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")

    available = page.locator("#id_participating_countries_from")
    chosen = page.locator("#id_participating_countries_to")
    expect(chosen.locator("option")).to_have_text(["Қазақстан"])
    expect(page.locator("#id_participating_countries_selector_chosen")).to_contain_text(
        "Таңдалған қатысушы елдер"
    )
    search = page.locator("#id_participating_countries_input")
    search.fill("моң")
    # The list filters on a key's release; Playwright types Cyrillic without
    # key events, so release one.
    search.press("End")
    expect(available.locator("option")).to_have_text(["Моңғолия"])
    available.locator("option").dblclick()
    expect(chosen.locator("option")).to_have_text(["Қазақстан", "Моңғолия"])
    page.locator("input[name=_continue]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    event.refresh_from_db()
    assert [country.code for country in event.participating_countries] == ["KZ", "MN"]


@pytest.fixture
def long_kazakh_list(moderator):
    """22 events with long Kazakh titles and venue names, in every status."""
    venue = make_venue(
        name_kk="Шығыс Қазақстан облыстық филармониясының үлкен концерт залы",
        name_ru="Большой концертный зал Восточно-Казахстанской областной филармонии",
        district=District.objects.get(slug="ulan"),
    )
    statuses = [
        (publication, status)
        for publication in Event.PublicationStatus.values
        for status in Event.EventStatus.values
    ]
    for number in range(22):
        publication, status = statuses[number % len(statuses)]
        make_event(
            title_kk=(
                "Шығыс Қазақстан облысының шығармашылық индустриялары бойынша "
                f"халықаралық мерекелік фестиваль-байқауы №{number}"
            ),
            venue=venue,
            starts_at=local(2025, 1 + number % 12, 1 + number, 18, 30),
            publication_status=publication,
            event_status=status,
            online_url="https://example.org/live",
        )


def test_the_event_list_fits_1280_px_beside_its_filters(
    staff_page, live_server, long_kazakh_list
):
    page = staff_page
    page.goto(f"{live_server.url}/admin/events/event/")

    expect(page.locator("#result_list tbody tr")).to_have_count(22)
    expect(page.locator("#changelist-filter")).to_be_visible()
    expect(page.locator("#nav-sidebar")).to_be_visible()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    results = page.locator("#changelist-form .results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth")
    # The statuses are labels, coloured by admin.css (not by inline styles).
    cancelled = page.locator(".event-status-cancelled").first
    expect(cancelled).to_have_text("болдырылмады")
    assert cancelled.evaluate("label => getComputedStyle(label).borderTopColor") == (
        "rgb(192, 57, 43)"
    )
    # The heading is not hidden under the list's buttons.
    heading = page.locator("#content h1").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert heading["y"] + heading["height"] <= tools["y"]


def test_the_figures_link_on_the_index_is_one_line(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server.url}/admin/")

    link = page.locator("#figures-module th a")
    expect(link).to_have_text("Көрсеткіштер")
    lines = link.evaluate("a => a.getClientRects().length")
    height = link.evaluate("a => a.getBoundingClientRect().height")
    line_height = link.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    assert lines == 1
    assert height <= line_height * 1.5
    assert page.evaluate(NO_HORIZONTAL_SCROLL)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_figures_page_scrolls_its_wide_table_not_the_page(
    staff_page, live_server, width
):
    page = staff_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/admin/figures/?year=2025")

    table = page.locator(".figures-scroll")
    expect(table.locator("tbody th").first).to_have_text("Өскемен қаласы")
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    # The districts × groups table is wider than its box, which scrolls it...
    assert table.evaluate("box => box.scrollWidth > box.clientWidth")
    assert table.evaluate("box => getComputedStyle(box).overflowX") == "auto"
    # ...keeping the district names in view.
    district = table.locator("tbody th").first
    before = district.bounding_box()["x"]
    table.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert district.bounding_box()["x"] == before

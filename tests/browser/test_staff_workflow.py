"""An organization editor enters an event with an image; a moderator publishes it.

Both log in through the admin's login form in a real Chromium, under the site's
content security policy, and use the admin's widgets as staff do: the language
tabs, the autocomplete boxes, the split date and time inputs, the image inline
and the change list's actions.
"""

import datetime

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from events.models import Event, EventImage
from tests.factories import (
    local,
    make_editor,
    make_moderator,
    make_organization,
    make_venue,
)

pytestmark = pytest.mark.browser

TITLE = "Вечер домбры в Усть-Каменогорске"
SUMMARY = "Кюи Курмангазы и Таттимбета в исполнении оркестра."
ALT_TEXT = "Оркестр домбристов на сцене"
# What the admin's slug field makes of the Russian title.
SLUG = "vecher-dombry-v-ust-kamenogorske"
CHANGE_LIST = "/admin/events/event/"


@pytest.fixture
def staff(staff_roles, media_root):
    """An editor of the Ulba Library, a moderator and a venue."""
    library = make_organization(name="Ulba Library", slug="ulba-library")
    return {
        "editor": make_editor(library, username="aigerim"),
        "moderator": make_moderator(username="marat"),
        "organization": library,
        "venue": make_venue(name="Philharmonic Hall", slug="philharmonic-hall"),
    }


@pytest.fixture
def png(tmp_path):
    path = tmp_path / "dombra.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path)
    return path


def choose_in_autocomplete(page, field, search, option):
    """Open the select2 box of `field`, type `search`, pick `option`."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def save_screenshots(pages):
    """For debugging a failure: what each of the three browsers showed."""
    for name, page in pages.items():
        page.screenshot(path=f"/tmp/test_staff_workflow_{name}.png", full_page=True)


def test_editor_submits_an_event_with_an_image_and_a_moderator_publishes_it(
    new_desktop_page, live_server, log_in, staff, png
):
    start = timezone.localdate() + datetime.timedelta(days=10)
    # Three browser profiles: the editor's, the moderator's and a visitor's.
    pages = {name: new_desktop_page() for name in ["editor", "moderator", "visitor"]}
    visitor = pages["visitor"]
    try:
        # The editor enters the event and sends it for review.
        page = pages["editor"]
        log_in(page, "aigerim", CHANGE_LIST)
        page.goto(f"{live_server.url}/admin/events/event/add/")
        # The language switch by the heading turns every field's tabs to Russian.
        page.locator("#modeltranslation-main-switch").select_option(label="ru")
        page.locator("#id_title_ru").fill(TITLE)
        page.locator("#id_summary_ru").fill(SUMMARY)
        expect(page.locator("#id_slug")).to_have_value(SLUG)
        page.locator("#id_kind").select_option("concert")
        choose_in_autocomplete(page, "activity_types", "90.01", "90.01")
        page.locator("#id_starts_at_0").fill(start.isoformat())
        page.locator("#id_starts_at_1").fill("19:00")
        choose_in_autocomplete(page, "venue", "Philharmonic", "Philharmonic Hall")
        # An editor picks one of their own organizations from a plain list.
        page.locator("select[name$='-0-organization']").select_option(
            label="Ulba Library"
        )
        page.get_by_role("button", name="Add another Image").click()
        page.locator("input[type=file][name$='-0-image']").set_input_files(png)
        page.locator("input[name$='-0-alt_text_ru']").fill(ALT_TEXT)
        expect(page.locator("#id_publication_status option")).to_have_text(
            ["draft", "in review"]
        )
        page.locator("#id_publication_status").select_option("review")
        page.locator("input[name=_save]").click()

        expect(page.locator(".messagelist .success")).to_have_text(
            f"«{TITLE}» sent for review; the moderators have been told."
        )
        row = page.locator("#result_list tbody tr", has_text=TITLE)
        expect(row.locator(".field-publication_status")).to_have_text("in review")
        event = Event.objects.get(slug=SLUG)
        assert event.publication_status == Event.PublicationStatus.REVIEW
        assert (event.title_ru, event.summary_ru) == (TITLE, SUMMARY)
        assert event.kind == Event.Kind.CONCERT
        assert event.starts_at == local(start.year, start.month, start.day, 19)
        assert event.venue == staff["venue"]
        assert list(event.activity_types.values_list("code", flat=True)) == ["90.01"]
        assert list(event.organizers.all()) == [staff["organization"]]
        assert event.created_by == staff["editor"]
        image = EventImage.objects.get(event=event)
        assert image.alt_text_ru == ALT_TEXT
        assert (image.width, image.height) == (64, 48)

        # Not public while in review.
        assert visitor.goto(f"{live_server.url}/ru/events/{SLUG}/").status == 404

        # The moderator publishes it from the change list.
        page = pages["moderator"]
        log_in(page, "marat", CHANGE_LIST)
        row = page.locator("#result_list tbody tr", has_text=TITLE)
        row.locator("input.action-select").check()
        page.locator("select[name=action]").select_option("publish")
        page.locator("button[name=index]").click()
        expect(page.locator(".messagelist li")).to_have_text("1 event published.")
        row = page.locator("#result_list tbody tr", has_text=TITLE)
        expect(row.locator(".field-publication_status")).to_have_text("published")
        event.refresh_from_db()
        assert event.publication_status == Event.PublicationStatus.PUBLISHED

        # Anyone may now read it, image included.
        response = visitor.goto(f"{live_server.url}/ru/events/{SLUG}/")
        assert response.status == 200
        expect(visitor.locator("h1")).to_have_text(TITLE)
        expect(visitor.get_by_role("img", name=ALT_TEXT)).to_have_count(1)
    except Exception:
        save_screenshots(pages)
        raise

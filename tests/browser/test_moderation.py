"""The event form's workflow buttons in a real Chromium, under the site's CSP.

A moderator publishes an event in review from its change form; an editor
withdraws their event from review there.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from tests.factories import (
    local,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
)

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"  # the one tests/factories.py make_user gives


@pytest.fixture
def staff(staff_roles):
    """An editor of the Ulba Library, a moderator, and the library's event in review."""
    library = make_organization(name="Ulba Library", slug="ulba-library")
    editor = make_editor(library, username="aigerim")
    day = timezone.localdate() + datetime.timedelta(days=10)
    event = make_event(
        title_en="Dombra evening",
        summary_en="Kuis of Kurmangazy.",
        organizers=[library],
        publication_status=Event.PublicationStatus.REVIEW,
        starts_at=local(day.year, day.month, day.day, 19),
        created_by=editor,
    )
    return {
        "editor": editor,
        "moderator": make_moderator(username="marat"),
        "event": event,
    }


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_moderator_publishes_from_the_change_form(
    new_page, live_server, log_in, staff, width
):
    event = staff["event"]
    change = f"/admin/events/event/{event.pk}/change/"
    page = new_page({"width": width, "height": 900})
    try:
        log_in(page, "marat", change)
        moves = page.locator(".event-moves")
        expect(moves.locator("button")).to_have_text(
            [
                "Publish",
                "Return to draft…",
                "Cancel the event…",
                "Postpone…",
                "Reschedule…",
                "Move online…",
            ]
        )
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        # The stylesheet is a file (no inline styles under the CSP): it applied.
        assert (
            moves.locator("button", has_text="Publish").evaluate(
                "button => getComputedStyle(button).paddingLeft"
            )
            == "15px"
        )
        moves.get_by_role("button", name="Publish").click()

        expect(page).to_have_url(f"{live_server.url}/admin/events/event/")
        expect(page.locator(".messagelist .success")).to_have_text(
            "«Dombra evening» published; it is on the site now."
        )
        event.refresh_from_db()
        assert event.publication_status == Event.PublicationStatus.PUBLISHED
        visitor = page.context.new_page()
        assert visitor.goto(f"{live_server.url}/en/events/{event.slug}/").status == 200
    except Exception:
        page.screenshot(path="/tmp/test_moderation_publish.png", full_page=True)
        raise


def test_an_editor_withdraws_an_event_from_review_on_its_form(
    new_page, live_server, log_in, staff
):
    event = staff["event"]
    change = f"/admin/events/event/{event.pk}/change/"
    page = new_page()
    try:
        log_in(page, "aigerim", change)
        moves = page.locator(".event-moves")
        expect(moves.locator("button")).to_have_text(["Withdraw from review"])
        page.locator("#id_summary_en").fill("Kuis of Kurmangazy and Tattimbet.")
        moves.get_by_role("button", name="Withdraw from review").click()

        expect(page).to_have_url(f"{live_server.url}{change}")
        expect(page.locator(".messagelist .success")).to_have_text(
            "«Dombra evening» withdrawn from review: it is a draft again; submit it "
            "when it is ready."
        )
        expect(page.locator("#id_publication_status")).to_have_value("draft")
        expect(page.locator(".event-moves button")).to_have_text(["Submit for review"])
        event.refresh_from_db()
        assert event.publication_status == Event.PublicationStatus.DRAFT
        assert event.summary_en == "Kuis of Kurmangazy and Tattimbet."
        assert event.history.first().history_change_reason == "Withdrawn from review"
    except Exception:
        page.screenshot(path="/tmp/test_moderation_withdraw.png", full_page=True)
        raise

"""An editor's edit of a published event waits for review, in a real Chromium.

The editor changes the published event's title in its form; visitors still
read the published title; a moderator sees the change beside it and approves
it; visitors then read the new one.
"""

import pytest
from playwright.sync_api import expect

from events.models import PendingChange
from tests.factories import (
    in_days,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
)

pytestmark = pytest.mark.browser

PUBLISHED = "Вечер домбры"
PROPOSED = "Вечер домбры и кобыза"


@pytest.fixture
def concert(staff_roles):
    library = make_organization(name="Ulba Library", slug="ulba-library")
    editor = make_editor(library, username="aigerim")
    make_moderator(username="marat")
    return make_event(
        title_ru=PUBLISHED,
        title_en="",
        slug="dombra-evening",
        organizers=[library],
        starts_at=in_days(10),
        created_by=editor,
    )


def test_an_editors_edit_waits_while_visitors_read_the_published_text(
    new_page, live_server, log_in, concert
):
    change = f"/admin/events/event/{concert.pk}/change/"
    public = f"{live_server.url}/ru/events/{concert.slug}/"
    editor = new_page()
    log_in(editor, "aigerim", change)

    editor.locator("#modeltranslation-main-switch").select_option(label="ru")
    editor.locator("#id_title_ru").fill(PROPOSED)
    editor.locator("input[name=_continue]").click()

    expect(editor.locator(".messagelist .success")).to_contain_text(
        "Sent to the moderators for review"
    )
    assert PendingChange.objects.filter(event=concert).exists()
    visitor = new_page()
    visitor.goto(public)
    expect(visitor.locator("h1")).to_have_text(PUBLISHED)

    moderator = new_page()
    log_in(moderator, "marat", change)
    moderator.get_by_role("link", name="See what changed").click()
    row = moderator.locator("#change_rows tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text([PUBLISHED, PROPOSED])
    assert moderator.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
    )
    moderator.get_by_role("button", name="Approve the change").click()
    expect(moderator.locator(".messagelist .success")).to_have_text(
        "The change is approved: visitors see it now."
    )

    visitor.goto(public)
    expect(visitor.locator("h1")).to_have_text(PROPOSED)

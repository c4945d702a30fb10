"""A visitor proposes an event from a phone, in Kazakh; a moderator publishes it.

The proposer confirms from the e-mail (the test reads the outbox), and then
their contact e-mail and phone are searched for in every public page, both
feeds, the API and the CSV.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from tests.factories import make_moderator, png_bytes
from venues.models import Venue

pytestmark = pytest.mark.browser

EMAIL = "dana.organizer@example.kz"
PHONE = "+7 705 123 45 67"
TITLE = "Домбыра кеші ауыл клубында"


def test_a_visitor_proposes_an_event_from_a_phone_and_it_is_published(
    phone_page,
    new_page,
    live_server,
    log_in,
    staff_roles,
    mailoutbox,
    media_root,
):
    page = phone_page
    make_moderator(username="marat")
    venue = Venue.objects.get(name_kk="Шығыс Қазақстан облыстық филармониясы")
    day = timezone.localdate() + datetime.timedelta(days=12)

    page.goto(f"{live_server.url}/kk/")
    page.get_by_role("link", name="Іс-шара ұсыну").first.click()
    expect(page).to_have_url(f"{live_server.url}/kk/events/submit/")
    expect(page.locator("h1")).to_have_text("Іс-шара ұсыну")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Sent empty: each missing field says so, where it is.
    page.get_by_role("button", name="Ұсынысты жіберу").click()
    expect(page.get_by_label("Атауы")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not Event.objects.filter(proposal__isnull=False).exists()

    page.get_by_label("Атауы").fill(TITLE)
    page.get_by_label("Бір-екі сөйлеммен").fill("Күйшілер кеші, кіру тегін.")
    page.get_by_label("Түрі:", exact=True).select_option("concert")
    # The types narrowed as the list's filter narrows them, then ticked.
    page.get_by_role("searchbox", name="Қызмет түрін іздеу").fill("артистік")
    found = page.locator(".activity-types .choices > .option:visible")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Артистік қызмет 90.01")
    found.get_by_role("checkbox").check()
    page.get_by_label("Күні:", exact=True).fill(day.isoformat())
    page.get_by_label("Басталу уақыты (белгілі болса)").fill("18:30")
    # The venue found by a few letters of its Kazakh name, picked with the keys.
    venue_box = page.get_by_role("combobox", name="Өткізу орны")
    expect(page.get_by_label("Сол жердің ауданы")).to_be_hidden()
    # A venue's name in another language finds it too, shown in Kazakh; ё is е.
    venue_box.fill("библиотека")
    suggestions = page.get_by_role("listbox").get_by_role("option")
    expect(suggestions.first).to_contain_text("Пушкин атындағы")
    assert page.evaluate("CreativeEast.matches('Ёлочка', CreativeEast.words('елочк'))")
    venue_box.fill("филармон")
    expect(venue_box).to_have_attribute("aria-expanded", "true")
    expect(suggestions).to_have_count(2)  # the venue, and "another place"
    expect(suggestions.first).to_contain_text(venue.name_kk)
    venue_box.press("ArrowDown")
    expect(venue_box).to_have_attribute(
        "aria-activedescendant", f"venue-option-{venue.pk}"
    )
    venue_box.press("Enter")
    expect(venue_box).to_have_value(venue.name_kk)
    expect(venue_box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("select[name=venue]")).to_have_value(str(venue.pk))
    expect(page.get_by_label("Сол жердің ауданы")).to_be_hidden()
    page.get_by_label("Кіру тегін").check()
    page.get_by_label("1-сурет:", exact=True).set_input_files(
        {"name": "dombyra.png", "mimeType": "image/png", "buffer": png_bytes((80, 60))}
    )
    page.get_by_label("1-суретте не бейнеленген").fill("Сахнадағы домбырашылар")
    page.get_by_label("Атыңыз").fill("Дана")
    page.get_by_label("Ұйым:", exact=True).fill("Ауыл клубы")
    page.get_by_label("Электрондық поштаңыз").fill(EMAIL)
    page.get_by_label("Телефоныңыз").fill(PHONE)
    page.get_by_role("button", name="Ұсынысты жіберу").click()
    expect(page.locator("h1")).to_have_text("Поштаңызды тексеріңіз")

    # The confirmation, from the e-mail.
    (message,) = mailoutbox
    assert message.to == [EMAIL]
    confirm = re.search(r"https?://\S+/confirm/\S+", message.body).group(0)
    page.goto(confirm)
    page.get_by_role("button", name="Растап, модераторларға жіберу").click()
    expect(page.locator("h1")).to_have_text("Ұсыныс расталды")
    event = Event.objects.get(title_kk=TITLE)
    assert event.publication_status == Event.PublicationStatus.REVIEW
    assert event.images.get().alt_text_kk == "Сахнадағы домбырашылар"
    assert event.venue == venue
    assert list(event.activity_types.values_list("code", flat=True)) == ["90.01"]

    # A moderator sees the public proposal and its contact, and publishes it.
    staff = new_page()
    change = f"/admin/events/event/{event.pk}/change/"
    log_in(staff, "marat", change)
    expect(staff.locator("#public-proposal")).to_contain_text(EMAIL)
    staff.locator(".event-moves").get_by_role("button", name="Publish").click()
    expect(staff).to_have_url(f"{live_server.url}/admin/events/event/")
    event.refresh_from_db()
    assert event.is_published

    # The proposer is told, in Kazakh, and the visitor sees it.
    told = mailoutbox[-1]
    assert told.to == [EMAIL]
    assert told.subject == f"Жарияланды: {TITLE}"
    page.goto(f"{live_server.url}/kk/events/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)

    # The contact is nowhere public.
    pages = [
        "/kk/",
        "/kk/events/",
        event.get_absolute_url(),
        "/kk/venues/",
        venue.get_absolute_url(),
        "/kk/organizations/",
        "/ru/",
        "/ru/events/",
        event.get_absolute_url().replace("/kk/", "/ru/"),
    ]
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        html = page.content()
        assert TITLE in html or path.endswith(("venues/", "organizations/")), path
        assert EMAIL not in html and PHONE not in html, path
    files = [
        "/kk/events/feed.ics",
        "/kk/events/feed.rss",
        "/kk/events/export.csv",
        "/api/v1/events/?page_size=100",
        f"/api/v1/events/{event.slug}/",
        "/sitemap-events.xml",
    ]
    for path in files:
        response = page.request.get(f"{live_server.url}{path}")
        assert response.ok, path
        text = response.text()
        assert event.slug in text, path
        assert EMAIL not in text and PHONE not in text, path

"""Public proposals: the form, the confirmation link, review, the proposer's e-mails."""

import datetime
import json
import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from events import workflow
from events.models import ActivityType, Event, EventProposal
from events.proposals import tokens
from tests.factories import district, make_event, make_venue, png_bytes

pytestmark = pytest.mark.django_db

EMAIL = "aliya.proposer@example.kz"
PHONE = "+7 701 555 12 34"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def proposal_data(**overrides):
    data = {
        "title": "Ақындар айтысы",
        "summary": "Ауыл ақындарының айтысы.",
        "description": "Бәріңізді шақырамыз.",
        "kind": "contest",
        "activity_types": [ActivityType.objects.get(code="90.01").pk],
        "day": in_days(10).isoformat(),
        "time": "15:00",
        "last_day": "",
        "venue": "",
        "place": "Ауылдық клуб",
        "district": district("oskemen").pk,
        "price_from": "",
        "ticket_url": "",
        "proposer_name": "Әлия",
        "organization_name": "Ауыл клубы",
        "email": EMAIL,
        "phone": PHONE,
        "website": "",
    }
    data.update(overrides)
    return data


def visitor(language="kk"):
    return Client(headers={"accept-language": language})


def propose(client, language="kk", **overrides):
    with translation.override(language):
        url = reverse("events:propose")
    return client.post(url, proposal_data(**overrides))


def confirm_path(message):
    return next(p for p in re.findall(r"(/\S+/confirm/\S+)", message.body))


def status_path(message):
    return next(
        p
        for p in re.findall(r"https?://[^/\s]+(/\S+/submit/\S+)", message.body)
        if "/confirm/" not in p
    )


@pytest.fixture
def proposed(media_root, mailoutbox, django_capture_on_commit_callbacks):
    """A proposal sent in Kazakh, not confirmed yet; its confirmation e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        response = propose(visitor())
    assert response.status_code == 302
    return EventProposal.objects.get(), mailoutbox[0]


def test_the_form_is_offered_in_the_header_and_the_list_and_never_cached(client):
    home = client.get("/en/")
    assert 'href="/en/events/submit/"' in home.text
    assert 'href="/en/events/submit/"' in client.get("/en/events/").text
    response = client.get("/en/events/submit/")
    assert response.status_code == 200
    assert "Propose an event" in response.text
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_proposal_is_a_draft_until_its_address_is_confirmed(proposed):
    proposal, message = proposed
    event = proposal.event
    assert event.publication_status == Event.PublicationStatus.DRAFT
    assert event.title_kk == "Ақындар айтысы"
    assert event.summary_kk == "Ауыл ақындарының айтысы."
    assert not event.title_ru
    assert event.date_precision == Event.DatePrecision.TIME
    assert timezone.localtime(event.starts_at).hour == 15
    assert [t.code for t in event.activity_types.all()] == ["90.01"]
    assert proposal.language == "kk"
    assert proposal.place == "Ауылдық клуб"
    assert proposal.district.slug == "oskemen"
    assert (proposal.email, proposal.phone) == (EMAIL, PHONE)
    assert proposal.confirmed_at is None
    assert message.to == [EMAIL]
    # In the language the proposer wrote in.
    assert message.subject == "Ұсынысыңызды растаңыз: Ақындар айтысы"
    assert "/kk/events/submit/confirm/" in message.body


def test_a_date_only_proposal(media_root):
    propose(visitor(), time="")
    event = Event.objects.get()
    assert event.date_precision == Event.DatePrecision.DAY
    assert timezone.localdate(event.starts_at) == in_days(10)


def test_confirming_sends_the_proposal_to_review_and_tells_the_moderators(
    proposed, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    proposal, message = proposed
    client = visitor()
    page = client.get(confirm_path(message))
    assert page.status_code == 200
    # Following the link alone confirms nothing (mail scanners follow links).
    assert EventProposal.objects.get().confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path(message))
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.confirmed_at is not None
    assert proposal.event.publication_status == Event.PublicationStatus.REVIEW
    told = mailoutbox[1]
    assert told.to == ["aigerim@example.org"]
    assert "Ақындар айтысы" in told.subject
    # The contact stays in the admin, not in e-mails.
    assert EMAIL not in told.body and PHONE not in told.body


def test_a_confirmation_link_used_twice_confirms_once(
    proposed, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    _proposal, message = proposed
    client = visitor()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(message))
        second = client.post(confirm_path(message))
    assert "Бұл ұсыныс бұрын расталған" in second.text
    assert len(mailoutbox) == 2  # the confirmation, and the moderators once
    page = client.get(confirm_path(message))
    assert 'method="post"' not in page.text.split("<main", 1)[1]


def test_a_tampered_confirmation_link_is_refused(proposed):
    _proposal, message = proposed
    path = confirm_path(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = visitor().post(path.replace(token, forged))
    assert response.status_code == 404
    assert EventProposal.objects.get().confirmed_at is None
    # Nor does a status link confirm.
    status_token = tokens.status_token(EventProposal.objects.get())
    response = visitor().post(reverse("events:proposal-confirm", args=[status_token]))
    assert response.status_code == 404


def test_an_expired_confirmation_link_is_refused(proposed, monkeypatch):
    _proposal, message = proposed
    now = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + 24 * 60 * 60 + 1)
    response = visitor().post(confirm_path(message))
    assert response.status_code == 404
    assert "Бұл сілтеме жұмыс істемейді" in response.text
    assert EventProposal.objects.get().confirmed_at is None


def test_a_proposal_with_images_keeps_them_checked_and_described(
    media_root, mailoutbox
):
    photo = SimpleUploadedFile("photo.png", png_bytes((60, 40)), "image/png")
    propose(visitor(), image_1=photo, alt_1="Ақындар сахнада")
    image = Event.objects.get().images.get()
    assert image.alt_text_kk == "Ақындар сахнада"
    assert (image.width, image.height) == (60, 40)


def test_an_image_without_a_description_or_not_an_image_is_refused(media_root):
    photo = SimpleUploadedFile("photo.png", png_bytes(), "image/png")
    response = propose(visitor("en"), "en", image_1=photo)
    assert "Say what the image shows" in response.text
    fake = SimpleUploadedFile("photo.png", b"not a picture", "image/png")
    response = propose(visitor("en"), "en", image_1=fake, alt_1="A stage")
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_a_venue_or_a_place_with_its_district_is_needed(media_root):
    response = propose(visitor("en"), "en", place="", district="")
    assert "Pick the venue, or type the place" in response.text
    response = propose(visitor("en"), "en", district="")
    assert "Pick the district of the place." in response.text
    assert not Event.objects.exists()


def test_moderators_see_the_contact_and_the_marker_editors_do_not(
    proposed, moderator_client, editor_client, library
):
    proposal, _message = proposed
    url = reverse("admin:events_event_change", args=[proposal.event.pk])
    page = moderator_client.get(url).text
    assert "Public proposal" in page
    assert EMAIL in page and PHONE in page
    assert "Ауылдық клуб" in page
    other = make_event(title="Staff's own concert")
    listed = moderator_client.get(
        reverse("admin:events_event_changelist") + "?proposal=public"
    ).text
    assert "Ақындар айтысы" in listed
    assert other.title not in listed
    # Even an editor whose organization the moderator made its organizer.
    proposal.event.organizers.add(library)
    page = editor_client.get(url).text
    assert EMAIL not in page and PHONE not in page


# The moderator's decision, and the proposer's status page.


@pytest.fixture
def in_review(
    media_root, hall, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    """A proposal at the hall, sent in Kazakh and confirmed; the outbox emptied."""
    with django_capture_on_commit_callbacks(execute=True):
        propose(visitor(), venue=hall.pk, place="", district="")
    with django_capture_on_commit_callbacks(execute=True):
        visitor().post(confirm_path(mailoutbox[0]))
    proposal = EventProposal.objects.get()
    status = status_path(mailoutbox[0])
    mailoutbox.clear()
    return proposal, status


def test_publishing_tells_the_proposer_in_their_language(
    in_review, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    proposal, _status = in_review
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_event(event=proposal.event, user=moderator)
    (message,) = mailoutbox
    assert message.to == [EMAIL]
    assert message.subject == "Жарияланды: Ақындар айтысы"
    assert f"/kk/events/{proposal.event.slug}/" in message.body
    proposal.refresh_from_db()
    assert proposal.decided_at is not None


def test_returning_tells_the_proposer_the_comment_in_their_language(
    in_review, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    proposal, status = in_review
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_event_to_draft(
            event=proposal.event, user=moderator, comment="Уақытын нақтылаңыз."
        )
    (message,) = mailoutbox
    assert message.to == [EMAIL]
    assert message.subject == "Өзгерту сұралды: Ақындар айтысы"
    assert "Уақытын нақтылаңыз." in message.body
    assert status in message.body
    page = visitor().get(status)
    assert "өзгертуге қайтарылды" in page.text
    assert "Уақытын нақтылаңыз." in page.text


def test_an_editors_event_tells_no_proposer(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(publication_status=Event.PublicationStatus.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_event(event=event, user=moderator)
    assert EventProposal.objects.count() == 0
    assert all(EMAIL not in message.to for message in mailoutbox)


def test_the_status_page_shows_the_status_and_is_private(proposed):
    _proposal, message = proposed
    page = visitor().get(status_path(message))
    assert page.status_code == 200
    assert "поштаңызды растауыңызды күтуде" in page.text
    assert "private" in page["Cache-Control"]
    # The proposer's own contact is in their form, and only there.
    assert 'name="email"' in page.text


def test_a_forged_status_link_is_refused(proposed):
    _proposal, message = proposed
    path = status_path(message)
    assert visitor().get(path[:-3] + "xx/").status_code == 404
    confirm_token = confirm_path(message).rstrip("/").rsplit("/", 1)[1]
    assert (
        visitor()
        .get(reverse("events:proposal-status", args=[confirm_token]))
        .status_code
        == 404
    )


def test_the_proposer_changes_the_proposal_in_review(in_review, mailoutbox):
    proposal, status = in_review
    response = visitor().post(
        status, proposal_data(title="Жаңа айтыс", venue=proposal.event.venue_id)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.title_kk == "Жаңа айтыс"
    assert event.publication_status == Event.PublicationStatus.REVIEW
    assert "Өзгерістеріңіз сақталды." in visitor().get(response["Location"]).text


def test_a_returned_proposal_changed_goes_back_to_review(
    in_review, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    proposal, status = in_review
    workflow.return_event_to_draft(
        event=proposal.event, user=moderator, comment="Уақытын нақтылаңыз."
    )
    with django_capture_on_commit_callbacks(execute=True):
        visitor().post(
            status, proposal_data(time="16:00", venue=proposal.event.venue_id)
        )
    event = Event.objects.get()
    assert event.publication_status == Event.PublicationStatus.REVIEW
    assert timezone.localtime(event.starts_at).hour == 16
    assert [m.to for m in mailoutbox][-1] == ["aigerim@example.org"]


def test_after_publication_changes_come_as_a_note_to_the_moderators(
    in_review,
    moderator,
    moderator_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    proposal, status = in_review
    workflow.publish_event(event=proposal.event, user=moderator)
    page = visitor().get(status)
    assert "Түзету ұсыну" in page.text
    assert 'name="title"' not in page.text
    # The event's own fields cannot be posted any more.
    visitor().post(status, proposal_data(title="Басқа атау"))
    assert Event.objects.get().title_kk == "Ақындар айтысы"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor().post(status, {"note": "Басталуы 16:00-де."})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["aigerim@example.org"]
    assert "Басталуы 16:00-де." in message.body
    admin_page = moderator_client.get(
        reverse("admin:events_event_change", args=[proposal.event.pk])
    )
    assert "Басталуы 16:00-де." in admin_page.text


# Abuse, and personal data kept no longer than needed.


def test_the_honeypot_answers_as_if_it_worked_and_keeps_nothing(media_root, mailoutbox):
    response = propose(visitor(), website="http://spam.example")
    assert response.status_code == 302
    assert not Event.objects.exists()
    assert mailoutbox == []


def test_proposals_per_address_are_limited(media_root, settings):
    settings.PROPOSALS_PER_HOUR = 2
    client = visitor()
    # A form sent back with an error is not counted: people correct it.
    for _attempt in range(3):
        assert propose(client, title="").status_code == 200
    assert propose(client, title="Бір").status_code == 302
    assert propose(client, title="Екі").status_code == 302
    refused = propose(client, title="Үш")
    assert refused.status_code == 429
    assert "Ұсыныстар тым көп" in refused.text
    assert Event.objects.count() == 2
    # Another address is counted apart.
    other = Client(headers={"accept-language": "kk"}, REMOTE_ADDR="10.0.0.9")
    assert propose(other, title="Төрт").status_code == 302


def test_the_form_can_be_turned_off(settings, client):
    settings.PROPOSALS_ENABLED = False
    settings.PROPOSALS_CONTACT = "culture@vko.gov.kz, +7 7232 00 00 00"
    response = client.get("/en/events/submit/")
    assert response.status_code == 200
    assert "The proposal form is closed for now." in response.text
    assert "culture@vko.gov.kz, +7 7232 00 00 00" in response.text
    assert 'name="title"' not in response.text
    refused = propose(visitor("en"), "en")
    assert "The proposal form is closed for now." in refused.text
    assert not Event.objects.exists()


def test_no_dates_in_the_past(media_root):
    response = propose(visitor("en"), "en", day=in_days(-1).isoformat())
    assert "The date has passed." in response.text
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("title", 255),
        ("summary", 500),
        ("description", 5000),
        ("place", 255),
        ("proposer_name", 200),
        ("organization_name", 255),
        ("phone", 40),
        ("alt_1", 255),
    ],
)
def test_every_field_has_a_size_limit(media_root, field, limit):
    response = propose(visitor("en"), "en", **{field: "я" * (limit + 1)})
    assert response.status_code == 200
    assert f'maxlength="{limit}"' in response.text
    assert not Event.objects.exists()


def test_at_most_three_images_are_taken(media_root):
    photos = {
        f"image_{n}": SimpleUploadedFile(f"{n}.png", png_bytes(), "image/png")
        for n in range(1, 5)
    }
    alts = {f"alt_{n}": f"Сурет {n}" for n in range(1, 5)}
    propose(visitor(), **photos, **alts)
    assert Event.objects.get().images.count() == 3


def test_contacts_are_erased_some_days_after_the_decision(
    in_review, moderator, settings
):
    from django.core.management import call_command

    from events.management.commands.erase_proposal_contacts import erase_contacts

    settings.PROPOSAL_CONTACTS_DAYS = 30
    proposal, _status = in_review
    workflow.publish_event(event=proposal.event, user=moderator)
    undecided = propose(visitor(), venue=proposal.event.venue_id, title="Жаңасы")
    assert undecided.status_code == 302
    waiting = EventProposal.objects.exclude(pk=proposal.pk).get()

    # 29 days on: nothing yet.
    assert (
        erase_contacts(days=30, now=timezone.now() + datetime.timedelta(days=29)) == 0
    )
    # The command, 31 days on: the published one's proposer and contact are gone,
    # the organization and the title stay.
    EventProposal.objects.filter(pk=proposal.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("erase_proposal_contacts")
    proposal.refresh_from_db()
    assert (proposal.proposer_name, proposal.email, proposal.phone) == ("—", "", "")
    assert proposal.organization_name == "Ауыл клубы"
    assert proposal.contacts_erased_at is not None
    assert proposal.event.title_kk == "Ақындар айтысы"
    waiting.refresh_from_db()
    # Sent just now, unconfirmed: kept for now.
    assert (waiting.proposer_name, waiting.email) == ("Әлия", EMAIL)
    # Left unconfirmed for longer than that: erased too.
    assert (
        erase_contacts(days=30, now=timezone.now() + datetime.timedelta(days=31)) == 1
    )
    waiting.refresh_from_db()
    assert (waiting.proposer_name, waiting.email, waiting.phone) == ("—", "", "")


def test_the_contact_is_in_no_public_page_feed_api_csv_or_sitemap(in_review, moderator):
    proposal, _status = in_review
    event = workflow.publish_event(event=proposal.event, user=moderator)
    client = visitor()
    event_page = client.get(event.get_absolute_url())
    assert "Ақындар айтысы" in event_page.text
    assert "application/ld+json" in event_page.text
    addresses = [
        "/kk/",
        "/kk/events/",
        "/kk/events/?q=айтыс",
        event.get_absolute_url(),
        event.get_absolute_url() + "ics",
        event.venue.get_absolute_url(),
        "/kk/venues/",
        "/kk/organizations/",
        "/kk/events/feed.ics",
        "/kk/events/feed.rss",
        "/kk/events/export.csv",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/sitemap-events.xml",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        for secret in (EMAIL, PHONE, "Әлия", "Ауыл клубы"):
            assert secret not in text, (address, secret)


def test_moderators_are_warned_of_a_likely_duplicate(in_review, moderator_client, hall):
    proposal, _status = in_review
    same = make_event(
        title_kk="Ақындар айтысы",
        venue=hall,
        starts_at=proposal.event.starts_at,
        slug="aitys-already",
    )
    make_event(title_kk="Басқа кеш", venue=hall, starts_at=proposal.event.starts_at)
    assert proposal.likely_duplicates() == [same]
    page = moderator_client.get(
        reverse("admin:events_event_change", args=[proposal.event.pk])
    ).text
    assert "Possible duplicates" in page
    assert reverse("admin:events_event_change", args=[same.pk]) in page


def test_a_typed_place_is_compared_with_its_districts_events(media_root, hall):
    propose(visitor())  # a typed place in Oskemen, where the hall is
    proposal = EventProposal.objects.get()
    same = make_event(
        title_ru="Айтыс акынов",
        title_kk="Ақындар айтысы",
        venue=hall,
        starts_at=proposal.event.starts_at,
    )
    elsewhere = make_event(
        title_kk="Ақындар айтысы", district="ulan", starts_at=proposal.event.starts_at
    )
    assert proposal.likely_duplicates() == [same]
    assert elsewhere not in proposal.likely_duplicates()


def test_venues_are_offered_under_their_districts(client, hall):
    make_venue(name="Ұлан клубы", district="ulan")
    page = client.get("/en/events/submit/").text
    venues = page.split('name="venue"', 1)[1].split("</select>", 1)[0]
    oskemen = venues.index(f'label="{district("oskemen").name}"')
    assert oskemen < venues.index("Concert hall")
    ulan = venues.index(f'label="{district("ulan").name}"')
    assert ulan < venues.index("Ұлан клубы")


def venue_data(page):
    block = page.split('<script id="venue-data" type="application/json">', 1)[1]
    return json.loads(block.split("</script>", 1)[0])


@pytest.mark.parametrize(
    ("language", "name", "district_name", "address", "outside"),
    [
        ("kk", "«Шырша» мәдениет үйі", "Ұлан ауданы", "Абай к-сі, 5", "Облыстан тыс"),
        (
            "ru",
            "Дом культуры «Ёлочка»",
            "Уланский район",
            "ул. Абая, 5",
            "За пределами области",
        ),
        (
            "en",
            "Yolochka House of Culture",
            "Ulan District",
            "5 Abay St",
            "Outside the region",
        ),
    ],
)
def test_the_venue_finder_has_each_venue_in_the_pages_language_found_in_any(
    client, language, name, district_name, address, outside
):
    make_venue(
        name_kk="«Шырша» мәдениет үйі",
        name_ru="Дом культуры «Ёлочка»",
        name_en="Yolochka House of Culture",
        locality_ru="село Ёлочное",
        address_kk="Абай к-сі, 5",
        address_ru="ул. Абая, 5",
        address_en="5 Abay St",
        district="ulan",
    )
    make_venue(name_kk="Астана", name_ru="Астана", name_en="Astana", district=None)
    page = client.get(f"/{language}/events/submit/").text

    shire, astana = sorted(venue_data(page), key=lambda venue: venue["name"] != name)
    assert (shire["name"], shire["district"], shire["address"]) == (
        name,
        district_name,
        address,
    )
    # Found by its name in any language, and its village's (ё as typed: the
    # script reads ё as е).
    for words in ("«Шырша» мәдениет үйі", "Дом культуры «Ёлочка»", "Yolochka"):
        assert words in shire["words"]
    assert "село Ёлочное" in shire["words"]
    assert astana["district"] == outside
    # The finder waits for the script; without it, the venues' list.
    assert '<div class="venue-finder" hidden' in page
    assert 'role="combobox" aria-autocomplete="list" aria-expanded="false"' in page
    assert '<select name="venue"' in page
    assert '<script src="/static/js/venue-picker.js" defer></script>' in page


def test_a_picked_venue_needs_no_place_and_a_typed_place_no_venue(media_root, hall):
    # A venue picked after a place was typed: the venue counts, the place not.
    assert propose(visitor(), venue=hall.pk, district="").status_code == 302
    picked = EventProposal.objects.get()
    assert picked.event.venue == hall
    assert (picked.place, picked.district) == ("", None)

    assert propose(visitor(), title="Басқа айтыс").status_code == 302
    typed = EventProposal.objects.exclude(pk=picked.pk).get()
    assert typed.event.venue is None
    assert (typed.place, typed.district) == ("Ауылдық клуб", district("oskemen"))


def test_a_venues_name_cannot_close_the_finders_data_block(client):
    make_venue(name_en='</script><script>alert("x")</script>')
    page = client.get("/en/events/submit/").text

    scripts = re.findall(r"<script[^>]*>", page)
    # Only files and the data block: nothing the policy would refuse to run.
    assert all(
        "src=" in tag or tag == '<script id="venue-data" type="application/json">'
        for tag in scripts
    )
    assert [venue["name"] for venue in venue_data(page)] == [
        '</script><script>alert("x")</script>'
    ]

"""The history of an event, venue or organization as staff read it: why each
version was recorded, and what changed, by name and in the reader's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events import workflow
from events.models import ActivityType, Event
from tests.factories import (
    change_form_data,
    event_form_data,
    in_days,
    local,
    make_event,
    make_venue,
    venue_form_data,
)

pytestmark = pytest.mark.django_db

Status = Event.PublicationStatus


def history_url(event):
    return reverse("admin:events_event_history", args=[event.pk])


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def page_text(response):
    """The page's text without tags, spaces run together."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", text.replace("&rarr;", "→"))


def history_headings(response):
    table = response.content.decode().split('id="change-history"', 1)[1]
    return re.findall(r'<th scope="col">([^<]+)</th>', table.split("</thead>")[0])


def latest_reason(event):
    return event.history.first().history_change_reason


# A reason for every move


def test_every_move_records_its_reason(editor, library, moderator):
    event = make_event(
        organizers=[library], publication_status=Status.DRAFT, starts_at=in_days(5)
    )
    moves = [
        (workflow.submit_event_for_review, {"user": editor}, "Submitted for review"),
        (
            workflow.withdraw_event_from_review,
            {"user": editor},
            "Withdrawn from review",
        ),
        (workflow.submit_event_for_review, {"user": editor}, "Submitted for review"),
        (
            workflow.return_event_to_draft,
            {"user": moderator, "comment": "Add a summary."},
            "Returned to draft",
        ),
        (workflow.publish_event, {"user": moderator}, "Published"),
        (workflow.postpone_event, {"user": editor}, "Postponed by the organizer"),
        (
            workflow.reschedule_event,
            {"user": moderator, "starts_at": in_days(9)},
            "Rescheduled",
        ),
        (
            workflow.move_event_online,
            {"user": moderator, "online_url": "https://example.org/live"},
            "Moved online",
        ),
        (workflow.cancel_event, {"user": editor}, "Cancelled by the organizer"),
    ]
    for move, arguments, reason in moves:
        move(event=event, **arguments)
        assert latest_reason(event) == reason, move.__name__


def test_a_moderators_cancellation_and_postponement_have_their_reasons(moderator):
    postponed = make_event(starts_at=in_days(5))
    cancelled = make_event(starts_at=in_days(5))

    workflow.postpone_event(event=postponed, user=moderator)
    workflow.cancel_event(event=cancelled, user=moderator)

    assert latest_reason(postponed) == "Postponed"
    assert latest_reason(cancelled) == "Cancelled"


def test_a_reason_is_kept_untranslated_and_shown_in_the_readers_language(
    moderator, library
):
    event = make_event(organizers=[library], publication_status=Status.REVIEW)
    kazakh = Client(headers={"accept-language": "kk"})
    kazakh.force_login(moderator)
    kazakh.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
    )

    assert latest_reason(event) == "Published"
    russian = Client(headers={"accept-language": "ru"})
    russian.force_login(moderator)
    assert "Опубликовано" in page_text(russian.get(history_url(event)))


def test_form_saves_are_recorded_as_created_and_edited(client, editor, library):
    client.force_login(editor)
    client.post(
        reverse("admin:events_event_add"), event_form_data(organizers=[library])
    )
    event = Event.objects.get()
    client.post(change_url(event), change_form_data(event, title_en="Aitys"))

    reasons = [v.history_change_reason for v in event.history.order_by("history_id")]

    # Created, then its organizer rows, then the edit.
    assert reasons == ["Created", "Edited", "Edited"]


def test_a_deletion_is_recorded_as_such(client, moderator):
    event = make_event()
    client.force_login(moderator)

    client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})

    deletion = Event.history.get(id=event.pk, history_type="-")
    assert deletion.history_change_reason == "Removed from the catalog"


def test_the_history_page_shows_no_none(client, editor, library, moderator):
    client.force_login(editor)
    client.post(
        reverse("admin:events_event_add"), event_form_data(organizers=[library])
    )
    event = Event.objects.get()
    # A version recorded before reasons were given (populate_history, old rows).
    event.history.update(history_change_reason=None)
    client.force_login(moderator)

    text = page_text(client.get(history_url(event)))

    assert "None" not in text
    assert "Created" in text


# What changed, by name


def test_organizers_added_on_the_form_are_listed_by_name(client, moderator, library):
    event = make_event(title="Aitys", publication_status=Status.DRAFT)
    client.force_login(moderator)

    client.post(
        change_url(event),
        change_form_data(
            event,
            **{
                "event_organizers-TOTAL_FORMS": "1",
                "event_organizers-0-organization": library.pk,
            },
        ),
    )

    assert list(event.organizers.all()) == [library]
    assert "Organizers: — → Pushkin library" in page_text(
        client.get(history_url(event))
    )


def test_a_venue_and_activity_types_are_named_not_numbered(client, moderator):
    old_hall, new_hall = make_venue(name="Old hall"), make_venue(name="New hall")
    event = make_event(venue=old_hall, activity_types=("90.01",))
    concerts = ActivityType.objects.get(code="90.01")
    festivals = ActivityType.objects.get(code="90.02")
    client.force_login(moderator)

    client.post(
        change_url(event),
        change_form_data(
            event,
            venue=new_hall.pk,
            activity_types=[festivals.pk],
        ),
    )

    text = page_text(client.get(history_url(event)))
    assert "Venue: Old hall → New hall" in text
    # The form sets the types: one version for the removal, one for the addition.
    assert f"Activity types: {concerts} → —" in text
    assert f"Activity types: — → {festivals}" in text
    assert f"Venue: {old_hall.pk} →" not in text


def test_statuses_and_times_are_shown_as_labels_in_local_time(client, moderator):
    event = make_event(
        publication_status=Status.REVIEW, starts_at=local(2030, 5, 1, 19)
    )
    client.force_login(moderator)
    workflow.publish_event(event=event, user=moderator)
    workflow.reschedule_event(
        event=event, user=moderator, starts_at=local(2030, 5, 8, 18)
    )

    text = page_text(client.get(history_url(event)))

    assert "Publication status: in review → published" in text
    assert "Event status: scheduled → rescheduled" in text
    assert "Starts: 1 May 2030, 19:00 → 8 May 2030, 18:00" in text
    assert "+00:00" not in text


# Each column's name, as a Russian and a Kazakh reader see it.
COLUMN_NAMES = [
    {"ru": "Версия", "kk": "Нұсқа"},
    {"ru": "Статус публикации", "kk": "Жариялау мәртебесі"},
    {"ru": "Статус мероприятия", "kk": "Іс-шара мәртебесі"},
    {"ru": "Кто изменил", "kk": "Кім өзгертті"},
    {"ru": "Причина", "kk": "Себебі"},
    {"ru": "Изменения", "kk": "Өзгерістер"},
]


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("ru", ["опубликовано"], ["publication_status", "published"]),
        ("kk", ["Жарияланды", "Жариялау мәртебесі: тексеруде → жарияланған"], []),
    ],
)
def test_the_columns_and_values_are_named_in_the_readers_language(
    moderator, language, shown, not_shown
):
    event = make_event(publication_status=Status.REVIEW)
    workflow.publish_event(event=event, user=moderator)
    reader = Client(headers={"accept-language": language})
    reader.force_login(moderator)

    response = reader.get(history_url(event))

    assert history_headings(response) == [names[language] for names in COLUMN_NAMES]
    text = page_text(response)
    assert [words for words in shown if words in text] == shown
    assert [words for words in not_shown if words in text] == []


# Restoring a version


def test_restoring_a_version_says_so_and_records_why(client, moderator):
    event = make_event(title="Айтыс")
    first = event.history.first()
    event.title_en = "Черновое название"
    event.save()
    client.force_login(moderator)
    url = reverse(
        "admin:events_event_simple_history", args=[event.pk, first.history_id]
    )

    response = client.post(
        url,
        change_form_data(event, title_en="Айтыс"),
        follow=True,
    )

    event.refresh_from_db()
    assert event.title_en == "Айтыс"
    when = timezone.localtime(first.history_date)
    [message] = [str(m) for m in response.context["messages"]]
    assert message == (
        f"«Айтыс»: the version of {date_format(when, 'j E Y, H:i')} is restored."
    )
    assert latest_reason(event) == "Earlier version restored"


def test_the_restore_message_is_grammatical_in_russian(moderator):
    venue = make_venue(name_ru="Филармония")
    first = venue.history.first()
    venue.name_ru = "Другое"
    venue.save()
    russian = Client(headers={"accept-language": "ru"})
    russian.force_login(moderator)

    response = russian.post(
        reverse("admin:venues_venue_simple_history", args=[venue.pk, first.history_id]),
        venue_form_data(venue, name_ru="Филармония"),
        follow=True,
    )

    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("«Филармония»: восстановлена версия от ")
    assert "был успешно изменен" not in message
    venue.refresh_from_db()
    assert venue.name_ru == "Филармония"
    assert venue.history.first().history_change_reason == "Earlier version restored"


def test_a_venue_history_page_names_its_changes(client, moderator):
    venue = make_venue(name_ru="Филармония", capacity=300)
    venue.capacity = 450
    venue.save()
    client.force_login(moderator)

    text = page_text(client.get(reverse("admin:venues_venue_history", args=[venue.pk])))

    assert "Capacity: 300 → 450" in text
    assert "Edited" in text


def test_a_save_lists_only_the_fields_staff_changed(client, moderator):
    """Not the untranslated field modeltranslation mirrors from the admin's
    language, nor texts whose only change is the textarea's CRLF."""
    event = make_event(
        title_ru="Айтыс", title_kk="Айтыс", description_ru="Первый.\n\nВторой."
    )
    client.force_login(moderator)

    client.post(
        change_url(event),
        change_form_data(
            event,
            title_kk="Ақындар айтысы",
            description_ru="Первый.\r\n\r\nВторой.",
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    text = page_text(client.get(history_url(event))).split("Version")[1]
    assert "Title [kk]: Айтыс → Ақындар айтысы" in text
    assert "Title:" not in text
    assert "Description" not in text

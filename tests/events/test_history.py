import re

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import ActivityType, Event
from tests.factories import (
    changelist_action,
    event_form_data,
    make_event,
    make_organization,
    make_venue,
    organizer_rows,
    post_add_form,
    post_change_form,
    venue_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_event(client, editor, library, moderator):
    """An event an editor created and a moderator then renamed, in the admin."""
    client.force_login(editor)
    post_add_form(client, organizers=[library])
    event = Event.objects.get()
    client.force_login(moderator)
    response = post_change_form(
        client,
        event,
        title_ru="Айтыс акынов 2025",
        title_en="Aitys of poets",
        **organizer_rows(event),
    )
    assert response.status_code == 302
    return event


def test_every_change_is_recorded_with_who_made_it(edited_event, editor, moderator):
    versions = list(edited_event.history.all())

    # The form saves the organizers after the event: they make a version too.
    assert [(v.history_type, v.history_user) for v in versions] == [
        ("~", moderator),
        ("~", editor),
        ("+", editor),
    ]


def test_a_version_keeps_the_texts_in_every_language(edited_event):
    latest, _organizers, first = edited_event.history.all()

    assert (first.title_ru, first.title_kk, first.title_en) == (
        "Айтыс акынов",
        "Ақындар айтысы",
        None,
    )
    assert (latest.title_ru, latest.title_kk, latest.title_en) == (
        "Айтыс акынов 2025",
        "Ақындар айтысы",
        "Aitys of poets",
    )


def test_the_history_page_lists_the_versions_and_their_authors(
    client, edited_event, moderator
):
    client.force_login(moderator)

    response = client.get(reverse("admin:events_event_history", args=[edited_event.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "librarian" in page
    assert "aigerim" in page
    assert [record.history_type for record in response.context["page_obj"]] == [
        "~",
        "~",
        "+",
    ]


def test_an_earlier_version_is_restored_through_the_revert_form(
    client, edited_event, moderator
):
    first = edited_event.history.earliest()
    url = reverse(
        "admin:events_event_simple_history", args=[edited_event.pk, first.history_id]
    )
    client.force_login(moderator)

    form = client.get(url).context["adminform"].form
    assert form.initial["title_ru"] == "Айтыс акынов"
    response = client.post(url, event_form_data(title_en=""))

    assert response.status_code == 302
    edited_event.refresh_from_db()
    assert (edited_event.title_ru, edited_event.title_en) == ("Айтыс акынов", None)
    assert edited_event.history.first().history_user == moderator
    assert edited_event.search_title == " akyndar aitysy aitys akynov "


def test_workflow_changes_are_recorded_with_their_reason(
    client, editor, library, moderator
):
    event = make_event(
        organizers=[library], publication_status=Event.PublicationStatus.REVIEW
    )
    client.force_login(moderator)

    changelist_action(client, "publish", [event])

    latest = event.history.first()
    assert latest.history_user == moderator
    assert latest.history_change_reason == "Published"
    assert latest.publication_status == "published"


def test_the_organizers_and_types_are_recorded_with_a_version(library):
    event = make_event(organizers=[library], activity_types=("90.01", "90.02"))

    latest = event.history.first()

    assert sorted(row.activitytype.code for row in latest.activity_types.all()) == [
        "90.01",
        "90.02",
    ]
    assert [row.organization for row in latest.organizers.all()] == [library]


def test_an_editor_cannot_see_another_organizations_history(client, editor):
    other = make_event(organizers=[make_organization()])
    version = other.history.first()
    client.force_login(editor)

    history = client.get(reverse("admin:events_event_history", args=[other.pk]))
    revert = client.post(
        reverse(
            "admin:events_event_simple_history", args=[other.pk, version.history_id]
        ),
        event_form_data(title_ru="Hacked"),
    )

    assert history.status_code == 404
    assert revert.status_code == 404
    other.refresh_from_db()
    assert other.title_ru != "Hacked"


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_restoring_a_published_version_keeps_the_event_a_draft(
    client, editor, moderator, library, role
):
    """A version brings back what the event said; only the workflow publishes."""
    venue = make_venue()
    event = make_event(venue=venue, organizers=[library], title_ru="Айтыс акынов")
    published = event.history.first()
    event.publication_status = Event.PublicationStatus.DRAFT
    event.title_ru = "Черновик"
    event.save()
    client.force_login(editor if role == "editor" else moderator)
    url = reverse(
        "admin:events_event_simple_history", args=[event.pk, published.history_id]
    )

    assert "publication_status" not in client.get(url).context["adminform"].form.fields
    response = client.post(
        url,
        event_form_data(
            slug=event.slug,
            venue=venue.pk,
            activity_types=[ActivityType.objects.get(code="90.01").pk],
            summary_ru="Описание.",
            publication_status="published",
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Айтыс акынов"
    assert event.publication_status == Event.PublicationStatus.DRAFT


def test_a_malformed_history_address_is_not_found(client, moderator):
    event = make_event()
    client.force_login(moderator)

    assert client.get(f"/admin/events/event/{event.pk}/history/x/").status_code == 404
    assert client.get("/admin/events/event/abc/history/").status_code == 404


# Organizers and activity types changed from their side


def recorded_types(event):
    """The activity types' codes each version of `event` recorded, oldest first."""
    return [
        sorted(link.activitytype.code for link in version.activity_types.all())
        for version in event.history.order_by("history_date", "history_id")
    ]


def test_types_changed_from_the_activity_types_side_are_recorded_as_the_events_versions():
    event = make_event(activity_types=("90.01",))
    architecture = ActivityType.objects.get(code="71.11")
    versions = len(recorded_types(event))

    architecture.events.add(event)
    architecture.events.remove(event)
    architecture.events.add(event)
    architecture.events.clear()

    assert list(event.activity_types.values_list("code", flat=True)) == ["90.01"]
    assert recorded_types(event)[versions:] == [
        ["71.11", "90.01"],
        ["90.01"],
        ["71.11", "90.01"],
        ["90.01"],
    ]


def test_organizers_changed_from_the_organizations_side_are_the_events_versions():
    event = make_event()
    theatre = make_organization(name_ru="Драмтеатр")
    theatre_versions = theatre.history.count()

    theatre.events.add(event)
    latest = event.history.first()
    theatre.events.clear()

    assert [row.organization for row in latest.organizers.all()] == [theatre]
    assert list(event.history.first().organizers.all()) == []
    assert event.history.first().history_change_reason == "Edited"
    assert theatre.history.count() == theatre_versions


# Deleting and restoring


def test_a_deleted_event_is_restored_with_its_organizers_and_types(
    client, library, moderator
):
    event = make_event(
        title="Айтыс",
        title_kk="Айтыс KK",
        organizers=[library],
        activity_types=("90.01", "90.02"),
    )
    pk, created_at = event.pk, event.created_at
    client.force_login(moderator)
    client.post(
        reverse("admin:events_event_delete", args=[pk]), {"post": "yes"}, follow=True
    )
    assert not Event.objects.filter(pk=pk).exists()

    deleted_page = client.get(reverse("admin:events_event_deleted"))
    assert [d.id for d in deleted_page.context["deletions"]] == [pk]
    assert "Айтыс" in deleted_page.content.decode()
    response = client.post(
        reverse("admin:events_event_deleted"), {"event": pk}, follow=True
    )

    restored = Event.objects.get(pk=pk)
    assert (restored.title_en, restored.title_kk) == ("Айтыс", "Айтыс KK")
    assert restored.created_at == created_at
    assert restored.is_published
    assert list(restored.organizers.all()) == [library]
    assert sorted(t.code for t in restored.activity_types.all()) == ["90.01", "90.02"]
    assert "aitys" in restored.search_document
    assert [str(m) for m in response.context["messages"]] == [
        f'«Айтыс» restored. <a href="/admin/events/event/{pk}/change/">Open it</a>.'
    ]
    assert restored.history.filter(
        history_change_reason="Restored after deletion", history_user=moderator
    ).exists()
    assert client.get(reverse("admin:events_event_deleted")).context["deletions"] == []


@pytest.mark.parametrize(
    ("language", "column", "version_type"),
    [("kk", "Жойылған күні", "Жойылды"), ("ru", "Когда удалено", "Удалено")],
)
def test_the_deleted_events_date_column_and_a_deletions_version_type_say_each_their_own(
    client, moderator, language, column, version_type
):
    make_event(title="Айтыс").delete()
    client.force_login(moderator)
    client.cookies["django_language"] = language

    page = client.get(reverse("admin:events_event_deleted")).content.decode()

    table = page.split('<table id="result_list">', 1)[1].split("</thead>", 1)[0]
    headings = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert headings[2] == column
    with translation.override(language):
        deletion = Event.history.get(history_type="-")
        assert deletion.get_history_type_display() == version_type


def test_a_deleted_event_is_not_restored_over_a_new_one_with_its_slug(
    client, moderator
):
    event = make_event(slug="aitys")
    pk = event.pk
    event.delete()
    make_event(slug="aitys")
    client.force_login(moderator)

    response = client.post(
        reverse("admin:events_event_deleted"), {"event": pk}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Another event now has the address «aitys»: change that event's slug first."
    ]
    assert not Event.objects.filter(pk=pk).exists()


def test_restoring_something_never_deleted_says_so(client, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("admin:events_event_deleted"), {"event": "12345"}, follow=True
    )
    bad = client.post(reverse("admin:events_event_deleted"), {"event": "x"})

    assert [str(m) for m in response.context["messages"]] == ["No such deleted event."]
    assert bad.status_code == 302


def test_the_deleted_events_are_for_moderators(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:events_event_deleted"))

    assert response.status_code == 403


def test_the_event_list_links_to_the_deleted_events_for_moderators(
    client, moderator, editor
):
    client.force_login(moderator)
    moderators_page = client.get(reverse("admin:events_event_changelist"))
    client.force_login(editor)
    editors_page = client.get(reverse("admin:events_event_changelist"))

    link = f'<a href="{reverse("admin:events_event_deleted")}">Deleted events</a>'
    assert link in moderators_page.content.decode()
    assert link not in editors_page.content.decode()


# Venues and organizations


def test_venue_changes_are_recorded_and_restorable(client, moderator):
    venue = make_venue(name_ru="Филармония")
    client.force_login(moderator)
    client.post(
        reverse("admin:venues_venue_change", args=[venue.pk]),
        venue_form_data(venue, name_ru="Областная филармония"),
    )
    venue.refresh_from_db()
    assert venue.name_ru == "Областная филармония"

    latest, first = venue.history.all()[:2]

    assert latest.history_user == moderator
    assert (first.name_ru, latest.name_ru) == ("Филармония", "Областная филармония")
    page = client.get(reverse("admin:venues_venue_history", args=[venue.pk]))
    assert page.status_code == 200
    assert "aigerim" in page.content.decode()


def test_an_editor_cannot_revert_a_venue_they_may_only_view(client, editor):
    venue = make_venue(name_ru="Филармония")
    venue.name_ru = "Другое"
    venue.save()
    first = venue.history.earliest()
    client.force_login(editor)

    response = client.post(
        reverse("admin:venues_venue_simple_history", args=[venue.pk, first.history_id]),
        {"name_ru": "Филармония", "slug": venue.slug},
    )

    assert response.status_code == 403
    venue.refresh_from_db()
    assert venue.name_ru == "Другое"


def test_organization_changes_are_recorded_with_their_editors(editor, library):
    latest = library.history.first()

    assert [row.user for row in latest.editors.all()] == [editor]
    assert library.history.count() == 2

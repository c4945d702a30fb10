"""An editor's edit of a published event waits for a moderator's review."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import ActivityType, Event, PendingChange
from tests.factories import (
    event_form_data,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """A library, its editor, a moderator (both with addresses) and its concert."""
    library = make_organization(name="Library", slug="library")
    editor = make_editor(library, username="librarian")
    editor.email = "librarian@example.org"
    editor.save()
    moderator = make_moderator(username="aigerim")
    moderator.email = "aigerim@example.org"
    moderator.save()
    event = make_event(
        organizers=[library],
        title_ru="Концерт домбристов",
        title_en="",
        slug="dombra",
        created_by=editor,
    )
    return library, editor, moderator, event


def edit_data(event, library, **overrides):
    """The change form's data for `event` as it is, with `overrides`."""
    local_start = timezone.localtime(event.starts_at)
    values = {
        "title_ru": event.title_ru,
        "title_kk": event.title_kk or "",
        "slug": event.slug,
        "kind": event.kind,
        "summary_ru": event.summary_ru,
        "venue": event.venue_id,
        "activity_types": list(event.activity_types.values_list("pk", flat=True)),
        "starts_at_0": local_start.date().isoformat(),
        "starts_at_1": local_start.strftime("%H:%M"),
        "publication_status": "published",
    }
    data = event_form_data(organizers=[library], **{**values, **overrides})
    organizer = event.event_organizers.get()
    data["event_organizers-INITIAL_FORMS"] = "1"
    data["event_organizers-0-id"] = organizer.pk
    data["event_organizers-0-event"] = event.pk
    return data


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def review_url(event):
    return reverse("admin:events_event_pending_change", args=[event.pk])


def propose(client, team, **overrides):
    library, editor, _moderator, event = team
    client.force_login(editor)
    return client.post(change_url(event), edit_data(event, library, **overrides))


def test_the_published_event_stays_as_it_was_while_the_change_waits(
    client, team, mailoutbox, django_capture_on_commit_callbacks
):
    _library, _editor, _moderator, event = team

    with django_capture_on_commit_callbacks(execute=True):
        response = propose(client, team, title_ru="Концерт казино")

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Концерт домбристов"
    assert PendingChange.objects.get(event=event).values == {
        "title_ru": "Концерт казино"
    }
    client.logout()
    page = client.get(event.get_absolute_url(), headers={"accept-language": "ru"})
    assert "Концерт домбристов" in page.content.decode()
    assert "Концерт казино" not in page.content.decode()
    [mail] = mailoutbox
    assert mail.to == ["aigerim@example.org"]
    assert review_url(event) in mail.body


def test_the_editor_is_told_and_goes_on_from_the_proposed_change(client, team):
    _library, _editor, _moderator, event = team

    response = propose(client, team, title_ru="Концерт казино")
    form = client.get(change_url(event))

    assert [str(m) for m in response.wsgi_request._messages] == [
        "Sent to the moderators for review; visitors see the published version "
        "until a moderator approves your change."
    ]
    assert form.context["adminform"].form.initial["title_ru"] == "Концерт казино"
    assert "Your change waits for a moderator" in form.content.decode()


def test_saving_the_published_values_again_withdraws_the_change(client, team):
    _library, _editor, _moderator, event = team
    propose(client, team, title_ru="Концерт казино")

    propose(client, team, title_ru="Концерт домбристов")

    assert not PendingChange.objects.filter(event=event).exists()


def test_a_moderator_sees_what_changed_and_approves_it(
    client, team, mailoutbox, django_capture_on_commit_callbacks
):
    _library, _editor, moderator, event = team
    new_type = ActivityType.objects.get(code="90.02")
    propose(
        client,
        team,
        title_ru="Концерт казино",
        activity_types=[new_type.pk],
    )
    client.force_login(moderator)

    page = client.get(review_url(event))
    assert page.context["rows"] == [
        ("Title [ru]", "Концерт домбристов", "Концерт казино"),
        ("Activity types", str(event.activity_types.get()), str(new_type)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(event), {"approve": "1"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Концерт казино"
    assert list(event.activity_types.all()) == [new_type]
    assert event.is_published
    assert not PendingChange.objects.filter(event=event).exists()
    assert event.history.first().history_change_reason == "Change approved"
    assert [mail.to for mail in mailoutbox] == [["librarian@example.org"]]
    client.logout()
    found = client.get("/ru/events/?q=казино", headers={"accept-language": "ru"})
    assert "Концерт казино" in found.content.decode()


def test_a_moderator_returns_a_change_with_a_comment(
    client, team, mailoutbox, django_capture_on_commit_callbacks
):
    _library, _editor, moderator, event = team
    propose(client, team, title_ru="Концерт казино")
    client.force_login(moderator)

    refused = client.post(review_url(event), {"return": "1", "comment": ""})
    assert refused.context["form"].errors["comment"] == ["This field is required."]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(event), {"return": "1", "comment": "Не то название."})

    event.refresh_from_db()
    assert event.title_ru == "Концерт домбристов"
    assert event.moderator_comment == "Не то название."
    assert not PendingChange.objects.filter(event=event).exists()
    [mail] = mailoutbox
    assert mail.to == ["librarian@example.org"]
    assert "Не то название." in mail.body


def test_the_images_and_organizers_of_a_published_event_are_read_only_for_editors(
    client, team
):
    _library, editor, _moderator, event = team
    client.force_login(editor)

    form = client.get(change_url(event))

    inlines = {
        formset.opts.model._meta.model_name: formset
        for formset in form.context["inline_admin_formsets"]
    }
    assert inlines["eventimage"].has_add_permission is False
    assert inlines["eventorganizer"].has_change_permission is False


def test_a_moderators_edit_and_an_editors_draft_edit_are_saved_at_once(client, team):
    library, editor, moderator, event = team
    client.force_login(moderator)
    client.post(change_url(event), edit_data(event, library, title_ru="Новое"))
    draft = make_event(
        organizers=[library],
        slug="draft",
        publication_status=Event.PublicationStatus.DRAFT,
    )
    client.force_login(editor)
    client.post(
        change_url(draft),
        edit_data(draft, library, title_ru="Черновик", publication_status="draft"),
    )

    event.refresh_from_db()
    draft.refresh_from_db()
    assert (event.title_ru, draft.title_ru) == ("Новое", "Черновик")
    assert not PendingChange.objects.exists()


def test_the_review_page_is_for_moderators(client, team):
    _library, _editor, _moderator, event = team
    propose(client, team, title_ru="Концерт казино")

    assert client.get(review_url(event)).status_code == 403


def test_the_dashboard_and_the_list_show_changes_waiting(client, team):
    _library, _editor, moderator, event = team
    propose(client, team, title_ru="Концерт казино")
    client.force_login(moderator)

    index = client.get(reverse("admin:index")).content.decode()
    listed = client.get(
        reverse("admin:events_event_changelist"), {"pending_change": "waiting"}
    )

    assert "Changes of published events waiting for review" in index
    assert list(listed.context["cl"].result_list) == [event]


def test_an_editor_may_still_cancel_a_published_event_from_its_form(client, team):
    """Cancelling is not a change for review: the form's button leads to its page."""
    _library, _editor, _moderator, event = team

    response = propose(client, team, _move="cancel")

    assert response.status_code == 302
    assert response.url == reverse("admin:events_event_move", args=[event.pk, "cancel"])

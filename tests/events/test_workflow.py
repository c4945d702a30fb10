import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from events import workflow
from events.models import ActivityType, Event
from tests.factories import (
    admin_dashboard,
    changelist_action,
    event_form_data,
    make_event,
    make_image,
    make_moderator,
    make_organization,
    make_user,
    make_venue,
    messages_of,
    organizer_rows,
    post_add_form,
    post_change_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

Status = Event.PublicationStatus


@pytest.fixture
def moderators(moderator):
    """Two moderators with an address, one without; and a superuser with one."""
    second = make_moderator(username="boris", email="boris@example.org")
    make_moderator(username="no-address")
    make_user(is_superuser=True, email="admin@example.org")
    return [moderator, second]


def draft_of(library, editor, **overrides):
    values = {
        "title": "Айтыс акынов",
        "organizers": [library],
        "publication_status": Status.DRAFT,
        "created_by": editor,
    }
    values.update(overrides)
    return make_event(**values)


# Submitting for review


def test_editor_submits_a_draft_and_the_moderators_with_an_address_are_emailed(
    client, editor, library, moderators, mailoutbox, django_capture_on_commit_callbacks
):
    draft = draft_of(library, editor)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(client, "submit_for_review", [draft])

    draft.refresh_from_db()
    assert draft.publication_status == Status.REVIEW
    assert messages_of(response) == ["1 event submitted for review."]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["aigerim@example.org", "boris@example.org"]
    assert mailoutbox[0].subject == "For review: Айтыс акынов"
    body = mailoutbox[0].body
    assert "librarian submitted the event «Айтыс акынов» for review." in body
    assert f"http://testserver/admin/events/event/{draft.pk}/change/" in body
    assert (
        "http://testserver/admin/events/event/?publication_status__exact=review" in body
    )


def test_saving_the_form_as_in_review_emails_the_moderators(
    client, editor, library, moderators, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_add_form(
            client, publication_status="review", organizers=[library]
        )

    assert response.status_code == 302
    assert Event.objects.get().publication_status == Status.REVIEW
    assert [mail.subject for mail in mailoutbox] == ["For review: Айтыс акынов"]


def test_a_draft_saved_as_draft_emails_nobody(
    client, editor, library, moderators, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        post_add_form(client, organizers=[library])

    assert Event.objects.get().publication_status == Status.DRAFT
    assert mailoutbox == []


def test_only_a_draft_can_be_submitted(editor, library):
    published = draft_of(library, editor, publication_status=Status.PUBLISHED)

    with pytest.raises(PermissionDenied) as error:
        workflow.submit_event_for_review(event=published, user=editor)

    assert str(error.value) == "Only a draft can be submitted for review."


def test_an_editor_cannot_submit_another_organizations_event(editor):
    other = make_event(
        organizers=[make_organization()], publication_status=Status.DRAFT
    )

    with pytest.raises(PermissionDenied) as error:
        workflow.submit_event_for_review(event=other, user=editor)

    assert str(error.value) == "This event is not yours to change."
    other.refresh_from_db()
    assert other.publication_status == Status.DRAFT


# Publishing


def test_moderator_publishes_and_the_editor_is_emailed(
    client, editor, library, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = draft_of(
        library,
        editor,
        publication_status=Status.REVIEW,
        moderator_comment="Add the summary.",
    )
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(client, "publish", [event])

    event.refresh_from_db()
    assert event.publication_status == Status.PUBLISHED
    assert event.published_at is not None
    assert event.moderator_comment == ""
    assert messages_of(response) == ["1 event published."]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["librarian@example.org"]
    assert mailoutbox[0].subject == "Published: Айтыс акынов"
    assert f"http://testserver/en/events/{event.slug}/" in mailoutbox[0].body


def test_a_moderator_publishing_their_own_event_is_not_emailed(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(publication_status=Status.REVIEW, created_by=moderator)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_event(event=event, user=moderator)

    assert event.is_published
    assert mailoutbox == []


def test_an_editor_cannot_publish_with_the_workflow_function(editor, library):
    event = draft_of(library, editor, publication_status=Status.REVIEW)

    with pytest.raises(PermissionDenied) as error:
        workflow.publish_event(event=event, user=editor)

    assert str(error.value) == (
        "Only a moderator can publish. Submit the event for review."
    )
    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW


def test_publishing_names_everything_the_event_lacks(moderator):
    event = make_event(
        title_ru="Выставка",
        activity_types=(),
        venue=None,
        summary_ru="",
        publication_status=Status.REVIEW,
    )
    make_image(event, alt_text_ru="Плакат")
    make_image(event)
    make_image(event, alt_text_kk="")

    with pytest.raises(ValidationError) as error:
        workflow.publish_event(event=event, user=moderator)

    assert error.value.message_dict == {
        "summary_ru": ["A published event needs a summary in at least one language."],
        "activity_types": ["A published event needs at least one activity type."],
        "venue": ["A published event needs a venue or an online link."],
        "images": ["Images 2, 3 need a description (alt text)."],
    }
    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW


def test_a_summary_and_alt_text_in_any_language_are_enough(moderator):
    event = make_event(
        summary_ru="", summary_kk="Қысқаша", publication_status=Status.REVIEW
    )
    make_image(event, alt_text_en="A poster")

    workflow.publish_event(event=event, user=moderator)

    event.refresh_from_db()
    assert event.is_published


def test_the_publish_action_names_what_is_missing(client, moderator):
    event = make_event(
        title="Выставка",
        summary_ru="",
        venue=None,
        publication_status=Status.REVIEW,
    )
    client.force_login(moderator)

    response = changelist_action(client, "publish", [event])

    assert messages_of(response) == [
        "«Выставка» was not published: A published event needs a summary in at "
        "least one language. A published event needs a venue or an online link.",
        "0 events published.",
    ]


def test_publishing_through_the_form_refuses_an_image_without_alt_text(
    client, moderator
):
    venue = make_venue()
    event = make_event(venue=venue, publication_status=Status.REVIEW)
    image = make_image(event)
    client.force_login(moderator)

    response = post_change_form(
        client,
        event,
        summary_ru="Двенадцать акынов.",
        venue=venue.pk,
        activity_types=[ActivityType.objects.get(code="90.01").pk],
        publication_status="published",
        **{
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "1",
            "images-0-id": image.pk,
            "images-0-event": event.pk,
            "images-0-alt_text_ru": "",
            "images-0-alt_text_kk": "",
            "images-0-alt_text_en": "",
            "images-0-credit": "",
            "images-0-position": "0",
        },
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.non_form_errors() == ["Image 1 needs a description (alt text)."]
    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW


def test_editor_cannot_unpublish_through_the_form(client, editor, library):
    venue = make_venue()
    event = draft_of(library, editor, venue=venue, publication_status=Status.PUBLISHED)
    client.force_login(editor)

    response = post_change_form(
        client,
        event,
        venue=venue.pk,
        publication_status="draft",
        **organizer_rows(event),
    )

    assert response.context["adminform"].form.errors["publication_status"] == [
        "Only a moderator can return an event to draft."
    ]
    event.refresh_from_db()
    assert event.publication_status == Status.PUBLISHED


def test_editor_is_offered_only_the_statuses_they_may_choose(client, editor, library):
    draft = draft_of(library, editor)
    in_review = draft_of(library, editor, publication_status=Status.REVIEW)
    client.force_login(editor)

    def offered(event):
        response = client.get(reverse("admin:events_event_change", args=[event.pk]))
        field = response.context["adminform"].form.fields["publication_status"]
        return [value for value, _ in field.widget.choices]

    assert offered(draft) == ["draft", "review"]
    assert offered(in_review) == ["review"]


# Returning to draft


def test_return_to_draft_asks_for_a_comment_first(client, editor, library, moderator):
    event = draft_of(library, editor, publication_status=Status.REVIEW)
    client.force_login(moderator)

    page = changelist_action(client, "return_to_draft", [event])

    assert page.templates[0].name == "admin/events/action_form.html"
    assert list(page.context["events"]) == [event]
    assert "Comment for the editor" in page.content.decode()
    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW


def test_return_to_draft_without_a_comment_is_refused_on_the_field(
    client, editor, library, moderator
):
    event = draft_of(library, editor, publication_status=Status.REVIEW)
    client.force_login(moderator)

    page = changelist_action(
        client, "return_to_draft", [event], apply="1", comment="   "
    )

    assert page.context["form"].errors == {"comment": ["This field is required."]}
    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW


def test_moderator_returns_to_draft_and_the_editor_gets_the_comment(
    client, editor, library, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = draft_of(library, editor, publication_status=Status.REVIEW)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(
            client,
            "return_to_draft",
            [event],
            apply="1",
            comment="Add the poets' names to the summary.",
        )

    event.refresh_from_db()
    assert event.publication_status == Status.DRAFT
    assert event.moderator_comment == "Add the poets' names to the summary."
    assert messages_of(response) == ["1 event returned to draft."]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["librarian@example.org"]
    assert mailoutbox[0].subject == "Returned to draft: Айтыс акынов"
    assert "Add the poets' names to the summary." in mailoutbox[0].body


def test_returning_through_the_form_needs_a_comment(client, moderator):
    venue = make_venue()
    event = make_event(venue=venue, publication_status=Status.REVIEW)
    client.force_login(moderator)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = event_form_data(slug=event.slug, venue=venue.pk, publication_status="draft")

    refused = client.post(url, {**data, "moderator_comment": ""})
    accepted = client.post(url, {**data, "moderator_comment": "Wrong date."})

    assert refused.context["adminform"].form.errors["moderator_comment"] == [
        "Say what the editor should change before returning the event."
    ]
    assert accepted.status_code == 302
    event.refresh_from_db()
    assert event.publication_status == Status.DRAFT
    assert event.moderator_comment == "Wrong date."


def test_an_editor_cannot_return_to_draft(editor, library):
    event = draft_of(library, editor, publication_status=Status.REVIEW)

    with pytest.raises(PermissionDenied):
        workflow.return_event_to_draft(event=event, user=editor, comment="No.")


def test_editor_sees_the_comment_read_only_at_the_top_of_the_form(
    client, editor, library
):
    event = draft_of(library, editor, moderator_comment="Say where it takes place.")
    client.force_login(editor)

    response = client.get(reverse("admin:events_event_change", args=[event.pk]))

    adminform = response.context["adminform"]
    first = next(iter(adminform))
    assert first.name == "Moderator's comment"
    assert "moderator_comment" not in adminform.form.fields
    page = response.content.decode()
    assert "Say where it takes place." in page
    assert 'name="moderator_comment"' not in page


def test_an_editor_without_a_comment_sees_no_comment_section(client, editor, library):
    event = draft_of(library, editor)
    client.force_login(editor)

    response = client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert "Moderator's comment" not in response.content.decode()


def test_an_editor_cannot_change_the_comment_by_posting_it(client, editor, library):
    event = draft_of(library, editor, moderator_comment="Add a venue.")
    client.force_login(editor)

    response = post_change_form(
        client,
        event,
        title_ru="Айтыс",
        moderator_comment="Nothing to do.",
        **organizer_rows(event),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Айтыс"
    assert event.moderator_comment == "Add a venue."


# The review queue on the admin index


def test_moderators_see_the_review_queue_count_on_the_admin_index(client, moderator):
    make_event(publication_status=Status.REVIEW)
    make_event(publication_status=Status.REVIEW)
    make_event(publication_status=Status.DRAFT)
    client.force_login(moderator)

    dashboard = admin_dashboard(client)

    assert dashboard["review-queue"] == (
        "Review queue",
        "/admin/events/event/?publication_status__exact=review",
        2,
    )


def test_editors_do_not_see_the_review_queue(client, editor, library):
    draft_of(library, editor, publication_status=Status.REVIEW)
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Review queue" not in page
    assert list(admin_dashboard(client)) == ["attendance"]


def test_the_review_queue_filter_lists_what_waits_for_review(client, moderator):
    waiting = make_event(publication_status=Status.REVIEW)
    make_event(publication_status=Status.DRAFT)
    client.force_login(moderator)

    response = client.get(
        reverse("admin:events_event_changelist"),
        {"publication_status__exact": "review"},
    )

    assert list(response.context["cl"].result_list) == [waiting]

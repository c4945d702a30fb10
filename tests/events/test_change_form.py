"""The event form's workflow buttons, their confirmation pages and its messages."""

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Event
from tests.factories import (
    event_form_data,
    in_days,
    make_event,
    make_organization,
    messages_of,
    save_change_form,
)

pytestmark = pytest.mark.django_db

Status = Event.PublicationStatus
EventStatus = Event.EventStatus


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def move_url(event, move):
    return reverse("admin:events_event_move", args=[event.pk, move])


def offered_moves(response):
    """The names of the workflow buttons on a change form, in their order."""
    context = response.context
    return [
        move.name for move in [*context["publication_moves"], *context["status_moves"]]
    ]


# Who sees which button


def test_a_moderator_is_offered_the_review_decisions_and_the_status_moves(
    client, moderator, library
):
    event = make_event(organizers=[library], publication_status=Status.REVIEW)
    client.force_login(moderator)

    response = client.get(change_url(event))

    assert offered_moves(response) == [
        "publish",
        "return_to_draft",
        "cancel",
        "postpone",
        "reschedule",
        "move_online",
    ]
    page = response.content.decode()
    assert '<button type="submit" name="_move" value="publish"' in page
    assert "Return to draft…" in page


def test_a_published_event_offers_a_moderator_no_publish_button(client, moderator):
    event = make_event()
    client.force_login(moderator)

    response = client.get(change_url(event))

    assert offered_moves(response) == [
        "return_to_draft",
        "cancel",
        "postpone",
        "reschedule",
        "move_online",
    ]


def test_an_editor_is_offered_submit_on_a_draft(client, editor, library):
    event = make_event(organizers=[library], publication_status=Status.DRAFT)
    client.force_login(editor)

    response = client.get(change_url(event))

    assert offered_moves(response) == ["submit"]


def test_an_editor_is_offered_withdraw_on_an_event_in_review(client, editor, library):
    event = make_event(organizers=[library], publication_status=Status.REVIEW)
    client.force_login(editor)

    response = client.get(change_url(event))

    assert offered_moves(response) == ["withdraw"]
    assert "publish" not in response.content.decode().split('name="_move"', 1)[-1]


def test_an_editor_may_cancel_or_postpone_their_published_event(
    client, editor, library
):
    event = make_event(organizers=[library], starts_at=in_days(5))
    client.force_login(editor)

    response = client.get(change_url(event))

    assert offered_moves(response) == ["cancel", "postpone"]


def test_an_ended_or_cancelled_event_offers_no_status_moves(client, moderator):
    ended = make_event(starts_at=in_days(-5))
    cancelled = make_event(event_status=EventStatus.CANCELLED)
    client.force_login(moderator)

    assert offered_moves(client.get(change_url(ended))) == [
        "return_to_draft",
        "reschedule",
    ]
    assert offered_moves(client.get(change_url(cancelled))) == ["return_to_draft"]


def test_the_add_form_has_no_workflow_buttons(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:events_event_add"))

    assert "publication_moves" not in response.context
    assert 'name="_move"' not in response.content.decode()


# Publishing from the form


def test_publish_saves_the_form_then_publishes(
    client, moderator, editor, library, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(
        organizers=[library], publication_status=Status.REVIEW, created_by=editor
    )
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = save_change_form(
            client, event, title_en="Aitys of poets", _move="publish"
        )

    event.refresh_from_db()
    assert event.publication_status == Status.PUBLISHED
    assert event.title_en == "Aitys of poets"
    assert response.redirect_chain[-1][0] == reverse("admin:events_event_changelist")
    assert messages_of(response) == [
        "«Aitys of poets» published; it is on the site now."
    ]
    assert [mail.to for mail in mailoutbox] == [["librarian@example.org"]]


def test_a_refused_publish_names_what_is_missing_and_keeps_the_edits(
    client, moderator, library
):
    event = make_event(
        title="Aitys",
        organizers=[library],
        publication_status=Status.REVIEW,
        activity_types=(),
    )
    client.force_login(moderator)

    response = save_change_form(
        client, event, summary_ru="Новое описание.", _move="publish"
    )

    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW
    assert event.summary_ru == "Новое описание."
    assert response.redirect_chain[-1][0] == change_url(event)
    assert messages_of(response) == [
        "«Aitys» was saved, but «Publish» was refused: "
        "A published event needs at least one activity type."
    ]


def test_an_editor_cannot_publish_by_posting_the_button(client, editor, library):
    event = make_event(organizers=[library], publication_status=Status.REVIEW)
    client.force_login(editor)

    response = save_change_form(client, event, _move="publish")

    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW
    assert messages_of(response) == [
        f"«{event}» was saved, but «Publish» was refused: "
        "Only a moderator can publish. Submit the event for review."
    ]


# Return to draft asks for the comment


def test_return_to_draft_opens_its_page_and_changes_nothing_yet(
    client, moderator, library
):
    event = make_event(organizers=[library])
    client.force_login(moderator)

    response = save_change_form(client, event, follow=False, _move="return_to_draft")

    assert response.status_code == 302
    assert response.url == move_url(event, "return_to_draft")
    page = client.get(response.url)
    content = page.content.decode()
    assert page.context["form"].fields["comment"].required
    assert "Comment for the editor" in content
    assert (
        "The event leaves the site at once: its page, the lists and the calendar "
        "feeds no longer show it until it is published again."
    ) in content
    event.refresh_from_db()
    assert event.publication_status == Status.PUBLISHED


def test_return_to_draft_without_a_comment_is_refused_on_its_page(
    client, moderator, library
):
    event = make_event(organizers=[library])
    client.force_login(moderator)

    response = client.post(move_url(event, "return_to_draft"), {"comment": " "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"comment": ["This field is required."]}
    event.refresh_from_db()
    assert event.publication_status == Status.PUBLISHED


def test_return_to_draft_with_a_comment_emails_the_editor(
    client,
    moderator,
    editor,
    library,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    event = make_event(
        title="Aitys",
        organizers=[library],
        publication_status=Status.REVIEW,
        created_by=editor,
    )
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            move_url(event, "return_to_draft"),
            {"comment": "Add the programme."},
            follow=True,
        )

    event.refresh_from_db()
    assert event.publication_status == Status.DRAFT
    assert event.moderator_comment == "Add the programme."
    assert messages_of(response) == ["«Aitys» returned to draft with your comment."]
    assert [mail.to for mail in mailoutbox] == [["librarian@example.org"]]
    assert "Add the programme." in mailoutbox[0].body


# Status moves: a page that says what visitors will see, then the move


@pytest.mark.parametrize(
    ("move", "text"),
    [
        (
            "cancel",
            "The event stays listed, marked «Cancelled»; its page says it is "
            "cancelled; calendar subscribers see it cancelled.",
        ),
        (
            "postpone",
            "The event stays listed at its original date, marked «Postponed»; its "
            "page says the new date is not known yet; calendar subscribers see it "
            "as tentative.",
        ),
        (
            "reschedule",
            "The event moves to its new date in the lists, marked «Rescheduled»; "
            "its page gives the new date and says when it was first planned; "
            "calendar subscribers see the new date.",
        ),
        (
            "move_online",
            "The event is marked «Moved online»; its page gives the online link and "
            "still names the venue where it was planned. Calendar entries keep the "
            "venue as the place.",
        ),
    ],
)
def test_a_status_move_says_what_visitors_will_see_before_anything_changes(
    client, moderator, move, text
):
    event = make_event(starts_at=in_days(5))
    client.force_login(moderator)

    redirect = save_change_form(client, event, follow=False, _move=move)
    page = client.get(redirect.url)

    assert redirect.url == move_url(event, move)
    assert page.status_code == 200
    assert text in page.content.decode()
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED
    assert event.starts_at == in_days(5)


def test_cancelling_from_the_form_is_made_once_confirmed(client, moderator):
    event = make_event(title="Aitys", starts_at=in_days(5))
    client.force_login(moderator)

    response = client.post(move_url(event, "cancel"), {"apply": "yes"}, follow=True)

    event.refresh_from_db()
    assert event.event_status == EventStatus.CANCELLED
    assert response.redirect_chain == [(change_url(event), 302)]
    assert messages_of(response) == ["«Aitys» is cancelled; visitors see it so."]


def test_rescheduling_from_the_form_asks_for_the_new_date(client, moderator):
    event = make_event(title="Aitys", starts_at=in_days(5))
    new_start = in_days(12, hour=18)
    client.force_login(moderator)

    page = client.get(move_url(event, "reschedule"))
    response = client.post(
        move_url(event, "reschedule"),
        {
            "starts_at_0": new_start.date().isoformat(),
            "starts_at_1": "18:00",
            "ends_at_0": "",
            "ends_at_1": "",
        },
        follow=True,
    )

    assert page.context["form"].initial["starts_at"] == in_days(5)
    event.refresh_from_db()
    assert (event.starts_at, event.previous_starts_at) == (new_start, in_days(5))
    assert event.event_status == EventStatus.RESCHEDULED
    assert messages_of(response) == ["«Aitys» rescheduled; the previous start is kept."]


def test_moving_online_from_the_form_refuses_an_empty_link_on_the_field(
    client, moderator
):
    event = make_event(starts_at=in_days(5))
    client.force_login(moderator)

    response = client.post(move_url(event, "move_online"), {"online_url": ""})

    assert response.context["form"].errors == {
        "online_url": ["This field is required."]
    }
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


def test_a_move_the_user_may_not_make_is_refused_with_the_reason(client, moderator):
    event = make_event(title="Aitys", starts_at=in_days(-3))
    client.force_login(moderator)

    response = client.get(move_url(event, "cancel"), follow=True)

    assert response.redirect_chain == [(change_url(event), 302)]
    assert messages_of(response) == [
        "«Cancel the event» is not possible for «Aitys»: The event has already ended."
    ]


def test_an_editor_may_not_reschedule_even_by_address(client, editor, library):
    event = make_event(organizers=[library], starts_at=in_days(5))
    client.force_login(editor)

    response = client.post(
        move_url(event, "reschedule"),
        {"starts_at_0": "2030-01-01", "starts_at_1": "10:00"},
        follow=True,
    )

    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED
    assert messages_of(response) == [
        f"«Reschedule to a new date» is not possible for «{event}»: Only a "
        "moderator can reschedule an event or move it online."
    ]


def test_another_organizations_event_has_no_move_pages(client, editor):
    other = make_event(organizers=[make_organization()], starts_at=in_days(5))
    client.force_login(editor)

    assert client.get(move_url(other, "cancel")).status_code == 404
    assert client.post(move_url(other, "cancel"), {"apply": "yes"}).status_code == 404
    other.refresh_from_db()
    assert other.event_status == EventStatus.SCHEDULED


def test_an_unknown_or_immediate_move_has_no_page(client, moderator):
    event = make_event()
    client.force_login(moderator)

    assert client.get(move_url(event, "explode")).status_code == 404
    assert client.get(move_url(event, "publish")).status_code == 404


# The list's cancel and postpone ask first too


@pytest.mark.parametrize("action", ["cancel", "postpone"])
def test_the_lists_cancel_and_postpone_show_the_confirmation_first(
    client, moderator, action
):
    event = make_event(starts_at=in_days(5))
    client.force_login(moderator)

    page = client.post(
        reverse("admin:events_event_changelist"),
        {"action": action, "_selected_action": [event.pk]},
    )

    assert page.templates[0].name == "admin/events/action_form.html"
    assert "calendar subscribers see it" in page.content.decode()
    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED


# Withdrawing from review


def test_an_editor_withdraws_their_event_from_review_on_the_form(
    client, editor, library, mailoutbox
):
    event = make_event(
        title="Aitys", organizers=[library], publication_status=Status.REVIEW
    )
    client.force_login(editor)

    response = save_change_form(client, event, _move="withdraw")

    event.refresh_from_db()
    assert event.publication_status == Status.DRAFT
    assert response.redirect_chain[-1][0] == change_url(event)
    assert messages_of(response) == [
        "«Aitys» withdrawn from review: it is a draft again; submit it when it "
        "is ready."
    ]
    assert event.history.first().history_change_reason == "Withdrawn from review"
    assert mailoutbox == []


def test_the_withdraw_action_takes_back_only_events_in_review(client, editor, library):
    in_review = make_event(organizers=[library], publication_status=Status.REVIEW)
    published = make_event(organizers=[library])
    client.force_login(editor)

    response = client.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "withdraw_from_review",
            "_selected_action": [in_review.pk, published.pk],
        },
        follow=True,
    )

    in_review.refresh_from_db()
    published.refresh_from_db()
    assert in_review.publication_status == Status.DRAFT
    assert published.publication_status == Status.PUBLISHED
    assert messages_of(response) == ["1 event withdrawn from review."]


# An organizer cancels or postpones their published event


@pytest.mark.parametrize(
    ("move", "status", "subject"),
    [
        ("cancel", EventStatus.CANCELLED, "Cancelled by the organizer: Aitys"),
        ("postpone", EventStatus.POSTPONED, "Postponed by the organizer: Aitys"),
    ],
)
def test_an_editors_cancellation_or_postponement_emails_the_moderators(
    client,
    editor,
    library,
    moderator,
    mailoutbox,
    django_capture_on_commit_callbacks,
    move,
    status,
    subject,
):
    event = make_event(title="Aitys", organizers=[library], starts_at=in_days(5))
    client.force_login(editor)

    page = client.get(move_url(event, move))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(move_url(event, move), {"apply": "yes"}, follow=True)

    assert "The moderators are e-mailed." in page.content.decode()
    event.refresh_from_db()
    assert event.event_status == status
    assert event.publication_status == Status.PUBLISHED
    assert messages_of(response)[-1].endswith("The moderators have been told.")
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["aigerim@example.org"], subject)
    ]
    body = mailoutbox[0].body
    assert "librarian (Pushkin library)" in body
    assert f"/admin/events/event/{event.pk}/change/" in body
    assert f"/events/{event.slug}/" in body


def test_a_moderators_cancellation_emails_nobody(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(starts_at=in_days(5))
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(move_url(event, "cancel"), {"apply": "yes"})

    event.refresh_from_db()
    assert event.event_status == EventStatus.CANCELLED
    assert mailoutbox == []


def test_an_editors_cancellation_shows_on_the_public_page_at_once(
    client, editor, library, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    event = make_event(title_en="Aitys", organizers=[library], starts_at=in_days(5))
    visitor = Client(headers={"accept-language": "en"})
    assert (
        "This event is cancelled"
        not in visitor.get(f"/en/events/{event.slug}/").content.decode()
    )
    client.force_login(editor)

    client.post(move_url(event, "cancel"), {"apply": "yes"})

    assert (
        "This event is cancelled"
        in visitor.get(f"/en/events/{event.slug}/").content.decode()
    )


def test_an_editor_cannot_cancel_an_event_not_yet_published(client, editor, library):
    event = make_event(organizers=[library], publication_status=Status.REVIEW)
    client.force_login(editor)

    response = client.post(move_url(event, "cancel"), {"apply": "yes"}, follow=True)

    event.refresh_from_db()
    assert event.event_status == EventStatus.SCHEDULED
    assert messages_of(response) == [
        f"«Cancel the event» is not possible for «{event}»: An organizer may "
        "cancel or postpone only a published event."
    ]


# What the form says after saving


def test_an_editor_saving_a_draft_is_told_to_submit_it_when_ready(
    client, editor, library
):
    client.force_login(editor)

    response = client.post(
        reverse("admin:events_event_add"),
        event_form_data(organizers=[library]),
        follow=True,
    )

    assert messages_of(response) == [
        "«Айтыс акынов» saved as a draft; submit it for review when it is ready."
    ]


def test_an_editor_submitting_in_the_form_is_told_the_moderators_know(
    client, editor, library
):
    client.force_login(editor)

    response = client.post(
        reverse("admin:events_event_add"),
        event_form_data(organizers=[library], publication_status="review"),
        follow=True,
    )

    assert messages_of(response) == [
        "«Айтыс акынов» sent for review; the moderators have been told."
    ]


def test_saving_an_event_in_review_again_says_it_still_waits(client, editor, library):
    event = make_event(
        title="Aitys", organizers=[library], publication_status=Status.REVIEW
    )
    client.force_login(editor)

    response = save_change_form(client, event, _continue="1")

    assert response.redirect_chain[-1][0] == change_url(event)
    assert messages_of(response) == [
        "«Aitys» saved; it waits for a moderator's review."
    ]


def test_a_moderator_publishing_with_the_status_field_is_told_so(client, moderator):
    event = make_event(title="Aitys", publication_status=Status.REVIEW)
    client.force_login(moderator)

    response = save_change_form(client, event, publication_status="published")

    assert messages_of(response) == ["«Aitys» published; it is on the site now."]


def test_saving_a_published_event_says_the_changes_are_on_the_site(client, moderator):
    event = make_event(title="Aitys")
    client.force_login(moderator)

    response = save_change_form(client, event)

    assert messages_of(response) == ["«Aitys» saved; the changes are on the site."]


# What a new event's form shows


def test_a_new_events_form_has_no_after_the_event_fields(client, editor, moderator):
    for user in (editor, moderator):
        client.force_login(user)

        form = client.get(reverse("admin:events_event_add")).context["adminform"].form

        assert {"guests", "participants", "participating_countries"}.isdisjoint(
            form.fields
        )
        assert "moderator_comment" not in form.fields


def test_the_after_the_event_fields_appear_once_it_has_started(client, moderator):
    upcoming = make_event(starts_at=in_days(3))
    started = make_event(starts_at=in_days(-1))
    client.force_login(moderator)

    upcoming_form = client.get(change_url(upcoming)).context["adminform"].form
    started_form = client.get(change_url(started)).context["adminform"].form

    assert "guests" not in upcoming_form.fields
    assert {"guests", "participants", "participating_countries"} <= set(
        started_form.fields
    )


def test_an_editor_does_not_see_an_empty_moderator_comment(client, editor, library):
    event = make_event(organizers=[library], publication_status=Status.DRAFT)
    client.force_login(editor)

    response = client.get(change_url(event))

    assert "Moderator's comment" not in response.content.decode()


def test_an_editor_of_one_organization_finds_it_preselected(client, editor, library):
    client.force_login(editor)

    page = client.get(reverse("admin:events_event_add"))
    formset = page.context["inline_admin_formsets"][0].formset
    response = client.post(
        reverse("admin:events_event_add"),
        event_form_data(
            organizers=[library],
            **{"event_organizers-MIN_NUM_FORMS": "1"},
        ),
    )

    assert [form["organization"].value() for form in formset.forms] == [library.pk]
    assert response.status_code == 302
    assert list(Event.objects.get().organizers.all()) == [library]


def test_an_editor_of_two_organizations_chooses_one(client, editor, library):
    make_organization(name="Drama theatre").editors.add(editor)
    client.force_login(editor)

    page = client.get(reverse("admin:events_event_add"))
    formset = page.context["inline_admin_formsets"][0].formset

    assert [form["organization"].value() for form in formset.forms] == [None]


def test_a_moderator_has_no_organizer_preselected(client, moderator, library):
    client.force_login(moderator)

    page = client.get(reverse("admin:events_event_add"))
    formset = page.context["inline_admin_formsets"][0].formset

    assert [form["organization"].value() for form in formset.forms] == [None]


def test_submit_after_choosing_in_review_in_the_form_is_no_refusal(
    client, editor, library
):
    event = make_event(
        title="Aitys", organizers=[library], publication_status=Status.DRAFT
    )
    client.force_login(editor)

    response = save_change_form(
        client, event, publication_status="review", _move="submit"
    )

    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW
    assert messages_of(response) == [
        "«Aitys» sent for review; the moderators have been told."
    ]


def test_an_editor_submits_a_draft_with_the_button(
    client, editor, library, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(
        title="Aitys", organizers=[library], publication_status=Status.DRAFT
    )
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = save_change_form(client, event, _move="submit")

    event.refresh_from_db()
    assert event.publication_status == Status.REVIEW
    assert response.redirect_chain[-1][0] == reverse("admin:events_event_changelist")
    assert messages_of(response) == [
        "«Aitys» sent for review; the moderators have been told."
    ]
    assert [mail.to for mail in mailoutbox] == [["aigerim@example.org"]]

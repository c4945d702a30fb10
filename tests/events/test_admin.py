import pytest
from django.urls import reverse

from events.models import ActivityType, Event
from tests.factories import (
    local,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return make_organization(name="Pushkin library", slug="library")


@pytest.fixture
def theatre():
    return make_organization(name="Drama theatre", slug="theatre")


@pytest.fixture
def editor(library):
    return make_editor(library, username="librarian")


def logged_in(client, user):
    client.force_login(user)
    return client


def event_form_data(*, organizers=(), **overrides):
    """What the admin's event form posts, with a complete valid event."""
    data = {
        "title_ru": "Айтыс акынов",
        "title_kk": "Ақындар айтысы",
        "title_en": "",
        "slug": "aitys",
        "summary_ru": "",
        "summary_kk": "",
        "summary_en": "",
        "description_ru": "",
        "description_kk": "",
        "description_en": "",
        "kind": "contest",
        "activity_types": [],
        "date_precision": "time",
        "starts_at_0": "2025-03-21",
        "starts_at_1": "15:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "previous_starts_at_0": "",
        "previous_starts_at_1": "",
        "venue": "",
        "online_url": "",
        "event_organizers-TOTAL_FORMS": "0",
        "event_organizers-INITIAL_FORMS": "0",
        "event_organizers-MIN_NUM_FORMS": "0",
        "event_organizers-MAX_NUM_FORMS": "1000",
        "parent": "",
        "price_from": "",
        "price_to": "",
        "ticket_url": "",
        "age_rating": "",
        "publication_status": "draft",
        "event_status": "scheduled",
        "guests": "",
        "participants": "",
        "participating_countries": [],
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    for index, organization in enumerate(organizers):
        data[f"event_organizers-{index}-organization"] = organization.pk
    data["event_organizers-TOTAL_FORMS"] = str(len(organizers))
    data.update(overrides)
    return data


SUPERUSER_PAGES = [
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:events_activitytype_changelist",
    "admin:events_activitytypegroup_changelist",
    "admin:venues_venue_changelist",
    "admin:venues_venue_add",
    "admin:venues_district_changelist",
    "admin:organizations_organization_changelist",
    "admin:organizations_organization_add",
]
MODERATOR_PAGES = SUPERUSER_PAGES
SUPERUSER_PAGES = [
    *SUPERUSER_PAGES,
    "admin:auth_user_changelist",
    "admin:auth_user_add",
    "admin:auth_group_changelist",
    "admin:auth_group_add",
]
EDITOR_PAGES = [
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:events_activitytype_changelist",
    "admin:venues_venue_changelist",
    "admin:venues_venue_add",
    "admin:venues_district_changelist",
    "admin:organizations_organization_changelist",
]


@pytest.mark.parametrize("page", SUPERUSER_PAGES)
def test_superuser_opens_every_changelist_and_add_form(client, page):
    make_event()
    response = logged_in(client, make_user(is_superuser=True)).get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize("page", MODERATOR_PAGES)
def test_moderator_opens_every_changelist_and_add_form(client, page):
    make_event()
    response = logged_in(client, make_moderator()).get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize("page", EDITOR_PAGES)
def test_editor_opens_the_pages_of_their_role(client, editor, library, page):
    make_event(organizers=[library])
    response = logged_in(client, editor).get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "page",
    ["admin:organizations_organization_add", "admin:auth_user_changelist"],
)
def test_editor_is_refused_what_their_role_does_not_allow(client, editor, page):
    response = logged_in(client, editor).get(reverse(page))

    assert response.status_code == 403


def test_change_forms_open_for_each_role(client, editor, library):
    event = make_event(organizers=[library])
    url = reverse("admin:events_event_change", args=[event.pk])

    for user in (make_user(is_superuser=True), make_moderator(), editor):
        assert logged_in(client, user).get(url).status_code == 200


def test_editor_sees_only_their_organizations_events(client, editor, library, theatre):
    own = make_event(title="Library course", organizers=[library])
    make_event(title="Theatre premiere", organizers=[theatre])
    make_event(
        title="Theatre draft",
        organizers=[theatre],
        publication_status=Event.PublicationStatus.DRAFT,
    )

    response = logged_in(client, editor).get(reverse("admin:events_event_changelist"))

    assert list(response.context["cl"].result_list) == [own]


def test_editor_gets_404_for_another_organizations_event(client, editor, theatre):
    other = make_event(organizers=[theatre])
    client = logged_in(client, editor)

    change = reverse("admin:events_event_change", args=[other.pk])
    assert client.get(change).status_code == 404
    assert client.post(change, event_form_data(title_ru="Hacked")).status_code == 404
    other.refresh_from_db()
    assert other.title_ru != "Hacked"


def test_editor_cannot_publish_through_the_form(client, editor, library):
    venue = make_venue()
    client = logged_in(client, editor)

    response = client.post(
        reverse("admin:events_event_add"),
        event_form_data(
            publication_status="published",
            organizers=[library],
            venue=venue.pk,
            activity_types=[ActivityType.objects.get(code="90.01").pk],
        ),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publication_status"] == [
        "Only a moderator can publish. Submit the event for review."
    ]
    assert not Event.objects.exists()


def test_editor_creates_a_draft_for_their_organization(client, editor, library):
    client = logged_in(client, editor)

    response = client.post(
        reverse("admin:events_event_add"),
        event_form_data(publication_status="review", organizers=[library]),
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.publication_status == Event.PublicationStatus.REVIEW
    assert list(event.organizers.all()) == [library]
    assert event.created_by == editor


def test_editor_cannot_enter_an_event_for_another_organization(client, editor, theatre):
    response = logged_in(client, editor).post(
        reverse("admin:events_event_add"), event_form_data(organizers=[theatre])
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [
        {
            "organization": [
                "Select a valid choice. That choice is not one of the available choices."
            ]
        }
    ]
    assert not Event.objects.exists()


def test_editor_cannot_publish_with_the_bulk_action(client, editor, library):
    draft = make_event(
        organizers=[library], publication_status=Event.PublicationStatus.REVIEW
    )

    logged_in(client, editor).post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.publication_status == Event.PublicationStatus.REVIEW


def test_editor_does_not_see_the_publish_action(client, editor):
    response = logged_in(client, editor).get(reverse("admin:events_event_changelist"))

    actions = [
        name for name, _ in response.context["action_form"].fields["action"].choices
    ]
    assert "submit_for_review" in actions
    assert "publish" not in actions
    assert "reschedule" not in actions


def test_moderator_publishes_with_the_bulk_action(client):
    ready = make_event(publication_status=Event.PublicationStatus.REVIEW)
    incomplete = make_event(
        activity_types=(), publication_status=Event.PublicationStatus.REVIEW
    )

    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, incomplete.pk]},
        follow=True,
    )

    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert ready.publication_status == Event.PublicationStatus.PUBLISHED
    assert incomplete.publication_status == Event.PublicationStatus.REVIEW
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        f"«{incomplete.title}» was not published: "
        "A published event needs at least one activity type.",
        "1 event published.",
    ]


def test_moderator_cancels_with_the_bulk_action(client):
    event = make_event()

    logged_in(client, make_moderator()).post(
        reverse("admin:events_event_changelist"),
        {"action": "cancel", "_selected_action": [event.pk], "apply": "yes"},
    )

    event.refresh_from_db()
    assert event.event_status == Event.EventStatus.CANCELLED
    assert event.publication_status == Event.PublicationStatus.PUBLISHED


def test_publishing_without_activity_type_or_venue_is_refused_on_the_fields(client):
    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_add"),
        event_form_data(publication_status="published"),
    )

    errors = response.context["adminform"].form.errors
    assert errors["activity_types"] == [
        "A published event needs at least one activity type."
    ]
    assert errors["venue"] == ["A published event needs a venue or an online link."]
    assert not Event.objects.exists()


def test_an_event_with_a_kazakh_title_only_is_accepted(client):
    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_add"),
        event_form_data(title_ru="", title_kk="Айтыс"),
    )

    assert response.status_code == 302
    assert Event.objects.get().title_kk == "Айтыс"


def test_an_event_without_any_title_is_refused_on_the_title(client):
    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_add"), event_form_data(title_ru="", title_kk="")
    )

    assert response.context["adminform"].form.errors["title_ru"] == [
        "Give the title in at least one language."
    ]
    assert not Event.objects.exists()


def test_an_event_ending_before_it_starts_is_refused_in_the_form(client):
    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_add"),
        event_form_data(ends_at_0="2025-03-21", ends_at_1="14:00"),
    )

    assert response.status_code == 200
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_moderator_publishes_a_complete_event_through_the_form(client):
    venue = make_venue()

    response = logged_in(client, make_moderator()).post(
        reverse("admin:events_event_add"),
        event_form_data(
            publication_status="published",
            venue=venue.pk,
            activity_types=[ActivityType.objects.get(code="90.01").pk],
            summary_ru="Двенадцать акынов.",
        ),
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.is_published
    assert event.published_at is not None


def test_deleting_a_venue_with_events_is_refused_with_the_reason(client):
    event = make_event()
    venue = event.venue
    client = logged_in(client, make_moderator())
    url = reverse("admin:venues_venue_delete", args=[venue.pk])

    page = client.get(url).content.decode()
    client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert event.title in page
    assert venue.__class__.objects.filter(pk=venue.pk).exists()


def test_deleting_an_organization_with_events_is_refused(client, library):
    make_event(organizers=[library])
    client = logged_in(client, make_moderator())

    client.post(
        reverse("admin:organizations_organization_delete", args=[library.pk]),
        {"post": "yes"},
    )

    assert library.__class__.objects.filter(pk=library.pk).exists()


def test_changelist_shows_approximate_dates_as_such(client):
    make_event(
        title="Opera Aisulu",
        date_precision=Event.DatePrecision.YEAR,
        starts_at=local(2024, 1, 1),
        ends_at=local(2024, 12, 31, 23, 59),
    )

    page = logged_in(client, make_moderator()).get(
        reverse("admin:events_event_changelist")
    )

    assert "2024 (approximate)" in page.content.decode()

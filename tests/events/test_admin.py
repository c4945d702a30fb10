import pytest
from django.urls import reverse

from events.models import ActivityType, Event
from tests.factories import (
    changelist_action,
    event_form_data,
    make_event,
    make_venue,
    messages_of,
    offered_actions,
    post_add_form,
    whole_days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def concert(library, hall):
    return make_event(title="Library concert", organizers=[library], venue=hall)


# Each change list: the name of its rows, and one it shows.
CHANGELISTS = {
    "events_event": ("event", "Library concert"),
    "events_activitytype": ("activity type", "Manufacture of carpets and rugs"),
    "events_activitytypegroup": ("activity-type group", "Crafts and folk art"),
    "venues_venue": ("venue", "Concert hall"),
    "venues_district": ("district", "Ulan District"),
    "organizations_organization": ("organization", "Pushkin library"),
    "auth_user": ("user", "librarian"),
    "auth_group": ("group", "Organization editors"),
}
# Each add form: what it adds, and some of the fields it asks for.
ADD_FORMS = {
    "events_event": ("event", ["title_ru", "starts_at_0", "venue"]),
    "venues_venue": ("venue", ["name_ru", "district", "latitude"]),
    "organizations_organization": ("organization", ["name_ru", "kind", "editors"]),
    "auth_user": ("user", ["username", "password1", "password2"]),
    "auth_group": ("group", ["name", "permissions"]),
}
# Each page of the admin: its title, and what it shows.
PAGES = {
    **{
        f"admin:{model}_changelist": (f"Select {name} to change", [row])
        for model, (name, row) in CHANGELISTS.items()
    },
    **{
        f"admin:{model}_add": (f"Add {name}", [f'name="{field}"' for field in fields])
        for model, (name, fields) in ADD_FORMS.items()
    },
}
# Users and groups are the superuser's.
MODERATOR_PAGES = [page for page in PAGES if not page.startswith("admin:auth_")]
EDITOR_PAGES = [
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:events_activitytype_changelist",
    "admin:venues_venue_changelist",
    "admin:venues_venue_add",
    "admin:venues_district_changelist",
    "admin:organizations_organization_changelist",
]
# Moderators only view the reference data; editors the venues and organizations
# too.
MODERATOR_VIEWS = [
    "admin:events_activitytype_changelist",
    "admin:events_activitytypegroup_changelist",
    "admin:venues_district_changelist",
]
EDITOR_VIEWS = [
    *MODERATOR_VIEWS,
    "admin:venues_venue_changelist",
    "admin:organizations_organization_changelist",
]


def role_pages(role, pages, views=()):
    """(role, page, title, what it shows) of each page, as the role sees it."""
    for page in pages:
        title, shown = PAGES[page]
        if page in views:
            title = title.replace(" to change", " to view")
        yield pytest.param(role, page, title, shown, id=f"{role}-{page[6:]}")


ROLE_PAGES = [
    *role_pages("superuser", PAGES),
    *role_pages("moderator", MODERATOR_PAGES, MODERATOR_VIEWS),
    *role_pages("editor", EDITOR_PAGES, EDITOR_VIEWS),
]


@pytest.mark.parametrize(("role", "page", "title", "shown"), ROLE_PAGES)
def test_each_role_opens_the_changelists_and_add_forms_of_its_role(
    client, request, concert, editor, role, page, title, shown
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(page))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{title} | Creative East</title>" in html
    for text in shown:
        assert text in html


@pytest.mark.parametrize(
    "page",
    ["admin:organizations_organization_add", "admin:auth_user_changelist"],
)
def test_editor_is_refused_what_their_role_does_not_allow(client, editor, page):
    client.force_login(editor)

    response = client.get(reverse(page))

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["superuser", "moderator", "editor"])
def test_the_change_form_shows_the_event_to_each_role(client, request, concert, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("admin:events_event_change", args=[concert.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Library concert | Change event | Creative East</title>" in html
    assert 'name="title_en" value="Library concert"' in html
    assert f'name="slug" value="{concert.slug}"' in html
    form = response.context["adminform"].form
    assert form["venue"].value() == concert.venue.pk
    assert form["publication_status"].value() == "published"


def test_editor_sees_only_their_organizations_events(client, editor, library, theatre):
    own = make_event(title="Library course", organizers=[library])
    make_event(title="Theatre premiere", organizers=[theatre])
    make_event(
        title="Theatre draft",
        organizers=[theatre],
        publication_status=Event.PublicationStatus.DRAFT,
    )
    client.force_login(editor)

    response = client.get(reverse("admin:events_event_changelist"))

    assert list(response.context["cl"].result_list) == [own]


def test_editor_gets_404_for_another_organizations_event(client, editor, theatre):
    other = make_event(organizers=[theatre])
    client.force_login(editor)

    change = reverse("admin:events_event_change", args=[other.pk])
    assert client.get(change).status_code == 404
    assert client.post(change, event_form_data(title_ru="Hacked")).status_code == 404
    other.refresh_from_db()
    assert other.title_ru != "Hacked"


def test_editor_cannot_publish_through_the_form(client, editor, library):
    venue = make_venue()
    client.force_login(editor)

    response = post_add_form(
        client,
        publication_status="published",
        organizers=[library],
        venue=venue.pk,
        activity_types=[ActivityType.objects.get(code="90.01").pk],
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publication_status"] == [
        "Only a moderator can publish. Submit the event for review."
    ]
    assert not Event.objects.exists()


def test_editor_creates_a_draft_for_their_organization(client, editor, library):
    client.force_login(editor)

    response = post_add_form(client, publication_status="review", organizers=[library])

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.publication_status == Event.PublicationStatus.REVIEW
    assert list(event.organizers.all()) == [library]
    assert event.created_by == editor


def test_editor_cannot_enter_an_event_for_another_organization(client, editor, theatre):
    client.force_login(editor)

    response = post_add_form(client, organizers=[theatre])

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
    client.force_login(editor)

    changelist_action(client, "publish", [draft])

    draft.refresh_from_db()
    assert draft.publication_status == Event.PublicationStatus.REVIEW


def test_editor_does_not_see_the_publish_action(client, editor):
    client.force_login(editor)

    actions = offered_actions(client)

    assert "submit_for_review" in actions
    assert "publish" not in actions
    assert "reschedule" not in actions


def test_moderator_publishes_with_the_bulk_action(moderator_client):
    ready = make_event(publication_status=Event.PublicationStatus.REVIEW)
    incomplete = make_event(
        activity_types=(), publication_status=Event.PublicationStatus.REVIEW
    )

    response = changelist_action(moderator_client, "publish", [ready, incomplete])

    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert ready.publication_status == Event.PublicationStatus.PUBLISHED
    assert incomplete.publication_status == Event.PublicationStatus.REVIEW
    assert messages_of(response) == [
        f"«{incomplete.title}» was not published: "
        "A published event needs at least one activity type.",
        "1 event published.",
    ]


def test_moderator_cancels_with_the_bulk_action(moderator_client):
    event = make_event()

    changelist_action(moderator_client, "cancel", [event], apply="yes")

    event.refresh_from_db()
    assert event.event_status == Event.EventStatus.CANCELLED
    assert event.publication_status == Event.PublicationStatus.PUBLISHED


def test_publishing_without_activity_type_or_venue_is_refused_on_the_fields(
    moderator_client,
):
    response = post_add_form(moderator_client, publication_status="published")

    errors = response.context["adminform"].form.errors
    assert errors["activity_types"] == [
        "A published event needs at least one activity type."
    ]
    assert errors["venue"] == ["A published event needs a venue or an online link."]
    assert not Event.objects.exists()


def test_an_event_with_a_kazakh_title_only_is_accepted(moderator_client):
    response = post_add_form(moderator_client, title_ru="", title_kk="Айтыс")

    assert response.status_code == 302
    assert Event.objects.get().title_kk == "Айтыс"


def test_an_event_without_any_title_is_refused_on_the_title(moderator_client):
    response = post_add_form(moderator_client, title_ru="", title_kk="")

    assert response.context["adminform"].form.errors["title_ru"] == [
        "Give the title in at least one language."
    ]
    assert not Event.objects.exists()


def test_an_event_ending_before_it_starts_is_refused_in_the_form(moderator_client):
    response = post_add_form(
        moderator_client, ends_at_0="2025-03-21", ends_at_1="14:00"
    )

    assert response.status_code == 200
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_moderator_publishes_a_complete_event_through_the_form(moderator_client):
    venue = make_venue()

    response = post_add_form(
        moderator_client,
        publication_status="published",
        venue=venue.pk,
        activity_types=[ActivityType.objects.get(code="90.01").pk],
        summary_ru="Двенадцать акынов.",
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.is_published
    assert event.published_at is not None


def test_deleting_a_venue_with_events_is_refused_with_the_reason(moderator_client):
    event = make_event()
    venue = event.venue
    url = reverse("admin:venues_venue_delete", args=[venue.pk])

    page = moderator_client.get(url).content.decode()
    moderator_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert event.title in page
    assert venue.__class__.objects.filter(pk=venue.pk).exists()


def test_deleting_an_organization_with_events_is_refused_with_the_reason(
    moderator_client, library
):
    event = make_event(organizers=[library])

    response = moderator_client.post(
        reverse("admin:organizations_organization_delete", args=[library.pk]),
        {"post": "yes"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cannot delete organization</h1>" in page
    assert f"<li>Organizer: {event.title}</li>" in page
    assert library.__class__.objects.filter(pk=library.pk).exists()


def test_changelist_shows_approximate_dates_as_such(moderator_client):
    make_event(
        title="Opera Aisulu",
        **whole_days((2024, 1, 1), (2024, 12, 31), Event.DatePrecision.YEAR),
    )

    page = moderator_client.get(reverse("admin:events_event_changelist"))

    assert (
        '<time datetime="2024">2024</time> (date approximate)' in page.content.decode()
    )


@pytest.mark.parametrize("language", ["en", "kk"])
def test_the_activity_types_admin_says_where_the_list_comes_from(
    client, superuser, language
):
    client.force_login(superuser)
    carpets = ActivityType.objects.get(code="13.93")
    provenance = {
        "en": "Every row here is a reconstruction",
        "kk": "Мұндағы әр жол жіктеуіш пен ресми дереккөздер атайтын салалар",
    }[language]

    changelist = client.get(
        reverse("admin:events_activitytype_changelist"),
        headers={"accept-language": language},
    ).content.decode()
    change_form = client.get(
        reverse("admin:events_activitytype_change", args=[carpets.pk]),
        headers={"accept-language": language},
    ).content.decode()

    assert provenance in changelist
    assert provenance in change_form
    assert 'name="is_by_analogy"' in change_form

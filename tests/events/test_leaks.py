"""What an organization editor may not learn of other organizations' events."""

import json

import pytest
from django.urls import reverse

from events.models import ActivityType, Event
from tests.factories import (
    make_editor,
    make_event,
    make_moderator,
    make_organization,
    make_venue,
    post_add_form,
)

pytestmark = pytest.mark.django_db

DRAFT = Event.PublicationStatus.DRAFT


@pytest.fixture
def setting():
    """An editor of a library, and the theatre's draft festival they must not see."""
    library = make_organization(name="Library", slug="library")
    theatre = make_organization(name="Theatre", slug="theatre")
    secret = make_event(
        organizers=[theatre],
        title="Секретный фестиваль",
        slug="secret-festival",
        kind=Event.Kind.FESTIVAL,
        publication_status=DRAFT,
    )
    editor = make_editor(library, username="librarian")
    return library, theatre, secret, editor


def add_as_the_editor(client, setting, **overrides):
    """The library's editor posts the add form: a complete event of the library."""
    library, _theatre, _secret, editor = setting
    client.force_login(editor)
    return post_add_form(
        client,
        organizers=[library],
        venue=make_venue().pk,
        activity_types=[ActivityType.objects.get(code="90.01").pk],
        summary_ru="Концерт.",
        **overrides,
    )


def test_an_editor_cannot_name_another_organizations_draft_as_programme(
    client, setting
):
    _library, _theatre, secret, _editor = setting

    response = add_as_the_editor(client, setting, parent=secret.pk)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert "Секретный фестиваль" not in response.content.decode()
    assert not secret.sub_events.exists()


def test_an_editor_may_join_a_published_festival_of_another_organization(
    client, setting
):
    _library, theatre, _secret, _editor = setting
    festival = make_event(
        organizers=[theatre], slug="open-festival", kind=Event.Kind.FESTIVAL
    )

    response = add_as_the_editor(client, setting, parent=festival.pk)

    assert response.status_code == 302
    assert Event.objects.get(slug="aitys").parent == festival


def test_the_programme_autocomplete_offers_published_and_own_events_only(
    client, setting
):
    library, theatre, _secret, editor = setting
    make_event(organizers=[theatre], title="Открытый фестиваль", slug="open")
    make_event(organizers=[library], title="Наш фестиваль", slug="ours")
    client.force_login(editor)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "events",
            "model_name": "event",
            "field_name": "parent",
            "term": "фестиваль",
        },
    )

    assert sorted(result["text"] for result in response.json()["results"]) == [
        "Наш фестиваль",
        "Открытый фестиваль",
    ]


def test_a_published_event_never_names_an_unpublished_parent(client, setting):
    """A moderator may tie an event to a draft; visitors still never read it."""
    _library, _theatre, secret, _editor = setting
    child = make_event(parent=secret, slug="child", title="Концерт")

    page = client.get(reverse("events:detail", args=["child"])).content.decode()
    api = client.get(f"/api/v1/events/{child.pk}/").json()

    assert "Секретный фестиваль" not in page
    assert "secret-festival" not in page
    assert api["parent"] is None
    document = page.split('<script type="application/ld+json">')[1].split("</")[0]
    assert "superEvent" not in json.loads(document)


def test_a_slug_taken_by_another_organizations_draft_is_replaced_quietly(
    client, setting
):
    library, _theatre, secret, _editor = setting

    response = add_as_the_editor(client, setting, slug=secret.slug)

    assert response.status_code == 302
    created = Event.objects.get(organizers=library)
    assert created.slug == "secret-festival-2"


def test_a_slug_of_an_event_the_editor_can_see_is_refused_on_its_field(client, setting):
    _library, theatre, _secret, _editor = setting
    make_event(organizers=[theatre], slug="public-one")

    response = add_as_the_editor(client, setting, slug="public-one")

    assert response.context["adminform"].form.errors["slug"] == [
        "Event with this Slug already exists."
    ]


def test_organization_and_venue_counts_leave_out_drafts_the_editor_cannot_see(
    client, setting
):
    library, theatre, secret, editor = setting
    make_event(organizers=[theatre], venue=secret.venue)
    make_event(organizers=[library], venue=secret.venue, publication_status=DRAFT)
    client.force_login(editor)

    organizations = client.get(reverse("admin:organizations_organization_changelist"))
    venues = client.get(reverse("admin:venues_venue_changelist"))

    counts = {o.slug: o.event_count for o in organizations.context["cl"].result_list}
    assert counts == {"library": 1, "theatre": 1}
    [venue] = [v for v in venues.context["cl"].result_list if v == secret.venue]
    assert venue.event_count == 2


def test_a_moderator_counts_every_event(client, setting):
    _library, _theatre, _secret, _editor = setting
    client.force_login(make_moderator())

    response = client.get(reverse("admin:organizations_organization_changelist"))

    counts = {o.slug: o.event_count for o in response.context["cl"].result_list}
    assert counts == {"library": 0, "theatre": 1}


def test_another_organizations_staff_list_is_hidden_from_an_editor(client, setting):
    library, theatre, _secret, editor = setting
    make_editor(theatre, username="actor-in-charge")
    client.force_login(editor)

    theirs = client.get(
        reverse("admin:organizations_organization_change", args=[theatre.pk])
    )
    ours = client.get(
        reverse("admin:organizations_organization_change", args=[library.pk])
    )

    assert theirs.status_code == 200
    assert "actor-in-charge" not in theirs.content.decode()
    assert "Theatre" in theirs.content.decode()
    assert "librarian" in ours.content.decode()

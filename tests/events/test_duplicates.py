import pytest
from django.urls import reverse

from events.models import Event
from tests.events.test_admin import event_form_data
from tests.factories import (
    local,
    make_editor,
    make_event,
    make_moderator,
    make_organization,
    make_venue,
)
from venues.models import District

pytestmark = pytest.mark.django_db

DUPLICATE_ERROR = (
    "This event looks like one already in the catalog. Check the events listed "
    "above; if it is a different event, tick «Save anyway» and save again."
)


@pytest.fixture
def venue():
    return make_venue(name="Drama theatre")


@pytest.fixture
def aitys(venue):
    """A published event on 21 March 2025 at 15:00 at the venue."""
    return make_event(
        title="Айтыс акынов",
        title_kk="Ақындар айтысы",
        slug="aitys-2025",
        venue=venue,
        starts_at=local(2025, 3, 21, 15),
    )


def add(client, user, **overrides):
    client.force_login(user)
    return client.post(reverse("admin:events_event_add"), event_form_data(**overrides))


def warned_of(response):
    """The events the form warns of, or None when it saved."""
    if response.status_code == 302:
        return None
    form = response.context["adminform"].form
    assert form.non_field_errors() == [DUPLICATE_ERROR]
    return list(form.duplicates)


def test_a_likely_duplicate_is_shown_with_a_link_and_nothing_is_saved(
    client, venue, aitys
):
    response = add(client, make_moderator(), venue=venue.pk)

    assert warned_of(response) == [aitys]
    page = response.content.decode()
    assert (
        f'<a href="/admin/events/event/{aitys.pk}/change/" target="_blank" '
        f'rel="noopener">Айтыс акынов</a>'
    ) in page
    assert 'name="save_anyway"' in page
    assert Event.objects.count() == 1


def test_save_anyway_saves_it(client, venue, aitys):
    response = add(client, make_moderator(), venue=venue.pk, save_anyway="on")

    assert response.status_code == 302
    assert Event.objects.count() == 2


def test_a_title_in_another_language_and_alphabet_is_alike(client, venue, aitys):
    response = add(
        client,
        make_moderator(),
        venue=venue.pk,
        title_ru="",
        title_kk="",
        title_en="Aqyndar aitysy",
    )

    assert warned_of(response) == [aitys]


def test_a_title_sharing_most_words_is_alike(client, venue, aitys):
    response = add(
        client,
        make_moderator(),
        venue=venue.pk,
        title_ru="Большой айтыс акынов Востока",
        title_kk="",
    )

    assert warned_of(response) == [aitys]


def test_another_venue_in_the_same_district_counts(client, aitys):
    neighbour = make_venue(district=aitys.venue.district)

    response = add(client, make_moderator(), venue=neighbour.pk)

    assert warned_of(response) == [aitys]


def test_a_venue_in_another_district_does_not_count(client, aitys):
    elsewhere = make_venue(district=District.objects.get(slug="ridder"))

    response = add(client, make_moderator(), venue=elsewhere.pk)

    assert warned_of(response) is None


def test_another_day_does_not_count(client, venue, aitys):
    response = add(client, make_moderator(), venue=venue.pk, starts_at_0="2025-03-22")

    assert warned_of(response) is None


def test_a_festival_running_over_the_date_counts(client, venue):
    festival = make_event(
        title_ru="Айтыс акынов",
        venue=venue,
        starts_at=local(2025, 3, 20, 10),
        ends_at=local(2025, 3, 23, 18),
    )

    response = add(client, make_moderator(), venue=venue.pk)

    assert warned_of(response) == [festival]


def test_a_different_title_does_not_count(client, venue, aitys):
    response = add(
        client,
        make_moderator(),
        venue=venue.pk,
        title_ru="Джазовый вечер",
        title_kk="Джаз кеші",
    )

    assert warned_of(response) is None


def test_saving_an_event_again_unchanged_is_not_warned(client, venue, aitys):
    twin = make_event(
        title="Айтыс акынов",
        title_kk="Ақындар айтысы",
        venue=venue,
        starts_at=local(2025, 3, 21, 15),
    )
    client.force_login(make_moderator())

    response = client.post(
        reverse("admin:events_event_change", args=[twin.pk]),
        event_form_data(
            slug=twin.slug,
            title_ru="",
            title_en="Айтыс акынов",
            venue=venue.pk,
            activity_types=[t.pk for t in twin.activity_types.all()],
            summary_ru="Описание.",
            publication_status="published",
        ),
    )

    assert response.status_code == 302


def test_an_editor_is_not_shown_another_organizations_draft(client, venue):
    library = make_organization()
    make_event(
        title_ru="Айтыс акынов",
        venue=venue,
        starts_at=local(2025, 3, 21, 15),
        organizers=[make_organization()],
        publication_status=Event.PublicationStatus.DRAFT,
    )

    response = add(client, make_editor(library), venue=venue.pk, organizers=[library])

    assert warned_of(response) is None


def test_an_editor_is_linked_to_another_organizations_public_page(client, venue, aitys):
    library = make_organization()

    response = add(client, make_editor(library), venue=venue.pk, organizers=[library])

    assert warned_of(response) == [aitys]
    assert f'<a href="/en/events/{aitys.slug}/"' in response.content.decode()

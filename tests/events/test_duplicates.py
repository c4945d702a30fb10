import pytest

from events.models import Event
from tests.factories import (
    local,
    make_event,
    make_organization,
    make_venue,
    post_add_form,
    post_change_form,
)

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
    return post_add_form(client, **overrides)


def warned_of(response):
    """The events the form warns of, or None when it saved."""
    if response.status_code == 302:
        return None
    form = response.context["adminform"].form
    assert form.non_field_errors() == [DUPLICATE_ERROR]
    return list(form.duplicates)


def test_a_likely_duplicate_is_shown_with_a_link_and_nothing_is_saved(
    client, moderator, venue, aitys
):
    response = add(client, moderator, venue=venue.pk)

    assert warned_of(response) == [aitys]
    page = response.content.decode()
    assert (
        f'<a href="/admin/events/event/{aitys.pk}/change/" target="_blank" '
        f'rel="noopener">Айтыс акынов</a>'
    ) in page
    assert 'name="save_anyway"' in page
    assert Event.objects.count() == 1


def test_save_anyway_saves_it(client, moderator, venue, aitys):
    response = add(client, moderator, venue=venue.pk, save_anyway="on")

    assert response.status_code == 302
    assert Event.objects.count() == 2


@pytest.mark.parametrize(
    "title",
    [
        pytest.param({"title_en": "Aqyndar aitysy"}, id="another language"),
        pytest.param({"title_ru": "Большой айтыс акынов Востока"}, id="most words"),
    ],
)
def test_a_title_in_another_language_or_sharing_most_words_is_alike(
    client, moderator, venue, aitys, title
):
    response = add(
        client, moderator, venue=venue.pk, **{"title_ru": "", "title_kk": "", **title}
    )

    assert warned_of(response) == [aitys]


def test_another_venue_in_the_same_district_counts(client, moderator, aitys):
    neighbour = make_venue(district=aitys.venue.district)

    response = add(client, moderator, venue=neighbour.pk)

    assert warned_of(response) == [aitys]


def test_a_venue_in_another_district_does_not_count(client, moderator, aitys):
    elsewhere = make_venue(district="ridder")

    response = add(client, moderator, venue=elsewhere.pk)

    assert warned_of(response) is None


@pytest.mark.parametrize(
    "difference",
    [
        pytest.param({"starts_at_0": "2025-03-22"}, id="another day"),
        pytest.param(
            {"title_ru": "Джазовый вечер", "title_kk": "Джаз кеші"},
            id="another title",
        ),
    ],
)
def test_another_day_or_a_different_title_does_not_count(
    client, moderator, venue, aitys, difference
):
    response = add(client, moderator, venue=venue.pk, **difference)

    assert warned_of(response) is None


def test_a_festival_running_over_the_date_counts(client, moderator, venue):
    festival = make_event(
        title_ru="Айтыс акынов",
        venue=venue,
        starts_at=local(2025, 3, 20, 10),
        ends_at=local(2025, 3, 23, 18),
    )

    response = add(client, moderator, venue=venue.pk)

    assert warned_of(response) == [festival]


def test_saving_an_event_again_unchanged_is_not_warned(client, venue, aitys, moderator):
    twin = make_event(
        title="Айтыс акынов",
        title_kk="Ақындар айтысы",
        venue=venue,
        starts_at=local(2025, 3, 21, 15),
    )
    client.force_login(moderator)

    response = post_change_form(
        client,
        twin,
        title_ru="",
        title_en="Айтыс акынов",
        venue=venue.pk,
        activity_types=[t.pk for t in twin.activity_types.all()],
        summary_ru="Описание.",
        publication_status="published",
    )

    assert response.status_code == 302
    twin.refresh_from_db()
    assert (twin.title_ru, twin.title_en) == (None, "Айтыс акынов")
    assert Event.objects.count() == 2


def test_an_editor_is_not_shown_another_organizations_draft(
    client, editor, library, venue
):
    make_event(
        title_ru="Айтыс акынов",
        venue=venue,
        starts_at=local(2025, 3, 21, 15),
        organizers=[make_organization()],
        publication_status=Event.PublicationStatus.DRAFT,
    )

    response = add(client, editor, venue=venue.pk, organizers=[library])

    assert warned_of(response) is None


def test_an_editor_is_linked_to_another_organizations_public_page(
    client, editor, library, venue, aitys
):
    response = add(client, editor, venue=venue.pk, organizers=[library])

    assert warned_of(response) == [aitys]
    assert f'<a href="/en/events/{aitys.slug}/"' in response.content.decode()

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import (
    event_form_data,
    local,
    make_aitys,
    make_event,
    organizer_rows,
)

pytestmark = pytest.mark.django_db

Status = Event.PublicationStatus


@pytest.fixture
def festival(library, hall):
    return make_aitys(
        kind=Event.Kind.FESTIVAL,
        venue=hall,
        organizers=[library],
        publication_status=Status.DRAFT,
    )


def programme_rows(festival, existing=(), new=()):
    """The programme inline as the change form posts it."""
    rows = [*existing, *new]
    data = {
        "sub_events-TOTAL_FORMS": str(len(rows)),
        "sub_events-INITIAL_FORMS": str(len(existing)),
        "sub_events-MIN_NUM_FORMS": "0",
        "sub_events-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        values = {
            "parent": festival.pk,
            "title_kk": "",
            "title_ru": "",
            "title_en": "",
            "starts_at_0": "",
            "starts_at_1": "",
            "ends_at_0": "",
            "ends_at_1": "",
            "venue": "",
            "kind": "",
            **row,
        }
        for name, value in values.items():
            data[f"sub_events-{index}-{name}"] = value
    return data


def post_festival(client, festival, **programme):
    data = event_form_data(
        slug=festival.slug,
        kind="festival",
        venue=festival.venue_id,
        save_anyway="on",
        **organizer_rows(festival),
        **programme_rows(festival, **programme),
    )
    return client.post(reverse("admin:events_event_change", args=[festival.pk]), data)


def test_programme_items_added_on_the_festival_are_drafts_with_its_organizers(
    client, festival, hall, library, moderator
):
    client.force_login(moderator)

    response = post_festival(
        client,
        festival,
        new=[
            {
                "title_ru": "Открытие",
                "starts_at_0": "2025-03-21",
                "starts_at_1": "15:00",
                "venue": hall.pk,
                "kind": "opening",
            },
            {
                "title_kk": "Жастар айтысы",
                "starts_at_0": "2025-03-21",
                "starts_at_1": "18:30",
                "ends_at_0": "2025-03-21",
                "ends_at_1": "21:00",
                "kind": "contest",
            },
        ],
    )

    assert response.status_code == 302
    items = list(festival.sub_events.order_by("starts_at"))
    assert [
        (item.title_ru, item.title_kk, item.slug, item.kind, item.venue)
        for item in items
    ] == [
        ("Открытие", None, "aitys-2025-03-21", "opening", hall),
        (None, "Жастар айтысы", "aitys-2025-03-21-2", "contest", None),
    ]
    assert [(item.starts_at, item.ends_at) for item in items] == [
        (local(2025, 3, 21, 15), None),
        (local(2025, 3, 21, 18, 30), local(2025, 3, 21, 21)),
    ]
    assert [item.publication_status for item in items] == [Status.DRAFT] * 2
    assert [list(item.organizers.all()) for item in items] == [[library]] * 2


def test_a_programme_item_is_edited_on_the_festival(
    client, festival, library, moderator
):
    item = make_event(
        title_ru="Открытие",
        slug="opening",
        parent=festival,
        organizers=[library],
        starts_at=local(2025, 3, 21, 15),
    )
    client.force_login(moderator)

    response = post_festival(
        client,
        festival,
        existing=[
            {
                "id": item.pk,
                "title_ru": "Торжественное открытие",
                "starts_at_0": "2025-03-21",
                "starts_at_1": "16:00",
                "venue": item.venue_id,
                "kind": "opening",
            }
        ],
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_ru, item.starts_at, item.slug) == (
        "Торжественное открытие",
        local(2025, 3, 21, 16),
        "opening",
    )
    assert item.publication_status == Status.PUBLISHED


def test_a_programme_item_without_a_title_is_refused_and_nothing_saved(
    client, festival, moderator
):
    client.force_login(moderator)

    response = post_festival(
        client,
        festival,
        new=[{"starts_at_0": "2025-03-22", "starts_at_1": "12:00", "kind": "fair"}],
    )

    assert response.status_code == 200
    assert "Give the title in at least one language." in response.content.decode()
    assert festival.sub_events.count() == 0


def test_an_editor_sees_and_edits_only_their_own_programme_items(
    client, festival, editor, library, theatre
):
    ours = make_event(
        title_ru="Открытие", slug="opening", parent=festival, organizers=[library]
    )
    theirs = make_event(
        title_ru="Спектакль", slug="play", parent=festival, organizers=[theatre]
    )
    client.force_login(editor)

    page = client.get(reverse("admin:events_event_change", args=[festival.pk]))
    programme = next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "sub_events"
    )
    assert [form.instance for form in programme.initial_forms] == [ours]

    response = post_festival(
        client,
        festival,
        existing=[
            {
                "id": theirs.pk,
                "title_ru": "Чужой спектакль",
                "starts_at_0": "2025-03-22",
                "starts_at_1": "19:00",
                "kind": "performance",
            }
        ],
    )

    # Django's formset leaves a row it was not shown alone.
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_ru == "Спектакль"
    assert festival.sub_events.count() == 2


def test_a_concert_has_no_programme_inline(client, moderator):
    concert = make_event(kind=Event.Kind.CONCERT)
    client.force_login(moderator)

    page = client.get(reverse("admin:events_event_change", args=[concert.pk]))

    assert [
        inline.formset.prefix for inline in page.context["inline_admin_formsets"]
    ] == [
        "event_organizers",
        "images",
    ]

"""An event's address never takes the name of one of the list's own pages."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import event_form_data, make_event, make_venue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("word", ["calendar", "map", "submit"])
def test_a_page_name_is_refused_as_a_slug_on_its_field(moderator_client, library, word):
    response = moderator_client.post(
        reverse("admin:events_event_add"),
        event_form_data(organizers=[library], venue=make_venue().pk, slug=word),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        f"“{word}” is the address of one of the catalog's pages; choose another."
    ]
    assert not Event.objects.filter(slug=word).exists()


def test_a_free_slug_steps_past_a_page_name():
    make_event(slug="map-2")

    assert Event.objects.free_slug("map") == "map-3"
    assert Event.objects.free_slug("mapping") == "mapping"

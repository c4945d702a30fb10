import datetime

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from venues.models import District

pytestmark = pytest.mark.django_db


def generate(count, seed):
    call_command(
        "generate_events", count=count, seed=seed, anchor=datetime.date(2026, 1, 15)
    )
    return list(
        Event.objects.filter(slug__startswith=f"generated-{seed}-")
        .order_by("slug")
        .values_list("slug", "title_ru", "title_kk", "starts_at", "kind")
    )


def test_it_makes_the_events_asked_for_with_types_and_organizers():
    generate(120, seed=3)

    events = Event.objects.prefetch_related("activity_types", "organizers")
    assert events.count() == 120
    for event in events:
        assert 1 <= len(event.activity_types.all()) <= 3
        assert 1 <= len(event.organizers.all()) <= 2
        assert event.title_ru and event.title_kk
        assert event.search_document.startswith(" ")
    districts = set(events.values_list("venue__district__slug", flat=True))
    assert districts <= set(District.objects.values_list("slug", flat=True))
    assert Event.objects.filter(starts_at__year__lt=2026).exists()
    assert Event.objects.filter(starts_at__year__gt=2026).exists()


def test_the_same_seed_gives_the_same_events():
    first = generate(30, seed=5)
    Event.objects.update(parent=None)
    Event.objects.all().delete()

    assert generate(30, seed=5) == first


def test_generated_events_are_found_by_search():
    generate(200, seed=7)

    assert Event.objects.search("фестивали").exists()


def test_a_seed_is_not_generated_twice():
    generate(5, seed=9)

    with pytest.raises(CommandError, match="Events of seed 9 exist already"):
        generate(5, seed=9)

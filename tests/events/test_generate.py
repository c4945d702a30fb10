import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from organizations.models import Organization
from venues.models import District, Venue

pytestmark = pytest.mark.django_db

ANCHOR = datetime.date(2026, 1, 15)


def generate(count, seed):
    """Run the command; its output and the (slug, titles, start, kind) it made."""
    output = io.StringIO()
    call_command(
        "generate_events", count=count, seed=seed, anchor=ANCHOR, stdout=output
    )
    events = (
        Event.objects.filter(slug__startswith=f"generated-{seed}-")
        .order_by("starts_at", "slug")
        .values_list("slug", "title_ru", "title_kk", "starts_at", "kind")
    )
    return output.getvalue(), list(events)


def test_it_makes_exactly_the_events_asked_for_and_says_so():
    output, events = generate(120, seed=3)

    assert output == "Created 120 events (seed 3).\n"
    assert Event.objects.count() == 120
    assert sorted(slug for slug, *_ in events) == sorted(
        f"generated-3-{number}" for number in range(120)
    )


def test_each_event_could_be_published_as_it_is():
    generate(120, seed=3)

    events = Event.objects.select_related("venue").prefetch_related(
        "activity_types", "organizers"
    )
    for event in events:
        types, organizers = event.activity_types.all(), event.organizers.all()
        assert event.publication_problems(activity_types=types, images=[]) == {}
        assert 1 <= len(types) <= 3, event.slug
        assert 1 <= len(organizers) <= 2, event.slug
        assert event.title_ru and event.title_kk, event.slug
        assert event.summary_ru.startswith(f"{event.title_ru}. "), event.slug
        assert event.venue.slug.startswith("generated-3-"), event.slug
        assert event.search_document.startswith(" "), event.slug
    published = events.filter(publication_status=Event.PublicationStatus.PUBLISHED)
    drafts = events.filter(publication_status=Event.PublicationStatus.DRAFT)
    # About one in twenty is left a draft.
    assert published.count() + drafts.count() == 120
    assert 100 <= published.count() < 120
    assert not published.filter(published_at=None).exists()


def test_the_venues_are_in_every_district_and_the_organizations_forty():
    generate(5, seed=3)

    venues = Venue.objects.filter(slug__startswith="generated-3-")
    assert sorted(set(venues.values_list("district__slug", flat=True))) == sorted(
        District.objects.values_list("slug", flat=True)
    )
    assert venues.count() == 6 * District.objects.count()
    assert Organization.objects.filter(slug__startswith="generated-3-").count() == 40


def test_the_dates_spread_around_the_anchor_day():
    generate(200, seed=3)

    starts = [
        start.date() for start in Event.objects.values_list("starts_at", flat=True)
    ]
    assert min(starts) >= ANCHOR - datetime.timedelta(days=3 * 365)
    assert max(starts) < ANCHOR + datetime.timedelta(days=2 * 365)
    assert min(starts) < ANCHOR < max(starts)
    ends = Event.objects.values_list("starts_at", "ends_at")
    assert all(start < end for start, end in ends)


def test_festivals_hold_programmes_of_other_events():
    generate(200, seed=3)

    programme = Event.objects.filter(parent__isnull=False).select_related("parent")
    assert programme.exists()
    for event in programme:
        assert event.parent.kind == Event.Kind.FESTIVAL
        assert event.kind != Event.Kind.FESTIVAL


def test_the_same_seed_gives_the_same_events_and_another_seed_others():
    _output, first = generate(30, seed=5)
    Event.objects.update(parent=None)
    Event.objects.all().delete()

    _output, again = generate(30, seed=5)
    _output, other = generate(30, seed=6)

    assert again == first
    assert len(other) == 30
    # Titles and dates, not only the slugs with the seed in them, differ.
    assert {row[1:] for row in other}.isdisjoint(row[1:] for row in first)


def test_generated_events_are_found_by_the_words_of_their_titles():
    generate(200, seed=7)

    with_the_word = {
        event
        for event in Event.objects.all()
        if "фестивал" in f"{event.title_ru} {event.title_kk}".lower()
    }
    assert with_the_word
    assert set(Event.objects.search("фестивали")) == with_the_word


def test_a_seed_is_not_generated_twice():
    generate(5, seed=9)

    with pytest.raises(CommandError, match="Events of seed 9 exist already"):
        generate(5, seed=9)
    assert Event.objects.count() == 5


def test_at_least_one_event_is_asked_for():
    with pytest.raises(CommandError, match=r"--count must be at least 1\."):
        generate(0, seed=9)
    assert not Event.objects.exists()

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import District, Venue

pytestmark = pytest.mark.django_db

DEMO = settings.BASE_DIR / "fixtures" / "demo.json"


def load_demo():
    call_command("loaddata", DEMO, verbosity=0)


def row_counts():
    return {
        "districts": District.objects.count(),
        "activity types": ActivityType.objects.count(),
        "venues": Venue.objects.count(),
        "organizations": Organization.objects.count(),
        "events": Event.objects.count(),
        "event activity types": Event.activity_types.through.objects.count(),
        "event organizers": Event.organizers.through.objects.count(),
    }


def test_demo_data_holds_the_falconry_festival_of_2024():
    load_demo()

    festival = Event.objects.get(slug="shygys-salburyny-2024")

    assert "«Шығыс салбурыны»" in festival.title_kk
    assert "фестиваль беркутчи" in festival.title_ru
    assert festival.kind == Event.Kind.FESTIVAL
    assert festival.venue.locality_ru == "село Бозанбай"
    assert festival.venue.district.slug == "ulan"
    assert festival.starts_at == datetime.datetime(
        2024, 10, 11, 19, tzinfo=datetime.UTC
    )
    assert timezone.localdate(festival.starts_at) == datetime.date(2024, 10, 12)
    assert festival.date_precision == Event.DatePrecision.DAY
    assert festival.guests == 5000
    assert sorted(country.code for country in festival.participating_countries) == [
        "CN",
        "HU",
        "KG",
        "KZ",
        "MN",
        "RU",
    ]
    assert festival.sub_events.count() == 3


def test_demo_data_holds_the_aitys_and_the_library_courses():
    load_demo()

    aitys = Event.objects.get(slug="aitys-kalikhan-yskakov-90")
    courses = Event.objects.filter(
        kind=Event.Kind.COURSE, organizers__slug="pushkin-library"
    )

    assert aitys.participants == 12
    assert aitys.date_precision == Event.DatePrecision.MONTH
    assert timezone.localdate(aitys.starts_at) == datetime.date(2025, 3, 1)
    titles = " ".join(event.title_ru for event in courses)
    for programme in ("«MakerSpace»", "«IT technologies»", "«IT for Junior»"):
        assert programme in titles


def test_every_demo_event_is_published_and_complete():
    load_demo()

    for event in Event.objects.prefetch_related("activity_types"):
        assert event.is_published, event.slug
        assert event.title_ru and event.title_kk, event.slug
        assert event.publication_problems(list(event.activity_types.all())) == {}
        event.full_clean()


def test_loading_the_demo_data_twice_duplicates_nothing():
    load_demo()
    once = row_counts()

    load_demo()

    assert row_counts() == once
    assert once["events"] > 20


def test_demo_data_loads_the_same_whatever_language_is_active():
    with translation.override("kk"):
        load_demo()

    hackathon = Event.objects.get(slug="hackathon-shygys-orkeni-2024")
    assert hackathon.title_ru == "IT-хакатон ŞYĞYS ÖRKENІ"
    assert hackathon.title_en == "ŞYĞYS ÖRKENІ IT hackathon"


def test_demo_events_are_found_by_their_words_as_bin_run_loads_them():
    load_demo()
    call_command("refresh_search_words", stdout=io.StringIO())

    festival = Event.objects.get(slug="shygys-salburyny-2024")
    assert not Event.objects.filter(search_document="").exists()
    for words in ("салбурыны", "Бозанбай", "Ұлан ауданы", "falconry"):
        assert festival in Event.objects.search(words), words

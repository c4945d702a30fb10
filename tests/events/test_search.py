"""Search rules of DESIGN.md, with real words of the demo data."""

import pytest

from events.models import Event
from events.search import document, query_prefixes
from tests.factories import (
    local,
    make_event,
    make_organization,
    make_salburyn,
    make_venue,
    venue_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival():
    return make_salburyn(
        summary_ru="Участники из Казахстана, Монголии, Китая.",
        activity_types=("91.03", "13.93"),
    )


@pytest.fixture
def hackathon():
    return make_event(
        title_ru="IT-хакатон ŞYĞYS ÖRKENІ",
        title_kk="ŞYĞYS ÖRKENІ IT-хакатоны",
        kind=Event.Kind.HACKATHON,
        activity_types=("62.01",),
    )


@pytest.fixture
def library_course():
    return make_event(
        title_ru="Образовательная программа «IT for Junior»",
        description_ru="Обучение программированию и 3D-принтингу.",
        venue=make_venue(name_ru="Библиотека имени Пушкина", locality_ru="Өскемен"),
        organizers=[
            make_organization(name_ru="Областная библиотека им. А. С. Пушкина")
        ],
        kind=Event.Kind.COURSE,
    )


def found(query):
    return list(Event.objects.search(query))


def test_search_is_case_insensitive(festival):
    assert found("ШЫҒЫС САЛБУРЫНЫ") == [festival]
    assert found("беркутчи") == [festival]


def test_yo_and_ye_are_the_same_letter():
    event = make_event(title_ru="Ёлка в филармонии")

    assert found("елка") == [event]
    assert found("ЁЛКА") == [event]


def test_russian_word_forms_find_each_other(festival, library_course):
    assert found("фестивали") == [festival]
    assert found("фестивалей беркутчи") == [festival]
    assert found("программы") == [library_course]


def test_plain_transliteration_finds_kazakh_cyrillic(festival, library_course):
    assert found("shygys salburyny") == [festival]
    assert found("oskemen") == [library_course]


def test_2021_latin_alphabet_finds_kazakh_cyrillic(festival):
    assert found("Şyğys") == [festival]


def test_cyrillic_finds_kazakh_latin(hackathon):
    assert found("шығыс өркені") == [hackathon]
    assert found("örkeni") == [hackathon]


def test_search_covers_venue_organizer_and_activity_type(festival, library_course):
    assert found("Бозанбай") == [festival]
    assert found("Пушкина") == [library_course]
    assert found("13.93") == [festival]
    assert found("carpets") == [festival]


def test_search_in_english(festival):
    assert found("falconry") == [festival]


def test_every_word_must_match(festival, hackathon):
    assert found("shygys") == [festival, hackathon]
    assert found("shygys хакатон") == [hackathon]


def test_title_matches_come_first():
    in_summary = make_event(
        title_ru="Концерт оркестра",
        summary_ru="Перед фестивалем",
        starts_at=local(2025, 3, 1, 19),
    )
    in_title = make_event(
        title_ru="Фестиваль духовых оркестров", starts_at=local(2025, 5, 1)
    )

    assert found("фестиваль") == [in_title, in_summary]


def test_nothing_to_look_for_leaves_the_list_alone(festival, hackathon):
    assert found("   ") == [festival, hackathon]
    assert found("«»—!") == [festival, hackathon]


def test_a_huge_or_hostile_query_is_cut_short():
    prefixes = query_prefixes("фестиваль " * 1000 + "\x00 '; DROP TABLE")

    assert prefixes == [" festival"]


def test_canonical_document_of_kazakh_latin_and_cyrillic_is_the_same():
    assert document("ŞYĞYS ÖRKENІ") == document("Шығыс Өркені") == " shygys orkeni "


def test_search_words_follow_a_venue_rename(client, superuser, festival):
    client.force_login(superuser)
    venue = festival.venue

    client.post(
        f"/admin/venues/venue/{venue.pk}/change/",
        venue_form_data(
            venue,
            name_kk="Қыран алаңы",
            name_ru="Поле беркутчи",
            is_wheelchair_accessible="unknown",
        ),
    )

    assert found("қыран") == [festival]

import pytest

from venues.models import District
from venues.reference_data import load_districts

pytestmark = pytest.mark.django_db


def test_migrate_loads_the_two_cities_and_eleven_districts():
    assert District.objects.filter(kind=District.Kind.CITY).count() == 2
    assert District.objects.filter(kind=District.Kind.DISTRICT).count() == 11
    assert list(District.objects.values_list("slug", flat=True)[:2]) == [
        "oskemen",
        "ridder",
    ]


def test_district_names_in_three_languages():
    ulan = District.objects.get(slug="ulan")

    assert (ulan.name_kk, ulan.name_ru, ulan.name_en) == (
        "Ұлан ауданы",
        "Уланский район",
        "Ulan District",
    )


def test_only_the_confirmed_kato_code_is_marked_confirmed():
    assert list(
        District.objects.filter(is_kato_confirmed=True).values_list("slug", "kato")
    ) == [("ulan", "636200000")]
    assert District.objects.get(slug="markakol").kato == ""


def test_abai_region_is_not_in_east_kazakhstan():
    names = District.objects.values_list("name_ru", flat=True)

    assert not any("Семей" in name or "Курчатов" in name for name in names)


def test_loading_twice_creates_nothing_and_keeps_the_rows():
    pks = list(District.objects.values_list("pk", flat=True))

    assert load_districts() == 0

    assert list(District.objects.values_list("pk", flat=True)) == pks


def test_district_names_are_official_names_in_one_style():
    names = District.objects.values_list("name_kk", "name_ru", "name_en")

    assert not [name for row in names for name in row if "(" in name]
    altai = District.objects.get(slug="altai")
    assert (altai.name_ru, altai.other_names) == (
        "район Алтай",
        "Алтайский район, Зыряновский район",
    )
    oskemen = District.objects.get(slug="oskemen")
    assert (oskemen.name_en, oskemen.other_names) == ("Oskemen", "Ust-Kamenogorsk")

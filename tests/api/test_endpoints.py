import pytest

from events.models import ActivityType
from organizations.models import Organization
from tests.factories import (
    district,
    in_each_language,
    make_burkit_tobe,
    make_organization,
    make_venue,
    moment,
)
from venues.models import District

pytestmark = pytest.mark.django_db


def test_a_venue_shows_its_fields_in_every_language(client):
    venue = make_burkit_tobe(
        latitude="49.123456",
        longitude="82.654321",
        capacity=5000,
        is_wheelchair_accessible=True,
        phone="+7 7232 00 00 00",
        website="https://burkit.example.kz/",
    )

    response = client.get("/api/v1/venues/burkit-tobe/")

    assert response.status_code == 200
    assert response.json() == {
        "id": venue.pk,
        "slug": "burkit-tobe",
        "url": in_each_language("/venues/burkit-tobe/"),
        "name": {
            "kk": "«Бүркіт төбе» алаңы",
            "ru": "Площадка «Бүркіт төбе»",
            "en": "Burkit Tobe ground",
        },
        "district": {"id": venue.district_id, "slug": "ulan"},
        "locality": {"kk": "Бозанбай ауылы", "ru": "село Бозанбай", "en": None},
        "address": {"kk": None, "ru": None, "en": None},
        "latitude": 49.123456,
        "longitude": 82.654321,
        "capacity": 5000,
        "is_wheelchair_accessible": True,
        "accessibility": {"kk": None, "ru": None, "en": None},
        "phone": "+7 7232 00 00 00",
        "email": None,
        "website": "https://burkit.example.kz/",
        "image": None,
        "image_alt": {"kk": None, "ru": None, "en": None},
        "created_at": moment(venue.created_at),
        "updated_at": moment(venue.updated_at),
    }
    assert client.get(f"/api/v1/venues/{venue.pk}/").json() == response.json()


def test_venues_are_listed_by_id_a_page_at_a_time(client):
    first = make_venue(district=None)
    second = make_venue()

    body = client.get("/api/v1/venues/?page_size=1").json()

    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 2
    assert [venue["id"] for venue in body["results"]] == [first.pk]
    assert body["results"][0]["district"] is None
    assert body["next"] == "http://testserver/api/v1/venues/?page=2&page_size=1"
    assert client.get(body["next"]).json()["results"][0]["id"] == second.pk
    assert client.get("/api/v1/venues/?page=3&page_size=1").status_code == 404
    assert client.get("/api/v1/venues/?page_size=0").json() == {
        "errors": [
            {
                "parameter": "page_size",
                "value": "0",
                "message": "Not a whole number from 1 to 100.",
            }
        ]
    }
    assert client.get("/api/v1/venues/nowhere/").status_code == 404


def test_an_organization_shows_its_fields_but_not_its_editors(client):
    parent = make_organization(slug="philharmonic-vko")
    oskemen = district("oskemen")
    organization = make_organization(
        name_kk="Ақын мектебі",
        name_ru="Школа поэтов Актана Нурбаева",
        name_en="Aktan Nurbayev School of Poets",
        short_name_ru="Школа поэтов",
        slug="poets-school",
        kind=Organization.Kind.SCHOOL,
        parent=parent,
        district=oskemen,
        email="poets@example.kz",
    )

    response = client.get("/api/v1/organizations/poets-school/")

    assert response.status_code == 200
    assert response.json() == {
        "id": organization.pk,
        "slug": "poets-school",
        "url": in_each_language("/organizations/poets-school/"),
        "name": {
            "kk": "Ақын мектебі",
            "ru": "Школа поэтов Актана Нурбаева",
            "en": "Aktan Nurbayev School of Poets",
        },
        "short_name": {"kk": None, "ru": "Школа поэтов", "en": None},
        "kind": "school",
        "parent": {"id": parent.pk, "slug": "philharmonic-vko"},
        "district": {"id": oskemen.pk, "slug": "oskemen"},
        "description": {"kk": None, "ru": None, "en": None},
        "address": {"kk": None, "ru": None, "en": None},
        "phone": None,
        "email": "poets@example.kz",
        "website": None,
        "logo": None,
        "created_at": moment(organization.created_at),
        "updated_at": moment(organization.updated_at),
    }
    listed = client.get("/api/v1/organizations/").json()
    assert [item["id"] for item in listed["results"]] == [parent.pk, organization.pk]
    assert listed["results"][1] == response.json()


def test_activity_types_are_the_whole_list_with_their_groups(client):
    body = client.get("/api/v1/activity-types/").json()

    assert len(body) == ActivityType.objects.count() == 43
    carpets = next(item for item in body if item["code"] == "13.93")
    assert carpets == {
        "id": ActivityType.objects.get(code="13.93").pk,
        "code": "13.93",
        "url": in_each_language("/events/?activity_type=13.93"),
        "name": {
            "kk": "Кілемдер мен кілем бұйымдарын өндіру",
            "ru": "Производство ковров и ковровых изделий",
            "en": "Manufacture of carpets and rugs",
        },
        "group": {
            "id": carpets["group"]["id"],
            "slug": "crafts",
            "name": {
                "kk": "Қолөнер",
                "ru": "Ремёсла и народные промыслы",
                "en": "Crafts and folk art",
            },
        },
        "is_membership_confirmed": False,
        "is_name_kk_official": False,
        "deprecated_at": None,
        "position": 1,
    }


def test_districts_are_the_whole_list_in_their_order(client):
    body = client.get("/api/v1/districts/").json()

    assert [item["slug"] for item in body] == list(
        District.objects.values_list("slug", flat=True)
    )
    assert len(body) == 13
    ulan = next(item for item in body if item["slug"] == "ulan")
    assert list(ulan) == [
        "id",
        "slug",
        "url",
        "kind",
        "name",
        "centre",
        "kato",
        "position",
    ]
    assert ulan["kind"] == "district"
    assert ulan["name"]["en"] == "Ulan District"
    assert ulan["url"]["ru"] == "http://testserver/ru/events/?district=ulan"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Count, the page with the districts joined.
        ("/api/v1/venues/", 2),
        # Count, the page with the parents and districts joined.
        ("/api/v1/organizations/", 2),
        # The whole list, groups joined.
        ("/api/v1/activity-types/", 1),
        ("/api/v1/districts/", 1),
    ],
)
def test_the_other_lists_cost_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, expected
):
    def add_organizations_and_venues(count):
        for _number in range(count):
            make_organization(parent=make_organization(district="oskemen"))
            make_venue()

    add_organizations_and_venues(2)
    with django_assert_num_queries(expected):
        few = client.get(url)
    add_organizations_and_venues(15)
    with django_assert_num_queries(expected):
        many = client.get(url)

    assert few.status_code == many.status_code == 200

"""Property-based run of every API operation against the API's own OpenAPI schema.

Schemathesis generates requests from the schema (valid ones, and invalid ones
such as a `page` that is not a number) and checks each answer: never a 5xx, a
status code, content type and body the schema documents.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from creative_east.wsgi import application
from events.models import Event
from tests.factories import local, make_event, make_organization, make_venue

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_application():
    """The site's WSGI application, kept from closing the test's connection.

    Django's test client does the same: at the start and end of a request the
    handler closes a connection that is inside a transaction, as every test's
    is, and on PostgreSQL that ends the test's data.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, wsgi_application):
    """The schema the site serves, over a small catalog so lists are not empty."""
    organization = make_organization(slug="library")
    ulan = make_venue(slug="burkit-tobe", district="ulan")
    festival = make_event(
        slug="festival",
        kind=Event.Kind.FESTIVAL,
        venue=ulan,
        organizers=[organization],
        starts_at=local(2025, 10, 8, 10),
        ends_at=local(2025, 10, 11, 18),
        guests=10000,
        participating_countries=["KZ", "MN"],
    )
    make_event(
        slug="1",
        parent=festival,
        online_url="https://meet.example.kz/1",
        venue=None,
        is_free=True,
        age_rating=Event.AgeRating.SIX,
    )
    make_event(price_from=500, price_to=2000, venue=make_venue(district=None))
    make_event(publication_status=Event.PublicationStatus.DRAFT, slug="draft")
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_application)


OPERATIONS = [
    "/api/v1/events/",
    "/api/v1/events/{id_or_slug}/",
    "/api/v1/venues/",
    "/api/v1/venues/{id_or_slug}/",
    "/api/v1/organizations/",
    "/api/v1/organizations/{id_or_slug}/",
    "/api/v1/activity-types/",
    "/api/v1/districts/",
]


def test_every_operation_of_the_schema_is_run_here(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]

    assert sorted(operation.path for operation in operations) == sorted(OPERATIONS)
    assert {operation.method for operation in operations} == {"get"}


# Operations are run one by one with Hypothesis (the schemathesis pytest plugin's
# lazy fixture loader does not run under pytest 9).
@pytest.mark.parametrize(
    ("path", "mode"),
    [
        *((path, GenerationMode.POSITIVE) for path in OPERATIONS),
        # Invalid requests, for the operations that take parameters.
        *(
            (path, GenerationMode.NEGATIVE)
            for path in OPERATIONS
            if path not in ("/api/v1/activity-types/", "/api/v1/districts/")
        ),
    ],
)
def test_the_api_keeps_to_its_schema(api_schema, path, mode):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_to_the_schema(case):
        case.call_and_validate(checks=CHECKS)

    keeps_to_the_schema()

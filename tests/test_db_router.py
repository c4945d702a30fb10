"""Reads go to the replica only for visitors' GET and HEAD, writes always to default."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from creative_east.db_router import (
    PrimaryReplicaRouter,
    PublicReadsMiddleware,
    public_reads,
)
from events.models import Event
from venues.models import Venue

WITH_REPLICA = {"default": {}, "replica": {}}
WITHOUT_REPLICA = {"default": {}}


@pytest.mark.parametrize(
    ("databases", "expected"), [(WITH_REPLICA, "replica"), (WITHOUT_REPLICA, "default")]
)
def test_public_reads_go_to_the_replica_when_there_is_one(databases, expected):
    router = PrimaryReplicaRouter(databases=databases)

    with public_reads():
        assert router.db_for_read(Event) == expected
        assert router.db_for_read(Venue) == expected


def test_reads_outside_a_public_request_go_to_default():
    # Management commands, the shell, the admin: they read what they write.
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)

    assert router.db_for_read(Event) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_default():
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)

    with public_reads(), transaction.atomic():
        assert router.db_for_read(Event) == "default"


@pytest.mark.parametrize("databases", [WITH_REPLICA, WITHOUT_REPLICA])
def test_writes_always_go_to_default(databases):
    router = PrimaryReplicaRouter(databases=databases)

    with public_reads():
        assert router.db_for_write(Event) == "default"
    assert router.db_for_write(Event) == "default"


def test_relations_between_the_two_are_allowed():
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)
    venue, event = Venue(), Event()
    venue._state.db, event._state.db = "replica", "default"

    assert router.allow_relation(venue, event) is True


def test_only_default_is_migrated():
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)

    assert router.allow_migrate("default", "events") is True
    assert router.allow_migrate("replica", "events") is False


@pytest.fixture(autouse=True)
def replica_answers(monkeypatch):
    """A replica that answers (a real one going away: tests/test_read_replica.py)."""
    monkeypatch.setattr(PublicReadsMiddleware, "replica_answers", lambda self: True)


def database_seen_by_the_view(request):
    """The middleware around a view that reports where an Event read would go."""
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)

    def view(request):
        return HttpResponse(router.db_for_read(Event))

    return PublicReadsMiddleware(view)(request).content.decode()


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_visitors_get_reads_from_the_replica(method):
    request = getattr(RequestFactory(), method)("/en/events/")
    request.user = AnonymousUser()

    assert database_seen_by_the_view(request) == "replica"


def test_a_post_reads_from_default():
    request = RequestFactory().post("/en/events/")
    request.user = AnonymousUser()

    assert database_seen_by_the_view(request) == "default"


def test_a_logged_in_users_get_reads_from_default():
    # An editor previewing the draft they have just saved must see it.
    request = RequestFactory().get("/en/events/draft/")
    request.user = SimpleNamespace(is_authenticated=True)

    assert database_seen_by_the_view(request) == "default"


def test_the_replica_is_left_after_the_request():
    router = PrimaryReplicaRouter(databases=WITH_REPLICA)
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()

    database_seen_by_the_view(request)

    assert router.db_for_read(Event) == "default"

"""The rate limit across two application servers, for real.

Two gunicorn servers (separate processes on two ports, one worker each) serve
the site on the test run's database. With DJANGO_CACHE_URL at a Redis of the
test's own they count one allowance per address together, each request at its
cost; without it each counts on its own, as docs/deploy.md says.
"""

import json
import os
import sqlite3
import urllib.error
import urllib.request
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest
from django.db import connection

from benchmarks.servers import Gunicorn, spare_port

pytestmark = pytest.mark.django_db

# An address's allowance, in searches, for a day. django-ratelimit's windows
# end at a fixed moment of each period, not a period after the first request
# (the tests of one process fix the clock; servers cannot): with a minute, one
# run in twenty would have its counts cut in two; with a day, about one in
# forty thousand (a test's requests take about two seconds).
ALLOWANCE = 10
RATE = f"{ALLOWANCE}/d"


@pytest.fixture(scope="module")
def database_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test run's database, for the servers: PostgreSQL's test database
    itself; SQLite's, in this process's memory, copied to a file."""
    if connection.vendor == "sqlite":
        path = tmp_path_factory.mktemp("site") / "site.sqlite3"
        with django_db_blocker.unblock(), sqlite3.connect(path) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    address = urlsplit(os.environ["DATABASE_URL"])
    return address._replace(path="/" + connection.settings_dict["NAME"]).geturl()


def serve(database_url, cache_url=None):
    """Two servers of the site, started together, stopped when done."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="rate-limit-test-only-" + "x" * 40,
        DJANGO_RATELIMIT_SEARCH=RATE,
        # Every request renders and is counted: a kept page would be answered
        # before the rate limit counts it (docs/deploy.md, "Page cache").
        DJANGO_PAGE_CACHE_SECONDS="0",
        DJANGO_LOG_LEVEL="ERROR",
    )
    if cache_url:
        env["DJANGO_CACHE_URL"] = cache_url
    servers = [Gunicorn(env, spare_port(), workers=1) for _ in range(2)]
    with ExitStack() as stop:
        for server in servers:
            server.launch()
            stop.callback(server.kill)
        for server in servers:
            server.wait()
        yield servers


@pytest.fixture(scope="module")
def servers(redis_server, database_url):
    yield from serve(database_url, redis_server.url)


@pytest.fixture
def shared_servers(servers, fresh_redis):
    """The two servers sharing Redis, which has counted nothing yet."""
    return servers


@pytest.fixture
def servers_on_their_own(database_url):
    yield from serve(database_url)


def get(server, path):
    """The status, headers and body a client gets from `server`."""
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def search(number):
    """A search of its own each time: answered anew, counted once."""
    return f"/en/events/?q=concert{number}"


def assert_refused(status, headers, body):
    assert status == 429
    assert 1 <= int(headers["Retry-After"]) <= 24 * 3600
    assert "<h1>Too many requests</h1>" in body


@pytest.mark.parametrize("last", [0, 1], ids=["first server", "second server"])
def test_the_allowance_is_counted_across_both_servers(shared_servers, last):
    # Requests 1 to 10 alternate between the servers, so each has seen five;
    # the 11th is refused whichever server gets it.
    for number in range(ALLOWANCE):
        server = shared_servers[(last + number + 1) % 2]
        status, _, body = get(server, search(number))
        assert status == 200, f"request {number + 1} on port {server.port}"
        assert "Too many requests" not in body

    assert_refused(*get(shared_servers[last], search(ALLOWANCE)))
    assert_refused(*get(shared_servers[1 - last], search(ALLOWANCE + 1)))


def test_each_request_costs_what_it_does_on_either_server(shared_servers):
    first, second = shared_servers
    assert get(first, "/en/events/feed.ics")[0] == 200  # 2 of 10
    assert get(second, "/en/events/export.csv")[0] == 200  # 7
    assert get(first, "/api/v1/events/")[0] == 200  # 8
    assert get(second, "/en/events/feed.rss")[0] == 200  # 10

    assert_refused(*get(first, search(1)))
    status, headers, body = get(second, "/api/v1/events/")
    assert status == 429
    assert headers["Content-Type"] == "application/problem+json"
    assert json.loads(body)["title"] == "Too Many Requests"


def test_without_a_shared_cache_each_server_counts_on_its_own(servers_on_their_own):
    # docs/deploy.md: the counts are "per process without DJANGO_CACHE_URL".
    first, second = servers_on_their_own
    for number in range(ALLOWANCE):
        assert get(first, search(number))[0] == 200
    assert_refused(*get(first, search(ALLOWANCE)))

    # The second server has counted nothing of the first's eleven.
    for number in range(ALLOWANCE):
        assert get(second, search(number))[0] == 200
    assert_refused(*get(second, search(ALLOWANCE)))

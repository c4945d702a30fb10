"""Bursts on the search, feeds, export, sitemaps and API answer 429 with
Retry-After; each costs of the allowance what it does."""

import runpy
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit import core as ratelimit_core

from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def six_a_minute(settings, monkeypatch):
    """Six searches a minute: three feeds (2 each), one export or sitemap (5).

    In the middle of one minute: a test's requests never straddle two.
    """
    settings.RATELIMIT_SEARCH = "6/m"
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: 1.8e9))


def settings_module():
    """The settings as the site would read them from the current environment."""
    path = django_settings.BASE_DIR / "creative_east" / "settings.py"
    return SimpleNamespace(**runpy.run_path(str(path)))


def get(client, path, ip="203.0.113.7", **headers):
    return client.get(path, REMOTE_ADDR=ip, **headers)


def test_the_fourth_feed_request_in_a_minute_gets_429_with_retry_after(client):
    make_event(title="Spring concert")
    for _ in range(3):
        assert get(client, "/en/events/feed.ics").status_code == 200

    response = get(client, "/en/events/feed.ics")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "<h1>Too many requests</h1>" in page
    assert (
        "Too many requests came from your address in a short time. "
        f"Please try again in {response['Retry-After']} second" in page
    )
    assert "Spring concert" not in page


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/en/events/?q=concert", 6),
        ("/api/v1/events/", 6),
        ("/en/events/feed.rss", 3),
        ("/ru/events/feed.ics", 3),
        ("/en/events/export.csv", 1),
        ("/sitemap-events.xml", 1),
        ("/sitemap.xml", 1),
    ],
)
def test_each_limited_view_costs_what_it_does(client, path, allowed):
    for _ in range(allowed):
        assert get(client, path).status_code == 200

    assert get(client, path).status_code == 429


def test_the_apis_429_is_problem_details(client):
    for _ in range(6):
        get(client, "/api/v1/events/")

    response = get(client, "/api/v1/events/")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 429
    assert response.json()["title"] == "Too Many Requests"


def test_the_limit_is_shared_by_the_limited_addresses(client):
    get(client, "/en/events/feed.ics")
    get(client, "/en/events/feed.rss")
    get(client, "/api/v1/events/")
    assert get(client, "/en/events/?q=jazz").status_code == 200

    assert get(client, "/en/events/?q=jazz").status_code == 429


def test_the_list_without_a_search_and_other_pages_are_not_limited(client):
    event = make_event()
    for _ in range(6):
        assert get(client, "/en/events/").status_code == 200
        assert get(client, "/en/events/?q=").status_code == 200
        assert get(client, "/en/events/?kind=concert").status_code == 200
        assert get(client, f"/en/events/{event.slug}/").status_code == 200
        assert get(client, "/healthz").status_code == 200


def test_the_limit_is_per_address(client):
    for _ in range(3):
        get(client, "/en/events/feed.ics", ip="203.0.113.7")
    assert get(client, "/en/events/feed.ics", ip="203.0.113.7").status_code == 429

    assert get(client, "/en/events/feed.ics", ip="198.51.100.2").status_code == 200


def test_x_forwarded_for_is_ignored_unless_behind_our_proxy(client):
    for number in range(4):
        response = get(
            client,
            "/en/events/feed.ics",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    assert response.status_code == 429


def test_behind_our_proxy_the_address_it_adds_is_the_visitors(client, settings):
    settings.RATELIMIT_TRUST_X_FORWARDED_FOR = True
    proxy = "10.0.0.1"
    for _ in range(3):
        get(client, "/en/events/feed.ics", ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert (
        get(
            client, "/en/events/feed.ics", ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1"
        ).status_code
        == 429
    )

    # Another visitor through the same proxy; a forged first entry does not help.
    other = get(
        client,
        "/en/events/feed.ics",
        ip=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 192.0.2.2",
    )
    assert other.status_code == 200
    forged = get(
        client,
        "/en/events/feed.ics",
        ip=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.9, 192.0.2.1",
    )
    assert forged.status_code == 429


def test_off_disables_the_limit(client, settings):
    settings.RATELIMIT_SEARCH = None
    for _ in range(10):
        assert get(client, "/en/events/feed.ics").status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "120/m"), ("30/s", "30/s"), ("off", None), ("OFF", None)],
)
def test_the_rate_is_read_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("DJANGO_RATELIMIT_SEARCH", value)

    rate = settings_module().RATELIMIT_SEARCH

    assert rate == expected


@pytest.mark.parametrize("value", ["fast", "120", "0/m", "-1/m", "10/x"])
def test_a_malformed_rate_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("DJANGO_RATELIMIT_SEARCH", value)

    with pytest.raises(ImproperlyConfigured, match="DJANGO_RATELIMIT_SEARCH must"):
        settings_module()

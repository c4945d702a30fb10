"""A real Redis going away and coming back, under a running site.

The test starts its own redis-server on a spare port (Debian's package, which
every machine of this project has beside PostgreSQL; conftest's fresh_redis),
points the cache at it, stops it mid-run and starts it again.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django_ratelimit import core as ratelimit_core

from creative_east.caches import redis_caches
from tests.factories import PASSWORD, make_event, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(fresh_redis, settings, monkeypatch):
    settings.CACHES = redis_caches(fresh_redis.url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 60
    settings.RATELIMIT_SEARCH = "2/m"
    # One minute throughout: the rate limit's counts never straddle two.
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: 1.8e9))
    return fresh_redis


PAGES = ["/en/", "/en/events/", "/en/events/spring-concert/", "/en/events/feed.ics"]


def served_from_cache(client, path, django_assert_num_queries):
    """Whether the page came from the cache: no query at all."""
    try:
        with django_assert_num_queries(0):
            client.get(path)
    except pytest.fail.Exception:
        return False
    return True


def test_pages_are_served_uncached_while_redis_is_gone_and_kept_once_it_is_back(
    client, redis, django_assert_num_queries
):
    make_event(title_en="Spring concert", slug="spring-concert")
    client.get("/en/events/")
    assert served_from_cache(client, "/en/events/", django_assert_num_queries)

    redis.stop()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Spring concert" in client.get("/en/events/").content.decode()
    assert not served_from_cache(client, "/en/events/", django_assert_num_queries)

    redis.start()  # empty, on the same port; the site is not restarted
    client.get("/en/events/")
    assert served_from_cache(client, "/en/events/", django_assert_num_queries)
    assert cache.get("catalog-version") is not None


def test_without_redis_the_rate_limit_lets_requests_through(client, redis):
    searches = (f"/en/events/?q=concert{number}" for number in range(20))
    for _ in range(2):
        assert client.get(next(searches)).status_code == 200
    assert client.get(next(searches)).status_code == 429

    redis.stop()
    # The documented behaviour: without its counts, nobody is refused.
    for _ in range(5):
        assert client.get(next(searches)).status_code == 200

    redis.start()
    for _ in range(2):
        assert client.get(next(searches)).status_code == 200
    assert client.get(next(searches)).status_code == 429


def test_staff_log_in_and_keep_their_session_while_redis_is_gone(client, redis):
    moderator = make_moderator(username="aigerim")
    redis.stop()

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": moderator.username, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    redis.start()
    assert client.get("/admin/").status_code == 200

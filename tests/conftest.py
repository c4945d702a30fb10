import os
import shutil

import pytest
from django.test import Client
from django.utils import translation
from redis import Redis

from benchmarks.servers import RedisServer, spare_port
from tests.factories import make_editor, make_moderator, make_organization, make_user


@pytest.fixture(autouse=True)
def english():
    """Tests read messages in English unless they ask for another language."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Tests hit the search and feeds many times; tests/test_rate_limits.py sets a rate."""
    settings.RATELIMIT_SEARCH = None


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (imagekit keeps rendition state there)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_outside_the_project(settings, tmp_path_factory):
    """No test writes in the project's media/ (generated covers, renditions of
    tests that do not ask for a `media_root` of their own)."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads and renditions go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The people of the admin tests: a library with its editor, a theatre, a moderator,
# a superuser.


@pytest.fixture
def library():
    return make_organization(name="Pushkin library", slug="library")


@pytest.fixture
def theatre():
    return make_organization(name="Drama theatre", slug="theatre")


@pytest.fixture
def editor(library):
    """The library's editor."""
    return make_editor(library, username="librarian", email="librarian@example.org")


@pytest.fixture
def moderator():
    return make_moderator(username="aigerim", email="aigerim@example.org")


@pytest.fixture
def superuser():
    return make_user(username="admin", is_superuser=True)


@pytest.fixture
def moderator_client(moderator):
    """A client logged in as the moderator, apart from a visitor's `client`."""
    staff = Client(headers={"accept-language": "en"})
    staff.force_login(moderator)
    return staff


@pytest.fixture
def editor_client(editor):
    """A client logged in as the library's editor."""
    staff = Client(headers={"accept-language": "en"})
    staff.force_login(editor)
    return staff


@pytest.fixture(autouse=True)
def no_map_tiles(settings):
    """Maps draw their markers on a plain background: no tile server offline."""
    settings.MAP_TILE_URL = ""


@pytest.fixture(scope="module")
def redis_server():
    """A real Redis of the test module's own on a spare port (Debian's
    redis-server). Without the program the module's Redis tests are skipped,
    except under CI, where they fail."""
    if shutil.which("redis-server") is None:
        reason = "needs Debian's redis-server (apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Redis tests: {reason}")
        pytest.skip(reason)
    server = RedisServer(spare_port())
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def fresh_redis(redis_server):
    """The module's Redis, running and empty, whatever an earlier test did."""
    if redis_server.process.poll() is not None:
        redis_server.start()
    Redis(port=redis_server.port).flushall()
    return redis_server

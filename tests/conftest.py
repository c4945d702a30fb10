import pytest
from django.test import Client
from django.utils import translation


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

"""The shared cache: Redis, when DJANGO_CACHE_URL names one.

Without Redis the site carries on (django-redis, IGNORE_EXCEPTIONS): what it
would read is missing, what it would keep is not kept (pages served uncached,
the rate limit lets requests through, sessions read from the database), and it
is kept again once Redis is back, with no restart. A host that does not answer
costs each call at most the connect timeout (tests/test_redis_outage.py).
"""


def redis_caches(url: str) -> dict:
    """CACHES with Redis at `url` as the default cache."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }

"""The site's settings, plus the floor view the benchmark compares pages with."""

from creative_east.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# The floor is the least a request costs: not even a page cache look-up.
PAGE_CACHE_EXEMPT_PATHS = [*PAGE_CACHE_EXEMPT_PATHS, "/benchmark-floor/"]  # noqa: F405
